-- mart.training_compliance: per rep and quarter / year (P-2.2): induction facts, sales before the induction was
-- passed, and recurring training hours by type. See docs/marts.md "mart.training_compliance".
WITH reps AS (
  SELECT rep_id, rep_name, team_id, position_level, hired_on, left_on FROM raw.crm_reps WHERE _op = 'U'
),
training AS (
  SELECT training_id, rep_id, training_type, start_date, end_date, hours, assessment_passed_on
  FROM raw.crm_training_records
  WHERE _op = 'U'
),
induction AS (
  SELECT rep_id, MIN(start_date) AS induction_start, MAX(end_date) AS induction_end,
         MIN(datediff(end_date, start_date) + 1) AS induction_days, MIN(assessment_passed_on) AS induction_passed_on
  FROM training WHERE training_type = 'induction' GROUP BY rep_id
),
sales AS (
  SELECT rep_id, CAST(ordered_at AS DATE) AS order_date FROM raw.orders_orders WHERE _op = 'U' AND status = 'confirmed'
),
first_sales AS (
  SELECT rep_id, MIN(order_date) AS first_sale_on FROM sales GROUP BY rep_id
),
bounds AS (
  SELECT MIN(d) AS first_day, MAX(d) AS last_day
  FROM (SELECT order_date AS d FROM sales UNION ALL SELECT start_date FROM training WHERE training_type <> 'induction')
),
quarters AS (
  SELECT explode(sequence(CAST(date_trunc('QUARTER', first_day) AS DATE), CAST(date_trunc('QUARTER', last_day) AS DATE), INTERVAL 3 MONTH)) AS quarter
  FROM bounds WHERE first_day IS NOT NULL
),
periods AS (
  SELECT 'quarter' AS period_type, quarter AS period_start, date_sub(add_months(quarter, 3), 1) AS period_end FROM quarters
  UNION ALL
  SELECT DISTINCT 'year', CAST(date_trunc('YEAR', quarter) AS DATE), date_sub(add_months(CAST(date_trunc('YEAR', quarter) AS DATE), 12), 1)
  FROM quarters
),
-- every rep employed during the period
rep_periods AS (
  SELECT p.period_type, p.period_start, p.period_end, r.*
  FROM periods p JOIN reps r ON r.hired_on <= p.period_end AND (r.left_on IS NULL OR r.left_on >= p.period_start)
),
hours AS (
  SELECT rp.period_type, rp.period_start, rp.rep_id,
         SUM(CASE WHEN t.training_type = 'internal' THEN t.hours ELSE 0 END) AS hours_internal,
         SUM(CASE WHEN t.training_type = 'external' THEN t.hours ELSE 0 END) AS hours_external,
         SUM(CASE WHEN t.training_type = 'online' THEN t.hours ELSE 0 END) AS hours_online,
         COUNT(*) AS sessions
  FROM rep_periods rp
  JOIN training t ON t.rep_id = rp.rep_id AND t.training_type <> 'induction' AND t.start_date BETWEEN rp.period_start AND rp.period_end
  GROUP BY rp.period_type, rp.period_start, rp.rep_id
),
early AS (
  SELECT rp.period_type, rp.period_start, rp.rep_id, COUNT(*) AS sales_before_induction
  FROM rep_periods rp
  JOIN sales s ON s.rep_id = rp.rep_id AND s.order_date BETWEEN rp.period_start AND rp.period_end
  LEFT JOIN induction i ON i.rep_id = rp.rep_id
  WHERE i.induction_passed_on IS NULL OR s.order_date <= i.induction_passed_on
  GROUP BY rp.period_type, rp.period_start, rp.rep_id
)
SELECT rp.period_type, rp.period_start, rp.rep_id, rp.rep_name, rp.team_id, rp.position_level, rp.hired_on, rp.left_on,
       i.induction_start, i.induction_end, CAST(i.induction_days AS INT) AS induction_days, i.induction_passed_on,
       COALESCE(i.induction_days < {{setting:training.induction.min.days}}, FALSE) AS induction_too_short,
       fs.first_sale_on,
       CAST(COALESCE(e.sales_before_induction, 0) AS BIGINT) AS sales_before_induction,
       CAST(COALESCE(h.hours_internal, 0) AS DECIMAL(8,1)) AS hours_internal,
       CAST(COALESCE(h.hours_external, 0) AS DECIMAL(8,1)) AS hours_external,
       CAST(COALESCE(h.hours_online, 0) AS DECIMAL(8,1)) AS hours_online,
       CAST(COALESCE(h.hours_internal + h.hours_external + h.hours_online, 0) AS DECIMAL(8,1)) AS hours_recurring,
       CAST(COALESCE(h.sessions, 0) AS BIGINT) AS sessions
FROM rep_periods rp
LEFT JOIN induction i ON i.rep_id = rp.rep_id
LEFT JOIN first_sales fs ON fs.rep_id = rp.rep_id
LEFT JOIN hours h ON h.period_type = rp.period_type AND h.period_start = rp.period_start AND h.rep_id = rp.rep_id
LEFT JOIN early e ON e.period_type = rp.period_type AND e.period_start = rp.period_start AND e.rep_id = rp.rep_id
