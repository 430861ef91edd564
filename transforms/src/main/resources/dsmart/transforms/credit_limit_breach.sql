-- mart.credit_limit_breach: confirmed orders the order system accepted over the customer's credit limit
-- (its own check: credit_exposure + amount > credit_limit), with the override that allowed it. An order
-- with several override requests shows the approved one (the latest), else the latest request.
-- without_override: no approved override (P-5.2 breach).
WITH over AS (
  SELECT * FROM stg_credit_orders WHERE credit_exposure + amount > credit_limit
),
ranked AS (
  SELECT v.*, row_number() OVER (PARTITION BY v.order_id
                                 ORDER BY CASE WHEN v.decision = 'approved' THEN 0 ELSE 1 END,
                                          v.approved_at DESC NULLS LAST, v.requested_at DESC, v.override_id DESC) AS rn
  FROM stg_credit_overrides v
  WHERE v.order_id IN (SELECT order_id FROM over)
)
SELECT o.order_id,
       o.order_no,
       o.order_date,
       trunc(o.order_date, 'MM') AS month,
       o.ordered_at,
       o.customer_id,
       c.customer_name,
       o.rep_id,
       r.rep_name,
       c.region_code,
       CAST(o.amount AS DECIMAL(18,2)) AS amount,
       CAST(o.credit_limit AS DECIMAL(18,2)) AS credit_limit,
       CAST(o.credit_exposure AS DECIMAL(18,2)) AS exposure_before,
       CAST(o.credit_exposure + o.amount - o.credit_limit AS DECIMAL(18,2)) AS excess,
       v.override_id,
       v.decision,
       v.requested_by_rep_id,
       v.requested_at,
       v.approver,
       v.approved_at,
       COALESCE(v.decision = 'approved', FALSE) AS approved,
       NOT COALESCE(v.decision = 'approved', FALSE) AS without_override
FROM over o
LEFT JOIN ranked v ON v.order_id = o.order_id AND v.rn = 1
LEFT JOIN stg_customers c ON c.customer_id = o.customer_id
LEFT JOIN stg_reps r ON r.rep_id = o.rep_id
