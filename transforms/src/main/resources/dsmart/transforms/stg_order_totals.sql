-- The totals of stg_order_revenue that the sales marts' checks reconcile to: one row, computed once per run.
SELECT CAST(SUM(revenue) AS DECIMAL(20,2)) AS revenue, COUNT(*) AS orders, COUNT(DISTINCT customer_id) AS customers
FROM stg_order_revenue
