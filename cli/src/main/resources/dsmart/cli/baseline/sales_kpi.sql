-- Baseline of mart.sales_kpi (DuckDB over the raw tables): rep, team, region and company rows per month, quarter
-- and year, plus the rep x month x channel x category detail. Business dates: the connection's time zone.
WITH rep AS (
  SELECT r.rep_id, r.team_id, t.region_code, r.hired_on, r.left_on
  FROM raw.crm_reps r, raw.crm_teams t
  WHERE r._op = 'U' AND t._op = 'U' AND t.team_id = r.team_id
),
prod AS (SELECT product_id, category, unit_cost FROM raw.orders_products WHERE _op = 'U'),
ord AS (
  SELECT order_id, customer_id, rep_id, channel, ordered_at, date_trunc('month', CAST(ordered_at AS DATE)) AS month
  FROM raw.orders_orders WHERE _op = 'U' AND status = 'confirmed'
),
line AS (
  SELECT o.rep_id, o.month, o.channel, p.category, o.order_id, l.line_amount AS amount,
         l.line_amount - l.quantity * p.unit_cost AS profit
  FROM ord o, raw.orders_order_lines l, prod p
  WHERE l._op = 'U' AND l.order_id = o.order_id AND p.product_id = l.product_id
),
ret AS (
  SELECT o.rep_id, date_trunc('month', CAST(r.received_at AS DATE)) AS month, o.channel, p.category, rl.amount,
         rl.amount - rl.quantity * p.unit_cost AS profit
  FROM raw.orders_order_returns r, raw.orders_order_return_lines rl, ord o, prod p
  WHERE r._op = 'U' AND rl._op = 'U' AND r.status = 'received' AND r.received_at IS NOT NULL
    AND rl.return_id = r.return_id AND o.order_id = r.order_id AND p.product_id = rl.product_id
),
detail AS (
  SELECT rep_id, month, channel, category, SUM(gross) AS gross_sales, SUM(returned) AS returns, SUM(profit) AS gross_profit,
         COUNT(DISTINCT order_id) AS orders
  FROM (SELECT rep_id, month, channel, category, order_id, amount AS gross, 0 AS returned, profit FROM line
        UNION ALL
        SELECT rep_id, month, channel, category, NULL, 0, amount, -profit FROM ret)
  GROUP BY rep_id, month, channel, category
),
money AS (
  SELECT rep_id, month, SUM(gross_sales) AS gross_sales, SUM(returns) AS returns, SUM(gross_profit) AS gross_profit
  FROM detail GROUP BY rep_id, month
),
order_count AS (
  SELECT o.rep_id, o.month, COUNT(*) AS orders FROM ord o
  WHERE o.order_id IN (SELECT order_id FROM raw.orders_order_lines WHERE _op = 'U')
  GROUP BY o.rep_id, o.month
),
newcomers AS (
  SELECT first_order.rep_id, first_order.month, COUNT(*) AS new_customers
  FROM (SELECT customer_id, arg_min({'rep_id': rep_id, 'month': month}, (ordered_at, order_id)) AS first_order FROM ord GROUP BY customer_id)
  GROUP BY ALL
),
survey AS (
  SELECT rep_id, date_trunc('month', CAST(answered_at AS DATE)) AS month, SUM(score) AS score_sum, COUNT(*) AS responses
  FROM raw.crm_satisfaction_surveys WHERE _op = 'U' AND answered_at IS NOT NULL AND score IS NOT NULL
  GROUP BY ALL
),
quota AS (SELECT rep_id, quota_month AS month, SUM(amount) AS quota FROM raw.crm_quotas WHERE _op = 'U' GROUP BY ALL),
active AS (
  SELECT rep_id, month FROM detail UNION SELECT rep_id, month FROM survey UNION SELECT rep_id, month FROM quota
),
cal AS (
  SELECT CAST(unnest(generate_series(MIN(month), MAX(month), INTERVAL 1 MONTH)) AS DATE) AS month FROM active
),
rep_month AS (
  SELECT DISTINCT rep_id, month FROM (
    SELECT r.rep_id, c.month FROM rep r, cal c WHERE r.hired_on <= last_day(c.month) AND coalesce(r.left_on, c.month) >= c.month
    UNION ALL SELECT rep_id, month FROM active)
),
base AS (
  SELECT m.rep_id, r.team_id, r.region_code, m.month,
         coalesce(s.gross_sales, 0) AS gross_sales, coalesce(s.returns, 0) AS returns, coalesce(s.gross_profit, 0) AS gross_profit,
         coalesce(n.orders, 0) AS orders, coalesce(f.new_customers, 0) AS new_customers,
         coalesce(v.score_sum, 0) AS score_sum, coalesce(v.responses, 0) AS responses, q.quota
  FROM rep_month m
  JOIN rep r USING (rep_id)
  LEFT JOIN money s USING (rep_id, month)
  LEFT JOIN order_count n USING (rep_id, month)
  LEFT JOIN newcomers f USING (rep_id, month)
  LEFT JOIN survey v USING (rep_id, month)
  LEFT JOIN quota q USING (rep_id, month)
),
per_period AS (
  SELECT 'month' AS period_type, month AS period_start, * EXCLUDE (month) FROM base
  UNION ALL SELECT 'quarter', date_trunc('quarter', month), * EXCLUDE (month) FROM base
  UNION ALL SELECT 'year', date_trunc('year', month), * EXCLUDE (month) FROM base
),
levels AS (
  SELECT period_type, period_start, 'rep' AS level, rep_id, team_id, region_code, SUM(gross_sales) AS g, SUM(returns) AS rt,
         SUM(gross_profit) AS gp, SUM(orders) AS o, SUM(new_customers) AS nc, SUM(score_sum) AS ss, SUM(responses) AS rs, SUM(quota) AS q
  FROM per_period GROUP BY period_type, period_start, rep_id, team_id, region_code
  UNION ALL
  SELECT period_type, period_start, 'team', NULL, team_id, region_code, SUM(gross_sales), SUM(returns), SUM(gross_profit), SUM(orders),
         SUM(new_customers), SUM(score_sum), SUM(responses), SUM(quota)
  FROM per_period GROUP BY period_type, period_start, team_id, region_code
  UNION ALL
  SELECT period_type, period_start, 'region', NULL, NULL, region_code, SUM(gross_sales), SUM(returns), SUM(gross_profit), SUM(orders),
         SUM(new_customers), SUM(score_sum), SUM(responses), SUM(quota)
  FROM per_period GROUP BY period_type, period_start, region_code
  UNION ALL
  SELECT period_type, period_start, 'company', NULL, NULL, NULL, SUM(gross_sales), SUM(returns), SUM(gross_profit), SUM(orders),
         SUM(new_customers), SUM(score_sum), SUM(responses), SUM(quota)
  FROM per_period GROUP BY period_type, period_start
)
SELECT period_type, CAST(period_start AS DATE) AS period_start, level, rep_id, team_id, region_code, 'all' AS channel, 'all' AS category,
       CAST(g AS DECIMAL(18,2)) AS gross_sales, CAST(rt AS DECIMAL(18,2)) AS returns, CAST(g - rt AS DECIMAL(18,2)) AS net_sales,
       CAST(gp AS DECIMAL(18,2)) AS gross_profit, o AS orders, nc AS new_customers, rs AS survey_responses,
       -- ss / rs rounded half-up to 2 places exactly (a DOUBLE quotient cast to DECIMAL rounds 161 / 40 = 4.025 to 4.02)
       CASE WHEN rs > 0 THEN CAST(CAST((CAST(ss AS HUGEINT) * 200 + rs) // (2 * rs) AS DECIMAL(18,0)) * 0.01 AS DECIMAL(4,2)) END
           AS satisfaction_avg,
       CAST(q AS DECIMAL(18,2)) AS quota,
       -- DuckDB divides DECIMALs as DOUBLE: (g - rt) / q rounded half-up to 4 places exactly, in whole cents instead
       CASE WHEN q > 0 THEN CAST(CAST(CASE WHEN net_cents < 0 THEN -((-net_cents * 20000 + quota_cents) // (2 * quota_cents))
                                          ELSE (net_cents * 20000 + quota_cents) // (2 * quota_cents) END AS DECIMAL(18,0))
                                 * 0.0001 AS DECIMAL(9,4)) END AS completion_rate
FROM (SELECT *, CAST((g - rt) * 100 AS HUGEINT) AS net_cents, CAST(q * 100 AS HUGEINT) AS quota_cents FROM levels)
UNION ALL
SELECT 'month', CAST(d.month AS DATE), 'rep_channel_category', d.rep_id, r.team_id, r.region_code, d.channel, d.category,
       CAST(d.gross_sales AS DECIMAL(18,2)), CAST(d.returns AS DECIMAL(18,2)), CAST(d.gross_sales - d.returns AS DECIMAL(18,2)),
       CAST(d.gross_profit AS DECIMAL(18,2)), d.orders, NULL, NULL, NULL, NULL, NULL
FROM detail d JOIN rep r USING (rep_id)
