-- Confirmed orders that still exist in the order system, with revenue and gross profit from their lines.
-- month and order_date are in the business time zone (the Spark session time zone).
WITH lines AS (
  SELECT l.order_id,
         SUM(l.line_amount) AS revenue,
         SUM(l.line_amount - l.quantity * p.unit_cost) AS gross_profit
  FROM raw.orders_order_lines l
  JOIN raw.orders_products p ON p.product_id = l.product_id
  WHERE l._op = 'U'
  GROUP BY l.order_id
)
SELECT o.order_id, o.customer_id, o.rep_id, o.channel, o.ordered_at,
       CAST(o.ordered_at AS DATE) AS order_date,
       CAST(date_trunc('MONTH', o.ordered_at) AS DATE) AS month,
       o.amount, l.revenue, l.gross_profit
FROM raw.orders_orders o
JOIN lines l ON l.order_id = o.order_id
WHERE o._op = 'U' AND o.status = 'confirmed'
