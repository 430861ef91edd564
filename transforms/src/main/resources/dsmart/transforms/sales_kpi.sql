-- mart.sales_kpi: appraisal KPIs (P-2.3) per period x organisation level, plus rep x month x channel x
-- product category detail. See docs/marts.md "mart.sales_kpi" for the grain, columns and methods.
-- Business dates are CAST(timestamp AS DATE) in the session (business) time zone, as in staging.
WITH reps AS (
  SELECT r.rep_id, r.team_id, t.region_code, r.hired_on, r.left_on
  FROM raw.crm_reps r
  JOIN raw.crm_teams t ON t.team_id = r.team_id AND t._op = 'U'
  WHERE r._op = 'U'
),
products AS (
  SELECT product_id, category, unit_cost FROM raw.orders_products WHERE _op = 'U'
),
orders AS (
  SELECT order_id, customer_id, rep_id, channel, ordered_at,
         CAST(date_trunc('MONTH', ordered_at) AS DATE) AS month
  FROM raw.orders_orders
  WHERE _op = 'U' AND status = 'confirmed'
),
-- sales by line (+) and returned goods by return line (-), dated by order month / return receipt month
moves AS (
  SELECT o.rep_id, o.month, o.channel, p.category, o.order_id,
         l.line_amount AS gross_sales,
         CAST(0 AS DECIMAL(18,2)) AS returns,
         l.line_amount - l.quantity * p.unit_cost AS gross_profit
  FROM orders o
  JOIN raw.orders_order_lines l ON l.order_id = o.order_id AND l._op = 'U'
  JOIN products p ON p.product_id = l.product_id
  UNION ALL
  SELECT o.rep_id, CAST(date_trunc('MONTH', r.received_at) AS DATE), o.channel, p.category, CAST(NULL AS BIGINT),
         CAST(0 AS DECIMAL(18,2)),
         rl.amount,
         -(rl.amount - rl.quantity * p.unit_cost)
  FROM raw.orders_order_returns r
  JOIN raw.orders_order_return_lines rl ON rl.return_id = r.return_id AND rl._op = 'U'
  JOIN orders o ON o.order_id = r.order_id
  JOIN products p ON p.product_id = rl.product_id
  WHERE r._op = 'U' AND r.status = 'received' AND r.received_at IS NOT NULL
),
detail AS (
  SELECT rep_id, month, channel, category,
         CAST(SUM(gross_sales) AS DECIMAL(18,2)) AS gross_sales,
         CAST(SUM(returns) AS DECIMAL(18,2)) AS returns,
         CAST(SUM(gross_profit) AS DECIMAL(18,2)) AS gross_profit,
         COUNT(DISTINCT order_id) AS orders
  FROM moves
  GROUP BY rep_id, month, channel, category
),
first_orders AS (
  SELECT rep_id, month, COUNT(*) AS new_customers
  FROM (SELECT rep_id, month, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY ordered_at, order_id) AS n FROM orders)
  WHERE n = 1
  GROUP BY rep_id, month
),
surveys AS (
  SELECT rep_id, CAST(date_trunc('MONTH', answered_at) AS DATE) AS month,
         SUM(score) AS score_sum, COUNT(*) AS responses
  FROM raw.crm_satisfaction_surveys
  WHERE _op = 'U' AND answered_at IS NOT NULL AND score IS NOT NULL
  GROUP BY 1, 2
),
quotas AS (
  SELECT rep_id, quota_month AS month, CAST(SUM(amount) AS DECIMAL(18,2)) AS quota
  FROM raw.crm_quotas WHERE _op = 'U' GROUP BY 1, 2
),
activity AS (
  SELECT rep_id, month FROM detail
  UNION SELECT rep_id, month FROM surveys
  UNION SELECT rep_id, month FROM quotas
),
bounds AS (SELECT MIN(month) AS first_month, MAX(month) AS last_month FROM activity),
months AS (
  SELECT explode(sequence(first_month, last_month, INTERVAL 1 MONTH)) AS month FROM bounds WHERE first_month IS NOT NULL
),
-- every rep employed during the month (hired on or before its last day, not left before its first day)
-- plus any rep-month with activity: an idle rep gets a row of zeros
rep_months AS (
  SELECT r.rep_id, m.month
  FROM reps r JOIN months m
    ON r.hired_on <= last_day(m.month) AND (r.left_on IS NULL OR r.left_on >= m.month)
  UNION
  SELECT rep_id, month FROM activity
),
rep_month AS (
  SELECT rm.rep_id, r.team_id, r.region_code, rm.month,
         COALESCE(d.gross_sales, 0) AS gross_sales, COALESCE(d.returns, 0) AS returns,
         COALESCE(d.gross_profit, 0) AS gross_profit, COALESCE(d.orders, 0) AS orders,
         COALESCE(f.new_customers, 0) AS new_customers,
         COALESCE(s.score_sum, 0) AS score_sum, COALESCE(s.responses, 0) AS responses,
         q.quota
  FROM rep_months rm
  JOIN reps r ON r.rep_id = rm.rep_id
  LEFT JOIN (SELECT rep_id, month, SUM(gross_sales) AS gross_sales, SUM(returns) AS returns,
                    SUM(gross_profit) AS gross_profit, SUM(orders) AS orders
             FROM (SELECT rep_id, month, gross_sales, returns, gross_profit, 0 AS orders FROM detail
                   UNION ALL
                   SELECT o.rep_id, o.month, 0, 0, 0, COUNT(*) FROM orders o
                   WHERE EXISTS (SELECT 1 FROM raw.orders_order_lines l WHERE l.order_id = o.order_id AND l._op = 'U')
                   GROUP BY o.rep_id, o.month)
             GROUP BY rep_id, month) d ON d.rep_id = rm.rep_id AND d.month = rm.month
  LEFT JOIN first_orders f ON f.rep_id = rm.rep_id AND f.month = rm.month
  LEFT JOIN surveys s ON s.rep_id = rm.rep_id AND s.month = rm.month
  LEFT JOIN quotas q ON q.rep_id = rm.rep_id AND q.month = rm.month
),
periods AS (
  SELECT p.period_type, p.period_start, rm.*
  FROM rep_month rm
  LATERAL VIEW inline(array(
      named_struct('period_type', 'month', 'period_start', rm.month),
      named_struct('period_type', 'quarter', 'period_start', CAST(date_trunc('QUARTER', rm.month) AS DATE)),
      named_struct('period_type', 'year', 'period_start', CAST(date_trunc('YEAR', rm.month) AS DATE)))) p
),
rollup AS (
  SELECT period_type, period_start,
         CASE WHEN grouping(rep_id) = 0 THEN 'rep' WHEN grouping(team_id) = 0 THEN 'team'
              WHEN grouping(region_code) = 0 THEN 'region' ELSE 'company' END AS level,
         rep_id, team_id, region_code,
         SUM(gross_sales) AS gross_sales, SUM(returns) AS returns, SUM(gross_profit) AS gross_profit,
         SUM(orders) AS orders, SUM(new_customers) AS new_customers,
         SUM(score_sum) AS score_sum, SUM(responses) AS responses, SUM(quota) AS quota
  FROM periods
  GROUP BY GROUPING SETS (
      (period_type, period_start, rep_id, team_id, region_code),
      (period_type, period_start, team_id, region_code),
      (period_type, period_start, region_code),
      (period_type, period_start))
),
all_rows AS (
  SELECT period_type, period_start, level, rep_id, team_id, region_code,
         'all' AS channel, 'all' AS category,
         gross_sales, returns, gross_profit, orders, new_customers, score_sum, responses, quota
  FROM rollup
  UNION ALL
  SELECT 'month', d.month, 'rep_channel_category', d.rep_id, r.team_id, r.region_code, d.channel, d.category,
         d.gross_sales, d.returns, d.gross_profit, d.orders,
         CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS DECIMAL(18,2))
  FROM detail d JOIN reps r ON r.rep_id = d.rep_id
)
SELECT period_type, period_start, level, rep_id, team_id, region_code, channel, category,
       CAST(gross_sales AS DECIMAL(18,2)) AS gross_sales,
       CAST(returns AS DECIMAL(18,2)) AS returns,
       CAST(gross_sales - returns AS DECIMAL(18,2)) AS net_sales,
       CAST(gross_profit AS DECIMAL(18,2)) AS gross_profit,
       CAST(orders AS BIGINT) AS orders,
       CAST(new_customers AS BIGINT) AS new_customers,
       CAST(responses AS BIGINT) AS survey_responses,
       -- as DECIMAL, not DOUBLE: rounded half-up from the exact quotient
       CAST(CASE WHEN responses > 0 THEN CAST(score_sum AS DECIMAL(38,20)) / responses END AS DECIMAL(4,2)) AS satisfaction_avg,
       CAST(quota AS DECIMAL(18,2)) AS quota,
       -- divided at scale 18, then rounded once: a quotient at Spark's default scale 6 rounded again to 4 places is off by
       -- 0.0001 for about 1 row in 300 (0.12344951 -> 0.123450 -> 0.1235)
       CAST(CASE WHEN quota > 0 THEN CAST(gross_sales - returns AS DECIMAL(38,20)) / quota END AS DECIMAL(9,4)) AS completion_rate
FROM all_rows
