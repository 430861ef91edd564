-- mart.credit_exposure: every customer at the data's as-of date D: credit limit, exposure, utilisation and
-- breaches, and a credit score with the terms it suggests (receivables.credit.* / receivables.score.*).
-- Limit: finance's limit valid on D (valid_from <= D < valid_to), else the customer group's default.
-- Exposure: open receivables on D (mart.ar_ledger) + confirmed orders of D or earlier not invoiced by D.
WITH settings AS (
  SELECT str_to_map('{{setting:receivables.credit.limit.defaults}}', ',', ':') AS group_limits,
         str_to_map('{{setting:receivables.score.grade.points}}', ',', ':') AS grade_points,
         {{setting:receivables.score.window.months}} AS window_months,
         {{setting:receivables.score.late.full.days}} AS late_full_days,
         {{setting:receivables.score.bounced.full}} AS bounced_full,
         {{setting:receivables.score.weight.late}} AS w_late,
         {{setting:receivables.score.weight.overdue}} AS w_overdue,
         {{setting:receivables.score.weight.bounced}} AS w_bounced,
         {{setting:receivables.score.weight.grade}} AS w_grade,
         {{setting:receivables.score.cut.keep}} AS cut_keep,
         {{setting:receivables.score.cut.shorter}} AS cut_shorter,
         {{setting:receivables.score.cut.guarantee}} AS cut_guarantee
),
d AS (
  SELECT as_of_date, add_months(as_of_date, -{{setting:receivables.score.window.months}}) AS window_start
  FROM stg_ar_as_of WHERE is_data_as_of
),
customers AS (
  SELECT c.customer_id, c.customer_name, c.region_code, c.owner_rep_id, c.is_deleted, g.credit_group
  FROM stg_customers c
  LEFT JOIN (SELECT customer_id, credit_group FROM raw.crm_customers) g ON g.customer_id = c.customer_id
),
limits AS (
  SELECT l.customer_id, l.credit_limit, l.terms_code, l.guarantee_required,
         row_number() OVER (PARTITION BY l.customer_id ORDER BY l.valid_from DESC, l.credit_limit_id DESC) AS rn
  FROM stg_credit_limits l CROSS JOIN d
  WHERE l.valid_from <= d.as_of_date AND (l.valid_to IS NULL OR l.valid_to > d.as_of_date)
),
grades AS (
  SELECT a.customer_id, a.grade, a.assessed_on,
         row_number() OVER (PARTITION BY a.customer_id ORDER BY a.assessed_on DESC, a.assessment_id DESC) AS rn
  FROM stg_credit_assessments a CROSS JOIN d
  WHERE a.assessed_on <= d.as_of_date
),
open_items AS (
  SELECT l.customer_id, SUM(l.open_amount) AS open_amount,
         SUM(CASE WHEN l.days_past_due > 0 THEN l.open_amount ELSE 0 END) AS overdue_amount
  FROM mart.ar_ledger l
  WHERE l.is_data_as_of
  GROUP BY l.customer_id
),
uninvoiced AS (
  SELECT o.customer_id, COUNT(*) AS orders, SUM(o.amount) AS amount
  FROM stg_credit_orders o CROSS JOIN d
  WHERE o.order_date <= d.as_of_date
    AND NOT EXISTS (SELECT 1 FROM stg_invoices i WHERE i.order_id = o.order_id AND i.issued_on <= d.as_of_date)
  GROUP BY o.customer_id
),
payments AS (
  SELECT a.customer_id, SUM(a.amount) AS paid, SUM(a.amount * datediff(a.allocated_on, i.due_on)) AS late_days
  FROM stg_receipt_allocations a
  JOIN stg_invoices i ON i.invoice_id = a.invoice_id
  CROSS JOIN d
  WHERE a.allocated_on > d.window_start AND a.allocated_on <= d.as_of_date
  GROUP BY a.customer_id
),
bounced AS (
  SELECT r.customer_id, COUNT(*) AS receipts
  FROM stg_receipts r CROSS JOIN d
  WHERE r.status IN ('bounced', 'reversed') AND r.bounced_on > d.window_start AND r.bounced_on <= d.as_of_date
  GROUP BY r.customer_id
),
over_orders AS (
  SELECT customer_id, COUNT(*) AS orders, SUM(CASE WHEN without_override THEN 1 ELSE 0 END) AS without_override
  FROM mart.credit_limit_breach
  GROUP BY customer_id
),
base AS (
  SELECT d.as_of_date, c.customer_id, c.customer_name, c.credit_group, c.owner_rep_id AS rep_id, c.region_code,
         COALESCE(l.credit_limit, CAST(element_at(s.group_limits, c.credit_group) AS DECIMAL(18,2))) AS credit_limit,
         CASE WHEN l.credit_limit IS NOT NULL THEN 'finance' ELSE 'group_default' END AS limit_source,
         l.terms_code, l.guarantee_required,
         COALESCE(o.open_amount, 0) AS open_receivables,
         COALESCE(o.overdue_amount, 0) AS overdue_receivables,
         COALESCE(u.orders, 0) AS uninvoiced_orders,
         COALESCE(u.amount, 0) AS uninvoiced_amount,
         COALESCE(v.orders, 0) AS over_limit_orders,
         COALESCE(v.without_override, 0) AS over_limit_without_override,
         g.grade AS assessment_grade, g.assessed_on,
         CASE WHEN p.paid > 0 THEN p.late_days / p.paid END AS days_beyond_terms,
         COALESCE(b.receipts, 0) AS bounced_receipts,
         s.*
  FROM customers c
  CROSS JOIN d
  CROSS JOIN settings s
  LEFT JOIN limits l ON l.customer_id = c.customer_id AND l.rn = 1
  LEFT JOIN grades g ON g.customer_id = c.customer_id AND g.rn = 1
  LEFT JOIN open_items o ON o.customer_id = c.customer_id
  LEFT JOIN uninvoiced u ON u.customer_id = c.customer_id
  LEFT JOIN payments p ON p.customer_id = c.customer_id
  LEFT JOIN bounced b ON b.customer_id = c.customer_id
  LEFT JOIN over_orders v ON v.customer_id = c.customer_id
  WHERE NOT c.is_deleted OR o.open_amount <> 0 OR u.orders > 0
),
scored AS (
  SELECT *,
         open_receivables + uninvoiced_amount AS exposure,
         CASE WHEN open_receivables > 0 THEN overdue_receivables / open_receivables ELSE 0 END AS overdue_share,
         w_late * (1 - LEAST(GREATEST(COALESCE(days_beyond_terms, 0), 0) / late_full_days, 1))
           + w_overdue * (1 - CASE WHEN open_receivables > 0 THEN LEAST(GREATEST(overdue_receivables / open_receivables, 0), 1) ELSE 0 END)
           + w_bounced * (1 - LEAST(bounced_receipts / bounced_full, 1))
           + w_grade * CAST(element_at(grade_points, COALESCE(assessment_grade, 'none')) AS DOUBLE) / 100 AS raw_score
  FROM base
)
SELECT as_of_date,
       customer_id,
       customer_name,
       credit_group,
       rep_id,
       region_code,
       CAST(credit_limit AS DECIMAL(18,2)) AS credit_limit,
       limit_source,
       terms_code,
       guarantee_required,
       CAST(open_receivables AS DECIMAL(18,2)) AS open_receivables,
       CAST(overdue_receivables AS DECIMAL(18,2)) AS overdue_receivables,
       uninvoiced_orders,
       CAST(uninvoiced_amount AS DECIMAL(18,2)) AS uninvoiced_amount,
       CAST(exposure AS DECIMAL(18,2)) AS exposure,
       CAST(CASE WHEN credit_limit > 0 THEN exposure / credit_limit END AS DECIMAL(9,4)) AS utilisation,
       exposure > credit_limit AS over_limit,
       CAST(GREATEST(exposure - credit_limit, 0) AS DECIMAL(18,2)) AS excess,
       over_limit_orders,
       over_limit_without_override,
       assessment_grade,
       assessed_on,
       CAST(days_beyond_terms AS DECIMAL(9,1)) AS days_beyond_terms,
       CAST(overdue_share AS DECIMAL(9,4)) AS overdue_share,
       bounced_receipts,
       CAST(ROUND(raw_score, 2) AS DECIMAL(5,2)) AS credit_score,
       CASE WHEN ROUND(raw_score, 2) >= cut_keep THEN 'keep'
            WHEN ROUND(raw_score, 2) >= cut_shorter THEN 'shorter_terms'
            WHEN ROUND(raw_score, 2) >= cut_guarantee THEN 'guarantee'
            ELSE 'prepayment' END AS suggested_terms
FROM scored
