-- mart.market_indicator: market early-warning indicators (P-5.1) per grain (daily, weekly, monthly) x period x
-- dimension (all, region, category, channel). See docs/marts.md "mart.market_indicator" for every definition.
-- Business dates are CAST(timestamp AS DATE) in the session (business) time zone, as in staging.
WITH customers AS (SELECT customer_id, region_code FROM stg_customers),
products AS (SELECT product_id, category, list_price FROM raw.orders_products WHERE _op = 'U'),
orders AS (
  SELECT o.order_id, o.customer_id, o.channel, o.order_date, c.region_code
  FROM stg_order_revenue o JOIN customers c ON c.customer_id = o.customer_id
),
-- one row per daily event: (day, region, channel, category, measure, qty); a NULL dimension does not apply
flows AS (
  SELECT o.order_date AS day, o.region_code AS region, o.channel, p.category, m.measure, m.qty
  FROM orders o
  JOIN raw.orders_order_lines l ON l.order_id = o.order_id AND l._op = 'U'
  JOIN products p ON p.product_id = l.product_id
  LATERAL VIEW stack(3,
      'sales_amount', CAST(l.line_amount AS DECIMAL(20,2)),
      'sales_volume', CAST(l.quantity AS DECIMAL(20,2)),
      'list_value', CAST(l.quantity * p.list_price AS DECIMAL(20,2))) m AS measure, qty
  UNION ALL
  SELECT order_date, region_code, channel, CAST(NULL AS STRING), 'orders', CAST(1 AS DECIMAL(20,2)) FROM orders
  UNION ALL
  SELECT CAST(r.received_at AS DATE), o.region_code, o.channel, p.category, 'returns_amount', CAST(rl.amount AS DECIMAL(20,2))
  FROM raw.orders_order_returns r
  JOIN raw.orders_order_return_lines rl ON rl.return_id = r.return_id AND rl._op = 'U'
  JOIN orders o ON o.order_id = r.order_id
  JOIN products p ON p.product_id = rl.product_id
  WHERE r._op = 'U' AND r.status = 'received' AND r.received_at IS NOT NULL
  UNION ALL
  SELECT CAST(k.opened_at AS DATE), c.region_code, CAST(NULL AS STRING), CAST(NULL AS STRING), 'complaints', CAST(1 AS DECIMAL(20,2))
  FROM raw.crm_complaints k JOIN customers c ON c.customer_id = k.customer_id
  WHERE k._op = 'U'
  UNION ALL
  SELECT CAST(created_at AS DATE), region_code, channel, CAST(NULL AS STRING), 'new_leads', CAST(1 AS DECIMAL(20,2))
  FROM raw.crm_leads WHERE _op = 'U'
  UNION ALL
  SELECT CAST(converted_at AS DATE), region_code, channel, CAST(NULL AS STRING), 'leads_converted', CAST(1 AS DECIMAL(20,2))
  FROM raw.crm_leads WHERE _op = 'U' AND converted_at IS NOT NULL
),
-- the data's as-of day: the latest business day of any order, return, complaint or lead
bounds AS (SELECT MIN(day) AS lo, MAX(day) AS hi FROM flows),
-- churn of A/B customers: after each order, the customer is expected back within
-- max(market.churn.min.days, ceil(market.churn.interval.multiple x 365 / orders in the trailing 12 months)) days;
-- when the next order does not come by then, the customer churns on that day (counted once per spell),
-- if its tier in the month of that order was A or B (mart.customer_tier_history)
order_days AS (
  SELECT customer_id, order_date,
         LEAD(order_date) OVER (PARTITION BY customer_id ORDER BY order_date, order_id) AS next_date
  FROM orders
),
churn AS (
  SELECT date_add(d.order_date, greatest({{setting:market.churn.min.days}},
             CAST(ceil({{setting:market.churn.interval.multiple}} * 365 / h.orders_12m) AS INT))) AS churn_day,
         d.customer_id, d.next_date
  FROM order_days d
  JOIN mart.customer_tier_history h ON h.customer_id = d.customer_id AND h.month = trunc(d.order_date, 'MM')
  WHERE h.tier IN ('A', 'B') AND h.orders_12m > 0
),
events AS (
  SELECT * FROM flows
  UNION ALL
  SELECT ch.churn_day, c.region_code, CAST(NULL AS STRING), CAST(NULL AS STRING), 'ab_churned', CAST(1 AS DECIMAL(20,2))
  FROM churn ch JOIN customers c ON c.customer_id = ch.customer_id CROSS JOIN bounds b
  WHERE (ch.next_date IS NULL OR ch.next_date > ch.churn_day) AND ch.churn_day <= b.hi
),
dims AS (
  SELECT e.day, e.measure, d.dimension, d.dimension_value, e.qty
  FROM events e
  LATERAL VIEW inline(array(
      named_struct('dimension', 'all', 'dimension_value', 'all'),
      named_struct('dimension', 'region', 'dimension_value', e.region),
      named_struct('dimension', 'category', 'dimension_value', e.category),
      named_struct('dimension', 'channel', 'dimension_value', e.channel))) d
  WHERE d.dimension_value IS NOT NULL
),
-- each day's totals first: the joins with the periods below then see a row per day and value, not per event
daily AS (
  SELECT day, measure, dimension, dimension_value, CAST(SUM(qty) AS DECIMAL(20,2)) AS qty
  FROM dims GROUP BY day, measure, dimension, dimension_value
),
days AS (SELECT explode(sequence(lo, hi)) AS day FROM bounds WHERE lo IS NOT NULL),
day_periods AS (
  SELECT d.day, g.grain, g.period_start
  FROM days d
  LATERAL VIEW inline(array(
      named_struct('grain', 'daily', 'period_start', d.day),
      named_struct('grain', 'weekly', 'period_start', CAST(date_trunc('WEEK', d.day) AS DATE)),
      named_struct('grain', 'monthly', 'period_start', trunc(d.day, 'MM')))) g
),
-- a period is complete when the data covers all its days (the first and the current period may not be)
periods AS (
  SELECT grain, period_start, MAX(day) AS period_end,
         MIN(day) = period_start AND MAX(day) = CASE grain WHEN 'daily' THEN period_start
                                                           WHEN 'weekly' THEN date_add(period_start, 6)
                                                           ELSE last_day(period_start) END AS is_complete
  FROM day_periods GROUP BY grain, period_start
),
-- each dimension value from the first day it was seen: a period before it has no row for it, so that a period's rows
-- depend on nothing after it (mart.market_indicator is rebuilt from the first period a change reaches)
dimension_keys AS (SELECT dimension, dimension_value, MIN(day) AS first_day FROM daily GROUP BY dimension, dimension_value),
sums AS (
  SELECT p.grain, p.period_start, d.dimension, d.dimension_value,
         SUM(CASE WHEN d.measure = 'sales_amount' THEN d.qty END) AS sales_amount,
         SUM(CASE WHEN d.measure = 'sales_volume' THEN d.qty END) AS sales_volume,
         SUM(CASE WHEN d.measure = 'list_value' THEN d.qty END) AS list_value,
         SUM(CASE WHEN d.measure = 'orders' THEN d.qty END) AS orders,
         SUM(CASE WHEN d.measure = 'returns_amount' THEN d.qty END) AS returns_amount,
         SUM(CASE WHEN d.measure = 'complaints' THEN d.qty END) AS complaints,
         SUM(CASE WHEN d.measure = 'new_leads' THEN d.qty END) AS new_leads,
         SUM(CASE WHEN d.measure = 'leads_converted' THEN d.qty END) AS leads_converted,
         SUM(CASE WHEN d.measure = 'ab_churned' THEN d.qty END) AS ab_churned
  FROM daily d JOIN day_periods p ON p.day = d.day
  GROUP BY p.grain, p.period_start, d.dimension, d.dimension_value
),
-- every period x every dimension value ever seen: a period without events has zeros, not a gap
grid AS (
  SELECT p.grain, p.period_start, p.period_end, p.is_complete, k.dimension, k.dimension_value,
         COALESCE(s.sales_amount, 0) AS sales_amount, COALESCE(s.sales_volume, 0) AS sales_volume,
         COALESCE(s.list_value, 0) AS list_value, COALESCE(s.orders, 0) AS orders,
         COALESCE(s.returns_amount, 0) AS returns_amount, COALESCE(s.complaints, 0) AS complaints,
         COALESCE(s.new_leads, 0) AS new_leads, COALESCE(s.leads_converted, 0) AS leads_converted,
         COALESCE(s.ab_churned, 0) AS ab_churned
  FROM periods p JOIN dimension_keys k ON k.first_day <= p.period_end
  LEFT JOIN sums s ON s.grain = p.grain AND s.period_start = p.period_start
                  AND s.dimension = k.dimension AND s.dimension_value = k.dimension_value
),
flow_indicators AS (
  SELECT g.grain, g.period_start, g.period_end, g.is_complete, i.indicator, g.dimension, g.dimension_value, i.numerator, i.denominator
  FROM grid g
  LATERAL VIEW inline(array(
      named_struct('indicator', 'sales_amount', 'dims', 'all,region,category,channel',
                   'numerator', g.sales_amount, 'denominator', CAST(NULL AS DECIMAL(20,2))),
      named_struct('indicator', 'sales_volume', 'dims', 'all,region,category,channel',
                   'numerator', g.sales_volume, 'denominator', CAST(NULL AS DECIMAL(20,2))),
      named_struct('indicator', 'avg_selling_price', 'dims', 'all,region,category,channel',
                   'numerator', g.sales_amount, 'denominator', g.sales_volume),
      named_struct('indicator', 'discount_depth', 'dims', 'all,region,category,channel',
                   'numerator', CAST(g.list_value - g.sales_amount AS DECIMAL(20,2)), 'denominator', g.list_value),
      named_struct('indicator', 'return_rate', 'dims', 'all,region,category,channel',
                   'numerator', g.returns_amount, 'denominator', g.sales_amount),
      named_struct('indicator', 'complaint_rate', 'dims', 'all,region',
                   'numerator', g.complaints, 'denominator', g.orders),
      named_struct('indicator', 'new_leads', 'dims', 'all,region,channel',
                   'numerator', g.new_leads, 'denominator', CAST(NULL AS DECIMAL(20,2))),
      named_struct('indicator', 'lead_conversion_rate', 'dims', 'all,region,channel',
                   'numerator', g.leads_converted, 'denominator', g.new_leads),
      named_struct('indicator', 'ab_churned_customers', 'dims', 'all,region',
                   'numerator', g.ab_churned, 'denominator', CAST(NULL AS DECIMAL(20,2))))) i
  WHERE array_contains(split(i.dims, ','), g.dimension)
),
-- receivables at each business day, by customer region: open = invoices - live allocations - credit notes
-- - write-offs dated on or before the day; overdue = the same for invoices whose due date is before the day
-- (each movement counts towards overdue from max(its day, due_on + 1))
ar_moves AS (
  SELECT invoice_id, customer_id, issued_on AS on_day, due_on, amount AS delta FROM stg_invoices
  UNION ALL
  SELECT a.invoice_id, i.customer_id, a.allocated_on, i.due_on, -a.amount
  FROM stg_receipt_allocations a JOIN stg_invoices i ON i.invoice_id = a.invoice_id
  UNION ALL
  SELECT n.invoice_id, i.customer_id, n.issued_on, i.due_on, -n.amount
  FROM stg_credit_notes n JOIN stg_invoices i ON i.invoice_id = n.invoice_id
  UNION ALL
  SELECT w.invoice_id, i.customer_id, w.written_off_on, i.due_on, -w.amount
  FROM stg_write_offs w JOIN stg_invoices i ON i.invoice_id = w.invoice_id
),
ar_deltas AS (
  SELECT d.dimension, d.dimension_value, m.day, SUM(m.open_delta) AS open_delta, SUM(m.overdue_delta) AS overdue_delta
  FROM (SELECT c.region_code, x.on_day AS day, x.delta AS open_delta, CAST(0 AS DECIMAL(20,2)) AS overdue_delta
        FROM ar_moves x JOIN customers c ON c.customer_id = x.customer_id
        UNION ALL
        SELECT c.region_code, greatest(x.on_day, date_add(x.due_on, 1)), CAST(0 AS DECIMAL(20,2)), x.delta
        FROM ar_moves x JOIN customers c ON c.customer_id = x.customer_id) m
  LATERAL VIEW inline(array(
      named_struct('dimension', 'all', 'dimension_value', 'all'),
      named_struct('dimension', 'region', 'dimension_value', m.region_code))) d
  GROUP BY d.dimension, d.dimension_value, m.day
),
ar_days AS (
  SELECT explode(sequence(least(ar_lo, lo), hi)) AS day
  FROM (SELECT MIN(day) AS ar_lo FROM ar_deltas) CROSS JOIN bounds
  WHERE ar_lo IS NOT NULL AND lo IS NOT NULL AND ar_lo <= hi
),
ar_balances AS (
  SELECT t.day, k.dimension, k.dimension_value,
         SUM(COALESCE(a.open_delta, 0)) OVER w AS open_amount,
         SUM(COALESCE(a.overdue_delta, 0)) OVER w AS overdue_amount
  FROM ar_days t
  JOIN (SELECT dimension, dimension_value, MIN(day) AS first_day FROM ar_deltas GROUP BY dimension, dimension_value) k
    ON k.first_day <= t.day
  LEFT JOIN ar_deltas a ON a.day = t.day AND a.dimension = k.dimension AND a.dimension_value = k.dimension_value
  WINDOW w AS (PARTITION BY k.dimension, k.dimension_value ORDER BY t.day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
overdue AS (
  SELECT p.grain, p.period_start, p.period_end, p.is_complete, 'overdue_ratio' AS indicator, b.dimension, b.dimension_value,
         CAST(b.overdue_amount AS DECIMAL(20,2)) AS numerator, CAST(b.open_amount AS DECIMAL(20,2)) AS denominator
  FROM periods p JOIN ar_balances b ON b.day = p.period_end
),
all_indicators AS (
  SELECT * FROM flow_indicators
  UNION ALL
  SELECT * FROM overdue
)
SELECT grain, period_start, period_end, is_complete, indicator, dimension, dimension_value,
       CAST(CASE WHEN denominator IS NULL THEN numerator
                 WHEN denominator <> 0 THEN numerator / denominator END AS DECIMAL(22,6)) AS value,
       CAST(numerator AS DECIMAL(20,2)) AS numerator,
       CAST(denominator AS DECIMAL(20,2)) AS denominator
FROM all_indicators
