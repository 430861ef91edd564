-- mart.sales_monthly: month x region x channel. A customer is new in the month of its first confirmed
-- order, counted under that order's channel and the customer's region.
WITH first_orders AS (
  SELECT order_id
  FROM (SELECT order_id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY ordered_at, order_id) AS n
        FROM stg_order_revenue)
  WHERE n = 1
)
SELECT o.month,
       c.region_code,
       r.region_name,
       o.channel,
       COUNT(*) AS orders,
       CAST(SUM(o.revenue) AS DECIMAL(18,2)) AS revenue,
       CAST(SUM(o.gross_profit) AS DECIMAL(18,2)) AS gross_profit,
       COUNT(f.order_id) AS new_customers
FROM stg_order_revenue o
JOIN stg_customers c ON c.customer_id = o.customer_id
JOIN stg_regions r ON r.region_code = c.region_code
LEFT JOIN first_orders f ON f.order_id = o.order_id
GROUP BY o.month, c.region_code, r.region_name, o.channel
