-- mart.customer_tier_history: A/B/C per buying customer per month (P-4.2). See docs/marts.md.
WITH products AS (SELECT product_id, unit_cost FROM raw.orders_products WHERE _op = 'U'),
returns AS (
  SELECT r.customer_id, CAST(date_trunc('MONTH', r.received_at) AS DATE) AS month, SUM(rl.amount) AS returned
  FROM raw.orders_order_returns r
  JOIN raw.orders_order_return_lines rl ON rl.return_id = r.return_id AND rl._op = 'U'
  WHERE r._op = 'U' AND r.status = 'received' AND r.received_at IS NOT NULL
  GROUP BY 1, 2
),
sales AS (SELECT customer_id, month, SUM(revenue) AS revenue, COUNT(*) AS orders FROM stg_order_revenue GROUP BY 1, 2),
firsts AS (SELECT customer_id, MIN(month) AS first_month FROM stg_order_revenue GROUP BY 1),
bounds AS (SELECT MIN(month) AS lo, MAX(month) AS hi FROM stg_order_revenue),
months AS (SELECT explode(sequence(lo, hi, INTERVAL 1 MONTH)) AS month FROM bounds WHERE lo IS NOT NULL),
cm AS (
  SELECT f.customer_id, m.month, f.first_month,
         COALESCE(s.revenue, 0) - COALESCE(r.returned, 0) AS net, COALESCE(s.orders, 0) AS orders
  FROM firsts f
  JOIN months m ON m.month >= f.first_month
  LEFT JOIN sales s ON s.customer_id = f.customer_id AND s.month = m.month
  LEFT JOIN returns r ON r.customer_id = f.customer_id AND r.month = m.month
),
windows AS (
  SELECT customer_id, month, first_month,
         SUM(net) OVER w12 AS amount_12m,
         SUM(orders) OVER w12 AS orders_12m,
         SUM(CASE WHEN orders > 0 THEN 1 ELSE 0 END) OVER w12 AS active_months_12m,
         SUM(net) OVER (PARTITION BY customer_id ORDER BY month ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) * 4 AS potential_value,
         MAX(CASE WHEN orders > 0 THEN month END) OVER (PARTITION BY customer_id ORDER BY month ROWS UNBOUNDED PRECEDING) AS last_order_month
  FROM cm
  WINDOW w12 AS (PARTITION BY customer_id ORDER BY month ROWS BETWEEN 11 PRECEDING AND CURRENT ROW)
),
-- amounts narrowed to DECIMAL(20,2) before dividing: from DECIMAL(38,2) Spark would keep only 6 decimals of the
-- quotient, enough to move a score by a cent (found by the DuckDB baseline of `dsmart bench`)
components AS (
  SELECT *,
         least(CAST(greatest(amount_12m, 0) AS DECIMAL(20,2)) / {{setting:tiers.full.amount}}, 1) AS c_amount,
         least(orders_12m / {{setting:tiers.full.orders}}, 1) AS c_frequency,
         least(CAST(greatest(potential_value, 0) AS DECIMAL(20,2)) / {{setting:tiers.full.amount}}, 1) AS c_potential,
         (least(CAST(months_between(month, first_month) AS INT) + 1, 12) / 12
          + greatest(12 - CAST(months_between(month, last_order_month) AS INT), 0) / 12
          + active_months_12m / 12) / 3 AS c_loyalty
  FROM windows
),
scored AS (
  SELECT *,
         {{setting:tiers.weight.amount}} * c_amount AS p_amount,
         {{setting:tiers.weight.frequency}} * c_frequency AS p_frequency,
         {{setting:tiers.weight.potential}} * c_potential AS p_potential,
         {{setting:tiers.weight.loyalty}} * c_loyalty AS p_loyalty
  FROM components
),
tiered AS (
  SELECT *,
         CAST(round(p_amount + p_frequency + p_potential + p_loyalty, 2) AS DECIMAL(7,2)) AS score
  FROM scored
),
tiers AS (
  SELECT *,
         CASE WHEN score >= {{setting:tiers.cut.a}} THEN 'A' WHEN score >= {{setting:tiers.cut.b}} THEN 'B' ELSE 'C' END AS tier
  FROM tiered
),
lagged AS (
  SELECT *,
         LAG(tier) OVER (PARTITION BY customer_id ORDER BY month) AS previous_tier,
         p_amount - LAG(p_amount) OVER (PARTITION BY customer_id ORDER BY month) AS d_amount,
         p_frequency - LAG(p_frequency) OVER (PARTITION BY customer_id ORDER BY month) AS d_frequency,
         p_potential - LAG(p_potential) OVER (PARTITION BY customer_id ORDER BY month) AS d_potential,
         p_loyalty - LAG(p_loyalty) OVER (PARTITION BY customer_id ORDER BY month) AS d_loyalty
  FROM tiers
)
SELECT customer_id, month, tier, score,
       CAST(amount_12m AS DECIMAL(18,2)) AS amount_12m,
       CAST(orders_12m AS BIGINT) AS orders_12m,
       CAST(potential_value AS DECIMAL(18,2)) AS potential_value,
       CAST(c_loyalty AS DECIMAL(5,4)) AS loyalty,
       previous_tier,
       CASE WHEN previous_tier IS NULL THEN 'new' WHEN tier < previous_tier THEN 'up' WHEN tier > previous_tier THEN 'down' ELSE 'none' END AS migration,
       CASE WHEN previous_tier IS NULL THEN 'first order'
            WHEN tier <> previous_tier THEN
              -- the component whose weighted points moved most in the migration's direction; ties: amount, frequency, potential, loyalty
              element_at(array('amount', 'frequency', 'potential', 'loyalty'), CAST(
                  array_position(array(sgn * d_amount, sgn * d_frequency, sgn * d_potential, sgn * d_loyalty),
                                 array_max(array(sgn * d_amount, sgn * d_frequency, sgn * d_potential, sgn * d_loyalty))) AS INT))
       END AS migration_reason
FROM (SELECT *, CASE WHEN tier < previous_tier THEN 1 ELSE -1 END AS sgn FROM lagged)
