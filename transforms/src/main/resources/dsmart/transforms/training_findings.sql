-- mart.training_findings: one row per breach of the training rules of P-2.2, with the exact definitions of
-- docs/sources.md (rules sale_before_induction_passed and induction_too_short).
-- See docs/marts.md "mart.training_findings".
WITH inductions AS (
  SELECT training_id, rep_id, start_date, end_date, assessment_passed_on
  FROM raw.crm_training_records
  WHERE _op = 'U' AND training_type = 'induction'
),
passed AS (
  SELECT rep_id, MIN(assessment_passed_on) AS passed_on FROM inductions GROUP BY rep_id
),
early_sales AS (
  SELECT 'sale_before_induction_passed' AS rule_id, 'orders.orders' AS entity, CAST(o.order_id AS STRING) AS entity_id,
         o.rep_id, o.customer_id, CAST(o.ordered_at AS DATE) AS occurred_on,
         concat('rep ', o.rep_id, ' sold on ', CAST(CAST(o.ordered_at AS DATE) AS STRING), ', induction ',
                CASE WHEN p.passed_on IS NULL THEN 'not passed' ELSE concat('passed ', CAST(p.passed_on AS STRING)) END) AS detail
  FROM raw.orders_orders o
  LEFT JOIN passed p ON p.rep_id = o.rep_id
  WHERE o._op = 'U' AND o.status = 'confirmed' AND (p.passed_on IS NULL OR CAST(o.ordered_at AS DATE) <= p.passed_on)
),
short_inductions AS (
  SELECT 'induction_too_short', 'crm.training_records', CAST(training_id AS STRING), rep_id, CAST(NULL AS BIGINT), end_date,
         concat('induction ', CAST(start_date AS STRING), '..', CAST(end_date AS STRING), ' is ', datediff(end_date, start_date) + 1,
                ' days, minimum {{setting:training.induction.min.days}}')
  FROM inductions
  WHERE datediff(end_date, start_date) + 1 < {{setting:training.induction.min.days}}
)
SELECT f.rule_id, 'P-2.2' AS clause, f.entity, f.entity_id, f.rep_id, r.rep_name, r.team_id, f.customer_id, f.occurred_on, f.detail
FROM (SELECT * FROM early_sales UNION ALL SELECT * FROM short_inductions) f
LEFT JOIN raw.crm_reps r ON r.rep_id = f.rep_id AND r._op = 'U'
