-- mart.compliance_finding: one row per breach of a rule of docs/compliance-rules.md (rule x evidence key), with
-- its first detection kept from the previous snapshot (previous_compliance_finding, made by ComplianceFinding)
-- and findings no longer found kept as resolved. Business dates are CAST(timestamp AS DATE) in the session
-- (business) time zone. Each rule's definition is the one of docs/sources.md "Breach catalogue".
WITH as_of AS (SELECT as_of_date, as_of_ts FROM stg_compliance_as_of),
catalog AS (
  SELECT * FROM VALUES
    ('order_without_signed_contract', 'P-3.3', 'high', 'sales', 'orders.orders'),
    ('contract_without_legal_review', 'P-5.3', 'high', 'sales', 'orders.contracts'),
    ('order_amount_not_contract_amount', 'P-3.3', 'medium', 'order_desk', 'orders.orders'),
    ('shipment_without_passed_inspection', 'P-3.3', 'high', 'order_desk', 'orders.shipments'),
    ('tracking_not_sent', 'P-3.3', 'low', 'order_desk', 'orders.shipments'),
    ('over_credit_limit_without_override', 'P-5.2', 'high', 'finance', 'orders.orders'),
    ('sale_before_induction_passed', 'P-2.2', 'medium', 'sales', 'orders.orders'),
    ('induction_too_short', 'P-2.2', 'low', 'sales', 'crm.training_records'),
    ('ticket_answered_late', 'P-3.4', 'low', 'service', 'crm.service_tickets'),
    ('complex_ticket_without_progress', 'P-3.4', 'low', 'service', 'crm.service_tickets'),
    ('complaint_past_deadline', 'P-3.4', 'medium', 'service', 'crm.complaints'),
    ('no_follow_up_after_delivery', 'P-3.4', 'low', 'service', 'orders.orders'),
    ('collection_action_missed', 'P-5.2', 'medium', 'finance', 'finance.invoices'),
    ('duplicate_order', 'P-6.1', 'high', 'order_desk', 'orders.orders'),
    ('order_number_gap', 'P-6.1', 'medium', 'order_desk', 'orders.orders'),
    ('expense_outlier', 'P-6.1', 'high', 'finance', 'crm.reps'),
    ('customer_record_incomplete', 'P-4.1', 'low', 'sales', 'crm.customers'),
    ('customer_record_stale', 'P-4.1', 'low', 'sales', 'crm.customers'),
    ('discount_over_policy', 'P-3.2', 'medium', 'sales', 'orders.orders')
  AS catalog(rule_id, clause, severity, department, entity)
),
orders AS (
  SELECT order_id, order_no, customer_id, rep_id, contract_id, status, amount, COALESCE(discount_amount, 0) AS discount_amount,
         ordered_at, CAST(ordered_at AS DATE) AS order_day, credit_limit, credit_exposure, updated_at
  FROM raw.orders_orders
  WHERE _op = 'U'
),
confirmed AS (SELECT * FROM orders WHERE status = 'confirmed'),
contracts AS (SELECT * FROM raw.orders_contracts WHERE _op = 'U'),
shipments AS (
  SELECT s.shipment_id, s.order_id, s.tracking_no, s.shipped_at, s.tracking_sent_at, s.delivered_at, o.rep_id, o.customer_id
  FROM raw.orders_shipments s
  LEFT JOIN orders o ON o.order_id = s.order_id
  WHERE s._op = 'U'
),
tickets AS (SELECT * FROM raw.crm_service_tickets WHERE _op = 'U'),
-- P-5.2 collections: an invoice is settled on the first day its live allocations + credit notes + write-offs reach it
invoices AS (SELECT * FROM raw.finance_invoices WHERE _op = 'U'),
credits AS (
  SELECT invoice_id, on_day, SUM(amount) AS amount
  FROM (SELECT invoice_id, allocated_on AS on_day, amount FROM raw.finance_receipt_allocations WHERE _op = 'U' AND NOT deleted
        UNION ALL SELECT invoice_id, issued_on, amount FROM raw.finance_credit_notes WHERE _op = 'U'
        UNION ALL SELECT invoice_id, written_off_on, amount FROM raw.finance_write_offs WHERE _op = 'U')
  GROUP BY invoice_id, on_day
),
settled AS (
  SELECT r.invoice_id, MIN(r.on_day) AS settled_on
  FROM (SELECT invoice_id, on_day,
               SUM(amount) OVER (PARTITION BY invoice_id ORDER BY on_day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS paid
        FROM credits) r
  JOIN invoices i ON i.invoice_id = r.invoice_id
  WHERE r.paid >= i.amount
  GROUP BY r.invoice_id
),
levels AS (
  SELECT CAST(split(item, ':')[0] AS INT) AS days, split(split(item, ':')[1], '[|]') AS action_types
  FROM (SELECT trim(item) AS item FROM (SELECT explode(split('{{setting:compliance.collection.levels}}', ',')) AS item))
),
collections_due AS (
  SELECT i.invoice_id, i.order_id, i.customer_id, i.due_on, l.days, l.action_types, date_add(i.due_on, l.days) AS level_day,
         s.settled_on
  FROM invoices i
  CROSS JOIN levels l
  CROSS JOIN as_of a
  LEFT JOIN settled s ON s.invoice_id = i.invoice_id
  WHERE date_add(i.due_on, l.days + {{setting:compliance.collection.grace.days}}) < a.as_of_date
    AND (s.settled_on IS NULL OR s.settled_on > date_add(i.due_on, l.days + {{setting:compliance.collection.grace.days}}))
),
-- P-6.1 order numbers: SO + yyyymm + 7-digit company-wide sequence; every number ever issued counts
order_numbers AS (
  SELECT CAST(substring(order_no, 9) AS BIGINT) AS seq, MIN(substring(order_no, 1, 8)) AS prefix,
         MIN(CAST(ordered_at AS DATE)) AS order_day
  FROM raw.orders_orders
  GROUP BY 1
),
numbered AS (
  SELECT s.seq, n.prefix,
         -- the nearest issued number at or after seq: a running frame over descending numbers (linear, unlike
         -- an unbounded-following frame)
         last(n.prefix, true) OVER (ORDER BY s.seq DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS next_prefix,
         last(n.order_day, true) OVER (ORDER BY s.seq DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS next_day
  FROM (SELECT explode(sequence(CAST(1 AS BIGINT), MAX(seq))) AS seq FROM order_numbers) s
  LEFT JOIN order_numbers n ON n.seq = s.seq
),
-- P-6.1 expenses: expense / confirmed sales ratio of reps employed throughout the data's period
period_start AS (SELECT trunc(MIN(CAST(ordered_at AS DATE)), 'MM') AS start_month FROM raw.orders_orders),
rep_ratios AS (
  SELECT r.rep_id, p.start_month, s.sales, COALESCE(e.expenses, 0) AS expenses,
         CAST(COALESCE(e.expenses, 0) AS DOUBLE) / CAST(s.sales AS DOUBLE) AS ratio
  FROM raw.crm_reps r
  CROSS JOIN period_start p
  JOIN (SELECT rep_id, SUM(amount) AS sales FROM confirmed GROUP BY rep_id) s ON s.rep_id = r.rep_id
  LEFT JOIN (SELECT rep_id, SUM(amount) AS expenses FROM raw.finance_sales_expenses
             WHERE _op = 'U' AND status <> 'rejected' GROUP BY rep_id) e ON e.rep_id = r.rep_id
  WHERE r.hired_on < p.start_month AND r.left_on IS NULL AND s.sales > 0
),
ratio_median AS (SELECT percentile(ratio, 0.5) AS median FROM rep_ratios),
ratio_mad AS (
  SELECT m.median, percentile(abs(r.ratio - m.median), 0.5) AS mad
  FROM rep_ratios r CROSS JOIN ratio_median m
  GROUP BY m.median
),
-- P-4.1 latest change of a customer's record: the row, its contacts, communications, visits and purchases
customer_touches AS (
  SELECT customer_id, MAX(at) AS last_change
  FROM (SELECT customer_id, updated_at AS at FROM raw.crm_customers
        UNION ALL SELECT customer_id, updated_at FROM raw.crm_contacts
        UNION ALL SELECT customer_id, occurred_at FROM raw.crm_communications WHERE _op = 'U'
        UNION ALL SELECT customer_id, done_at FROM raw.crm_visits WHERE _op = 'U' AND customer_id IS NOT NULL
        UNION ALL SELECT customer_id, ordered_at FROM orders)
  GROUP BY customer_id
),
-- P-3.2 the rep's position level on the order day (effective-dated, valid_to inclusive), else the current one
order_levels AS (
  SELECT o.order_id, COALESCE(MAX(p.position_level), MAX(r.position_level)) AS position_level
  FROM confirmed o
  LEFT JOIN raw.crm_rep_positions p
    ON p.rep_id = o.rep_id AND p._op = 'U' AND p.valid_from <= o.order_day AND (p.valid_to IS NULL OR p.valid_to >= o.order_day)
  LEFT JOIN raw.crm_reps r ON r.rep_id = o.rep_id
  GROUP BY o.order_id
),
found AS (
  SELECT 'order_without_signed_contract' AS rule_id, o.order_day AS occurred_on, o.rep_id, o.customer_id,
         CAST(o.order_id AS STRING) AS entity_id,
         CASE WHEN c.contract_id IS NULL THEN 'order ' || o.order_no || ' without a contract'
              WHEN c.signed_at IS NULL THEN 'order ' || o.order_no || ': contract ' || c.contract_no || ' not signed'
              ELSE 'order ' || o.order_no || ' at ' || o.ordered_at || ': contract ' || c.contract_no || ' signed ' || c.signed_at END
           AS evidence
  FROM confirmed o
  LEFT JOIN contracts c ON c.contract_id = o.contract_id
  WHERE c.contract_id IS NULL OR c.signed_at IS NULL OR c.signed_at > o.ordered_at

  UNION ALL
  SELECT 'contract_without_legal_review', CAST(signed_at AS DATE), rep_id, customer_id, CAST(contract_id AS STRING),
         'contract ' || contract_no || ' signed ' || signed_at
           || CASE WHEN legal_reviewed_at IS NULL THEN ' without legal review' ELSE ', legal review ' || legal_reviewed_at END
  FROM contracts
  WHERE signed_at IS NOT NULL AND (legal_reviewed_at IS NULL OR legal_reviewed_at > signed_at)

  UNION ALL
  SELECT 'order_amount_not_contract_amount', o.order_day, o.rep_id, o.customer_id, CAST(o.order_id AS STRING),
         'order ' || o.order_no || ' amount ' || o.amount || ', contract ' || c.contract_no || ' amount ' || c.amount
  FROM confirmed o
  JOIN contracts c ON c.contract_id = o.contract_id
  WHERE o.amount <> c.amount

  UNION ALL
  SELECT 'shipment_without_passed_inspection', CAST(s.shipped_at AS DATE), s.rep_id, s.customer_id, CAST(s.shipment_id AS STRING),
         'shipment ' || s.shipment_id || ' of order ' || s.order_id || ' shipped ' || s.shipped_at || ' without a passed inspection'
  FROM shipments s
  LEFT ANTI JOIN (SELECT order_id, inspected_at FROM raw.orders_quality_inspections WHERE _op = 'U' AND inspection_result = 'passed') q
    ON q.order_id = s.order_id AND q.inspected_at <= s.shipped_at

  UNION ALL
  SELECT 'tracking_not_sent', CAST(shipped_at AS DATE), rep_id, customer_id, CAST(shipment_id AS STRING),
         'shipment ' || shipment_id || ' of order ' || order_id || ' shipped ' || shipped_at
           || CASE WHEN tracking_no IS NULL THEN ' without a tracking number' ELSE ', tracking number ' || tracking_no || ' not sent' END
  FROM shipments
  WHERE tracking_no IS NULL OR tracking_sent_at IS NULL

  UNION ALL
  SELECT 'over_credit_limit_without_override', o.order_day, o.rep_id, o.customer_id, CAST(o.order_id AS STRING),
         'order ' || o.order_no || ': exposure ' || o.credit_exposure || ' + amount ' || o.amount || ' > limit ' || o.credit_limit
           || ', no approved override'
  FROM confirmed o
  LEFT ANTI JOIN (SELECT order_id FROM raw.orders_credit_overrides WHERE _op = 'U' AND decision = 'approved') v
    ON v.order_id = o.order_id
  WHERE o.credit_exposure + o.amount > o.credit_limit

  UNION ALL
  SELECT 'sale_before_induction_passed', o.order_day, o.rep_id, o.customer_id, CAST(o.order_id AS STRING),
         'order ' || o.order_no || ' on ' || o.order_day || ', induction '
           || COALESCE('passed ' || t.passed_on, 'not passed')
  FROM confirmed o
  LEFT JOIN (SELECT rep_id, MAX(assessment_passed_on) AS passed_on FROM raw.crm_training_records
             WHERE _op = 'U' AND training_type = 'induction' GROUP BY rep_id) t ON t.rep_id = o.rep_id
  WHERE t.passed_on IS NULL OR o.order_day <= t.passed_on

  UNION ALL
  SELECT 'induction_too_short', end_date, rep_id, CAST(NULL AS BIGINT), CAST(training_id AS STRING),
         'induction ' || start_date || '..' || end_date || ' is ' || (datediff(end_date, start_date) + 1)
           || ' days, minimum {{setting:compliance.induction.min.days}}'
  FROM raw.crm_training_records
  WHERE _op = 'U' AND training_type = 'induction'
    AND datediff(end_date, start_date) + 1 < {{setting:compliance.induction.min.days}}

  UNION ALL
  SELECT 'ticket_answered_late', t.opened_day, t.rep_id, t.customer_id, CAST(t.ticket_id AS STRING),
         'ticket ' || t.ticket_no || ' opened ' || t.opened_day || ', answer due by ' || d.day
           || ' ({{setting:compliance.answer.working.days}} working days), '
           || COALESCE('answered ' || CAST(t.first_answered_at AS DATE), 'not answered')
  FROM (SELECT ticket_id, ticket_no, rep_id, customer_id, first_answered_at, CAST(opened_at AS DATE) AS opened_day
        FROM tickets WHERE complexity = 'ordinary') t
  JOIN stg_calendar o ON o.day = t.opened_day
  JOIN stg_calendar d ON d.is_working_day AND d.working_day_no = o.working_day_no + {{setting:compliance.answer.working.days}}
  CROSS JOIN as_of a
  WHERE CASE WHEN t.first_answered_at IS NOT NULL THEN CAST(t.first_answered_at AS DATE) > d.day ELSE d.day < a.as_of_date END

  UNION ALL
  SELECT 'complex_ticket_without_progress', CAST(t.resolved_at AS DATE), t.rep_id, t.customer_id, CAST(t.ticket_id AS STRING),
         'complex ticket ' || t.ticket_no || ' opened ' || CAST(t.opened_at AS DATE) || ', resolved ' || CAST(t.resolved_at AS DATE)
           || ' without a progress update'
  FROM tickets t
  LEFT ANTI JOIN (SELECT ticket_id FROM raw.crm_ticket_updates WHERE _op = 'U' AND update_type = 'progress') u
    ON u.ticket_id = t.ticket_id
  WHERE t.complexity = 'complex' AND t.resolved_at IS NOT NULL

  UNION ALL
  SELECT 'complaint_past_deadline', c.deadline_on, c.rep_id, c.customer_id, CAST(c.complaint_id AS STRING),
         'complaint ' || c.complaint_no || ' opened ' || CAST(c.opened_at AS DATE) || ', deadline ' || c.deadline_on || ', '
           || COALESCE('closed ' || CAST(c.closed_at AS DATE), 'still open')
  FROM raw.crm_complaints c
  CROSS JOIN as_of a
  WHERE c._op = 'U'
    AND CASE WHEN c.closed_at IS NOT NULL THEN CAST(c.closed_at AS DATE) > c.deadline_on ELSE c.deadline_on < a.as_of_date END

  UNION ALL
  SELECT 'no_follow_up_after_delivery', CAST(s.delivered_at AS DATE), s.rep_id, s.customer_id, CAST(s.order_id AS STRING),
         'order ' || s.order_id || ' delivered ' || s.delivered_at
           || ', no follow-up visit within {{setting:compliance.followup.days}} days'
  FROM shipments s
  CROSS JOIN as_of a
  LEFT ANTI JOIN (SELECT order_id, done_at FROM raw.crm_visits
                  WHERE _op = 'U' AND follow_up_after_delivery AND done_at IS NOT NULL) v
    ON v.order_id = s.order_id AND v.done_at >= s.delivered_at
   AND v.done_at <= s.delivered_at + make_dt_interval({{setting:compliance.followup.days}})
  WHERE s.delivered_at IS NOT NULL AND s.delivered_at + make_dt_interval({{setting:compliance.followup.days}}) <= a.as_of_ts

  UNION ALL
  SELECT 'collection_action_missed', d.level_day, o.rep_id, d.customer_id, d.invoice_id || '@' || d.days,
         'invoice ' || d.invoice_id || ' due ' || d.due_on || ': ' || array_join(d.action_types, ' or ') || ' due ' || d.level_day
           || ' (' || d.days || ' days past due) never logged' || COALESCE('; settled ' || d.settled_on, '; not settled')
  FROM collections_due d
  LEFT ANTI JOIN (SELECT invoice_id, action_type FROM raw.finance_collection_actions WHERE _op = 'U') x
    ON x.invoice_id = d.invoice_id AND array_contains(d.action_types, x.action_type)
  LEFT JOIN orders o ON o.order_id = d.order_id

  UNION ALL
  SELECT 'duplicate_order', b.order_day, b.rep_id, b.customer_id, CAST(b.order_id AS STRING),
         'order ' || b.order_no || ' repeats order ' || MIN(a.order_no) || ' (same customer, rep, contract and amount '
           || b.amount || ', within {{setting:compliance.duplicate.minutes}} minutes)'
  FROM confirmed b
  JOIN confirmed a
    ON a.customer_id = b.customer_id AND a.rep_id <=> b.rep_id AND a.contract_id <=> b.contract_id AND a.amount = b.amount
   AND (a.ordered_at < b.ordered_at OR (a.ordered_at = b.ordered_at AND a.order_id < b.order_id))
   AND b.ordered_at <= a.ordered_at + make_dt_interval(0, 0, {{setting:compliance.duplicate.minutes}})
  GROUP BY b.order_id, b.order_no, b.order_day, b.rep_id, b.customer_id, b.amount

  UNION ALL
  SELECT 'order_number_gap', next_day, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), next_prefix || lpad(CAST(seq AS STRING), 7, '0'),
         'order number ' || next_prefix || lpad(CAST(seq AS STRING), 7, '0') || ' never used (sequence ' || seq || ')'
  FROM numbered
  WHERE prefix IS NULL

  UNION ALL
  SELECT 'expense_outlier', r.start_month, r.rep_id, CAST(NULL AS BIGINT), CAST(r.rep_id AS STRING),
         'expenses ' || r.expenses || ' / confirmed sales ' || r.sales || ' = ' || format_number(r.ratio, 4)
           || ', median ' || format_number(m.median, 4) || ', robust z ' || format_number(0.6745 * (r.ratio - m.median) / m.mad, 2)
           || ' > {{setting:compliance.expense.z.max}}'
  FROM rep_ratios r
  CROSS JOIN ratio_mad m
  WHERE m.mad > 0 AND 0.6745 * (r.ratio - m.median) / m.mad > {{setting:compliance.expense.z.max}}

  UNION ALL
  SELECT 'customer_record_incomplete', CAST(created_at AS DATE), owner_rep_id, customer_id, CAST(customer_id AS STRING),
         'customer ' || customer_id || ' record without '
           || concat_ws(' and ', CASE WHEN phone IS NULL THEN 'phone' END, CASE WHEN address IS NULL THEN 'address' END)
  FROM raw.crm_customers
  WHERE phone IS NULL OR address IS NULL

  UNION ALL
  SELECT 'customer_record_stale', date_add(CAST(t.last_change AS DATE), {{setting:compliance.customer.stale.days}}), c.owner_rep_id,
         c.customer_id, CAST(c.customer_id AS STRING),
         'customer ' || c.customer_id || ' record last changed ' || CAST(t.last_change AS DATE)
           || ', more than {{setting:compliance.customer.stale.days}} days before ' || a.as_of_date
  FROM raw.crm_customers c
  JOIN customer_touches t ON t.customer_id = c.customer_id
  CROSS JOIN as_of a
  WHERE c._op = 'U' AND NOT c.deleted
    AND CAST(t.last_change AS DATE) < date_sub(a.as_of_date, {{setting:compliance.customer.stale.days}})

  UNION ALL
  SELECT 'discount_over_policy', o.order_day, o.rep_id, o.customer_id, CAST(o.order_id AS STRING),
         'order ' || o.order_no || ' discount ' || o.discount_amount || ' = '
           || format_number(100 * o.discount_amount / (o.amount + o.discount_amount), 2) || ' % of '
           || (o.amount + o.discount_amount) || ', maximum ' || p.max_pct || ' % for level ' || l.position_level
  FROM confirmed o
  JOIN order_levels l ON l.order_id = o.order_id
  JOIN (SELECT * FROM VALUES
          ('rep', CAST({{setting:compliance.discount.max.pct.rep}} AS DECIMAL(9,4))),
          ('senior_rep', CAST({{setting:compliance.discount.max.pct.senior_rep}} AS DECIMAL(9,4))),
          ('supervisor', CAST({{setting:compliance.discount.max.pct.supervisor}} AS DECIMAL(9,4))),
          ('manager', CAST({{setting:compliance.discount.max.pct.manager}} AS DECIMAL(9,4)))
        AS p(position_level, max_pct)) p ON p.position_level = l.position_level
  WHERE o.discount_amount > 0 AND o.amount + o.discount_amount > 0
    AND 100 * o.discount_amount > p.max_pct * (o.amount + o.discount_amount)
),
reps AS (
  SELECT r.rep_id, r.team_id, t.region_code
  FROM raw.crm_reps r
  LEFT JOIN raw.crm_teams t ON t.team_id = r.team_id AND t._op = 'U'
),
current_findings AS (
  SELECT f.rule_id, c.clause, c.severity, c.department, CAST(trunc(f.occurred_on, 'MM') AS DATE) AS period, f.occurred_on,
         f.rep_id, r.team_id, r.region_code, f.customer_id, c.entity, f.entity_id, f.evidence
  FROM found f
  JOIN catalog c ON c.rule_id = f.rule_id
  LEFT JOIN reps r ON r.rep_id = f.rep_id
)
-- one join with the previous snapshot: a finding found now (f) is open, one found before only (p) is resolved; current_findings
-- is read once (a LEFT JOIN and an ANTI JOIN computed it twice)
SELECT COALESCE(f.rule_id, p.rule_id) AS rule_id, nvl2(f.rule_id, f.clause, p.clause) AS clause,
       nvl2(f.rule_id, f.severity, p.severity) AS severity, nvl2(f.rule_id, f.department, p.department) AS department,
       nvl2(f.rule_id, f.period, p.period) AS period, nvl2(f.rule_id, f.occurred_on, p.occurred_on) AS occurred_on,
       nvl2(f.rule_id, CAST(f.rep_id AS BIGINT), p.rep_id) AS rep_id, nvl2(f.rule_id, CAST(f.team_id AS BIGINT), p.team_id) AS team_id,
       nvl2(f.rule_id, f.region_code, p.region_code) AS region_code,
       nvl2(f.rule_id, CAST(f.customer_id AS BIGINT), p.customer_id) AS customer_id,
       nvl2(f.rule_id, f.entity, p.entity) AS entity, COALESCE(f.entity_id, p.entity_id) AS entity_id,
       nvl2(f.rule_id, f.evidence, p.evidence) AS evidence,
       COALESCE(p.first_seen, current_timestamp()) AS first_seen,
       nvl2(f.rule_id, current_timestamp(), p.last_seen) AS last_seen,
       nvl2(f.rule_id, 'open', 'resolved') AS status,
       nvl2(f.rule_id, CAST(NULL AS TIMESTAMP), COALESCE(p.resolved_at, current_timestamp())) AS resolved_at
FROM current_findings f
FULL JOIN previous_compliance_finding p ON p.rule_id = f.rule_id AND p.entity_id = f.entity_id
