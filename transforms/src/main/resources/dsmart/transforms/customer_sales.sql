-- mart.customer_sales: lifetime confirmed sales per customer.
SELECT c.customer_id,
       c.customer_name,
       r.region_name,
       COUNT(*) AS orders,
       CAST(SUM(o.revenue) AS DECIMAL(18,2)) AS revenue,
       CAST(SUM(o.gross_profit) AS DECIMAL(18,2)) AS gross_profit,
       MIN(o.order_date) AS first_order_date,
       MAX(o.order_date) AS last_order_date
FROM stg_order_revenue o
JOIN stg_customers c ON c.customer_id = o.customer_id
JOIN stg_regions r ON r.region_code = c.region_code
GROUP BY c.customer_id, c.customer_name, r.region_name
