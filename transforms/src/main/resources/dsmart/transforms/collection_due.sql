-- mart.collection_due: every invoice × follow-up level due at the data's as-of date D
-- (receivables.collection.levels: days past due and the action types that count; grace
-- receivables.collection.grace.days). A level is due when due_on + days <= D and the invoice is not settled
-- by the end of the grace period (or by D while the grace period runs). Settled: the first day live
-- allocations + credit notes + write-offs reach the invoice amount. Status: done (an action of one of the
-- level's types is logged for the invoice), missed (none, and the grace period ended on or before D),
-- pending (none yet, the grace period still runs). Responsible rep: the order's rep while employed on the
-- level's day, else the customer's current owner.
WITH levels AS (
  SELECT CAST(trim(split(level, ':')[0]) AS INT) AS level_days,
         split(trim(split(level, ':')[1]), '[|]') AS action_types
  FROM (SELECT explode(split('{{setting:receivables.collection.levels}}', ',')) AS level)
),
d AS (
  SELECT as_of_date FROM stg_ar_as_of WHERE is_data_as_of
),
-- what reduced each invoice, by date (credit notes, live allocations, write-offs), as one sorted array per
-- invoice; no UNION: docs/decisions.md, "Receivables SQL without UNION"
credited AS (
  SELECT invoice_id, collect_list(named_struct('on_date', issued_on, 'amount', CAST(amount AS DECIMAL(18,2)))) AS events
  FROM stg_credit_notes GROUP BY invoice_id
),
paid AS (
  SELECT invoice_id, collect_list(named_struct('on_date', allocated_on, 'amount', CAST(amount AS DECIMAL(18,2)))) AS events
  FROM stg_receipt_allocations GROUP BY invoice_id
),
written_off AS (
  SELECT invoice_id, collect_list(named_struct('on_date', written_off_on, 'amount', CAST(amount AS DECIMAL(18,2)))) AS events
  FROM stg_write_offs GROUP BY invoice_id
),
reductions AS (
  SELECT i.invoice_id, i.amount,
         array_sort(flatten(filter(array(c.events, p.events, w.events), x -> x IS NOT NULL))) AS events
  FROM stg_invoices i
  LEFT JOIN credited c ON c.invoice_id = i.invoice_id
  LEFT JOIN paid p ON p.invoice_id = i.invoice_id
  LEFT JOIN written_off w ON w.invoice_id = i.invoice_id
),
-- settled: the date of the first event at which the running total reaches the invoice amount
settled AS (
  SELECT invoice_id,
         try_element_at(filter(transform(sequence(1, size(events)), k -> named_struct('on_date', events[k - 1].on_date,
                    'reduced', aggregate(slice(events, 1, k), CAST(0 AS DECIMAL(38,2)), (acc, e) -> acc + e.amount))),
                s -> s.reduced >= amount), 1).on_date AS settled_on
  FROM reductions
  WHERE size(events) > 0
),
due AS (
  SELECT d.as_of_date, i.invoice_id, i.invoice_no, i.order_id, i.customer_id, i.due_on, i.amount,
         v.level_days, v.action_types,
         date_add(i.due_on, v.level_days) AS level_on,
         date_add(i.due_on, v.level_days + {{setting:receivables.collection.grace.days}}) AS grace_end,
         s.settled_on
  FROM stg_invoices i
  CROSS JOIN levels v
  CROSS JOIN d
  LEFT JOIN settled s ON s.invoice_id = i.invoice_id
  WHERE date_add(i.due_on, v.level_days) <= d.as_of_date
    AND (s.settled_on IS NULL
         OR s.settled_on > LEAST(date_add(i.due_on, v.level_days + {{setting:receivables.collection.grace.days}}), d.as_of_date))
),
actions AS (
  SELECT u.invoice_id, u.level_days, a.action_id, a.action_type, a.action_on, a.rep_id,
         row_number() OVER (PARTITION BY u.invoice_id, u.level_days ORDER BY a.action_on, a.action_id) AS rn
  FROM due u JOIN stg_collection_actions a ON a.invoice_id = u.invoice_id AND array_contains(u.action_types, a.action_type)
),
reps AS (
  SELECT rep_id, hired_on, left_on FROM raw.crm_reps WHERE _op = 'U'
)
SELECT u.as_of_date,
       u.invoice_id,
       u.invoice_no,
       u.customer_id,
       c.customer_name,
       CASE WHEN e.rep_id IS NOT NULL THEN o.rep_id ELSE c.owner_rep_id END AS rep_id,
       r.rep_name,
       r.team_id,
       c.region_code,
       u.due_on,
       u.level_days,
       u.action_types[0] AS level,
       array_join(u.action_types, '|') AS action_types,
       u.level_on,
       u.grace_end,
       u.settled_on,
       CAST(u.amount AS DECIMAL(18,2)) AS invoice_amount,
       CASE WHEN a.action_id IS NOT NULL THEN 'done' WHEN u.grace_end <= u.as_of_date THEN 'missed' ELSE 'pending' END AS status,
       a.action_id,
       a.action_type,
       a.action_on,
       a.rep_id AS action_rep_id,
       datediff(a.action_on, u.level_on) AS action_days_after_level
FROM due u
LEFT JOIN actions a ON a.invoice_id = u.invoice_id AND a.level_days = u.level_days AND a.rn = 1
LEFT JOIN stg_credit_orders o ON o.order_id = u.order_id
LEFT JOIN reps e ON e.rep_id = o.rep_id AND e.hired_on <= u.level_on AND (e.left_on IS NULL OR u.level_on < e.left_on)
LEFT JOIN stg_customers c ON c.customer_id = u.customer_id
LEFT JOIN stg_reps r ON r.rep_id = CASE WHEN e.rep_id IS NOT NULL THEN o.rep_id ELSE c.owner_rep_id END
