-- Baseline of mart.customer_tier (DuckDB over the raw tables): each buying customer's score and tier in the
-- latest month with a confirmed order, computed for that month only (no month-by-month history).
WITH sale AS (
  SELECT o.customer_id, o.order_id, date_trunc('month', CAST(o.ordered_at AS DATE)) AS month, SUM(l.line_amount) AS revenue
  FROM raw.orders_orders o, raw.orders_order_lines l, raw.orders_products p
  WHERE o._op = 'U' AND o.status = 'confirmed' AND l._op = 'U' AND l.order_id = o.order_id AND p.product_id = l.product_id
  GROUP BY ALL
),
now AS (SELECT MAX(month) AS month FROM sale),
buyer AS (
  SELECT customer_id, MIN(month) AS first_month, MAX(month) AS last_month FROM sale GROUP BY customer_id
),
returned AS (
  SELECT r.customer_id, date_trunc('month', CAST(r.received_at AS DATE)) AS month, SUM(rl.amount) AS amount
  FROM raw.orders_order_returns r, raw.orders_order_return_lines rl
  WHERE r._op = 'U' AND rl._op = 'U' AND rl.return_id = r.return_id AND r.status = 'received' AND r.received_at IS NOT NULL
  GROUP BY ALL
),
-- months counted back from the latest month: 0 = the latest month; only months since the customer's first order count
net AS (
  SELECT customer_id, date_diff('month', month, (SELECT month FROM now)) AS back, amount, orders
  FROM (SELECT customer_id, month, revenue AS amount, 1 AS orders FROM sale
        UNION ALL SELECT customer_id, month, -amount, 0 FROM returned)
  JOIN buyer USING (customer_id)
  WHERE month >= first_month AND month <= (SELECT month FROM now)
),
figures AS (
  SELECT b.customer_id,
         coalesce(SUM(n.amount) FILTER (WHERE n.back < 12), 0) AS amount_12m,
         coalesce(SUM(n.orders) FILTER (WHERE n.back < 12), 0) AS orders_12m,
         coalesce(SUM(n.amount) FILTER (WHERE n.back < 3), 0) * 4 AS potential_value,
         COUNT(DISTINCT n.back) FILTER (WHERE n.back < 12 AND n.orders > 0) AS active_months,
         least(date_diff('month', b.first_month, (SELECT month FROM now)) + 1, 12) AS tenure,
         greatest(12 - date_diff('month', b.last_month, (SELECT month FROM now)), 0) AS recency
  FROM buyer b LEFT JOIN net n USING (customer_id)
  GROUP BY b.customer_id, b.first_month, b.last_month
),
scored AS (
  SELECT *,
         (tenure + recency + active_months) / 36.0 AS loyalty,
         round({{setting:tiers.weight.amount}} * least(greatest(amount_12m, 0) / {{setting:tiers.full.amount}}, 1)
             + {{setting:tiers.weight.frequency}} * least(orders_12m / {{setting:tiers.full.orders}}, 1)
             + {{setting:tiers.weight.potential}} * least(greatest(potential_value, 0) / {{setting:tiers.full.amount}}, 1)
             + {{setting:tiers.weight.loyalty}} * (tenure + recency + active_months) / 36.0, 2) AS score
  FROM figures
)
SELECT s.customer_id, CAST((SELECT month FROM now) AS DATE) AS month,
       CASE WHEN s.score >= {{setting:tiers.cut.a}} THEN 'A' WHEN s.score >= {{setting:tiers.cut.b}} THEN 'B' ELSE 'C' END AS tier,
       CAST(s.score AS DECIMAL(7,2)) AS score, CAST(s.amount_12m AS DECIMAL(18,2)) AS amount_12m, CAST(s.orders_12m AS BIGINT) AS orders_12m,
       CAST(s.potential_value AS DECIMAL(18,2)) AS potential_value, CAST(s.loyalty AS DECIMAL(5,4)) AS loyalty
FROM scored s
WHERE s.customer_id IN (SELECT customer_id FROM raw.crm_customers)
