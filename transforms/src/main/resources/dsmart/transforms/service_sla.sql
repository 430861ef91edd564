-- mart.service_sla: after-sales service levels (P-3.4) per month for each rep, team, product and the company.
-- Month: of the delivery (follow-ups), of the opening (tickets, complaints; a post-complaint survey counts in its
-- complaint's month). Product: the ticket's product; a delivery or complaint counts once for each product of its
-- order. Working days from stg_calendar; the as-of day from stg_compliance_as_of. See docs/marts.md.
WITH as_of AS (SELECT as_of_date, as_of_ts FROM stg_compliance_as_of),
reps AS (SELECT rep_id, team_id FROM raw.crm_reps),
orders AS (SELECT order_id, rep_id FROM raw.orders_orders WHERE _op = 'U'),
order_products AS (
  SELECT order_id, array_sort(collect_set(product_id)) AS products FROM raw.orders_order_lines WHERE _op = 'U' GROUP BY order_id
),
deliveries AS (
  SELECT s.order_id, s.delivered_at, o.rep_id, op.products,
         s.delivered_at + make_dt_interval({{setting:compliance.followup.days}}) <= a.as_of_ts AS due
  FROM raw.orders_shipments s
  JOIN orders o ON o.order_id = s.order_id
  LEFT JOIN order_products op ON op.order_id = s.order_id
  CROSS JOIN as_of a
  WHERE s._op = 'U' AND s.delivered_at IS NOT NULL
),
followed AS (
  SELECT DISTINCT d.order_id
  FROM deliveries d
  JOIN raw.crm_visits v
    ON v.order_id = d.order_id AND v._op = 'U' AND v.follow_up_after_delivery AND v.done_at IS NOT NULL
   AND v.done_at >= d.delivered_at AND v.done_at <= d.delivered_at + make_dt_interval({{setting:compliance.followup.days}})
),
tickets AS (
  SELECT t.ticket_id, t.rep_id, t.product_id, t.complexity, t.opened_at, CAST(t.opened_at AS DATE) AS opened_day,
         CAST(t.first_answered_at AS DATE) AS answered_day, t.resolved_at, t.deadline_on
  FROM raw.crm_service_tickets t
  WHERE t._op = 'U'
),
ordinary AS (
  SELECT t.*, d.day AS answer_due, a_.working_day_no - o.working_day_no AS answer_working_days, x.as_of_date
  FROM tickets t
  JOIN stg_calendar o ON o.day = t.opened_day
  JOIN stg_calendar d ON d.is_working_day AND d.working_day_no = o.working_day_no + {{setting:compliance.answer.working.days}}
  LEFT JOIN stg_calendar a_ ON a_.day = t.answered_day
  CROSS JOIN as_of x
  WHERE t.complexity = 'ordinary'
),
progress AS (
  SELECT DISTINCT ticket_id FROM raw.crm_ticket_updates WHERE _op = 'U' AND update_type = 'progress'
),
complaints AS (
  SELECT c.complaint_id, c.rep_id, c.opened_at, c.closed_at, c.deadline_on, op.products
  FROM raw.crm_complaints c
  LEFT JOIN order_products op ON op.order_id = c.order_id
  WHERE c._op = 'U'
),
facts AS (
  SELECT CAST(date_trunc('MONTH', d.delivered_at) AS DATE) AS month, d.rep_id, d.products,
         1 AS deliveries, CASE WHEN d.due THEN 1 ELSE 0 END AS follow_ups_due,
         CASE WHEN d.due AND f.order_id IS NOT NULL THEN 1 ELSE 0 END AS followed_up,
         0 AS tickets, 0 AS answered_in_time, 0 AS answered_late, 0 AS unanswered_overdue, 0 AS awaiting_answer,
         CAST(NULL AS INT) AS answer_working_days,
         0 AS complex_tickets, 0 AS complex_resolved, 0 AS complex_resolved_with_progress, 0 AS complex_resolved_by_deadline,
         0 AS complaints, 0 AS complaints_closed, 0 AS complaints_closed_by_deadline, CAST(NULL AS DOUBLE) AS resolution_days,
         CAST(NULL AS INT) AS survey_score
  FROM deliveries d
  LEFT JOIN followed f ON f.order_id = d.order_id
  UNION ALL
  SELECT CAST(date_trunc('MONTH', opened_day) AS DATE), rep_id, CASE WHEN product_id IS NOT NULL THEN array(product_id) END,
         0, 0, 0,
         1,
         CASE WHEN answered_day IS NOT NULL AND answered_day <= answer_due THEN 1 ELSE 0 END,
         CASE WHEN answered_day > answer_due THEN 1 ELSE 0 END,
         CASE WHEN answered_day IS NULL AND answer_due < as_of_date THEN 1 ELSE 0 END,
         CASE WHEN answered_day IS NULL AND answer_due >= as_of_date THEN 1 ELSE 0 END,
         CAST(answer_working_days AS INT),
         0, 0, 0, 0, 0, 0, 0, NULL, NULL
  FROM ordinary
  UNION ALL
  SELECT CAST(date_trunc('MONTH', t.opened_day) AS DATE), t.rep_id, CASE WHEN t.product_id IS NOT NULL THEN array(t.product_id) END,
         0, 0, 0, 0, 0, 0, 0, 0, NULL,
         1,
         CASE WHEN t.resolved_at IS NOT NULL THEN 1 ELSE 0 END,
         CASE WHEN t.resolved_at IS NOT NULL AND p.ticket_id IS NOT NULL THEN 1 ELSE 0 END,
         CASE WHEN t.resolved_at IS NOT NULL AND CAST(t.resolved_at AS DATE) <= t.deadline_on THEN 1 ELSE 0 END,
         0, 0, 0, NULL, NULL
  FROM tickets t
  LEFT JOIN progress p ON p.ticket_id = t.ticket_id
  WHERE t.complexity = 'complex'
  UNION ALL
  SELECT CAST(date_trunc('MONTH', opened_at) AS DATE), rep_id, products,
         0, 0, 0, 0, 0, 0, 0, 0, NULL, 0, 0, 0, 0,
         1,
         CASE WHEN closed_at IS NOT NULL THEN 1 ELSE 0 END,
         CASE WHEN closed_at IS NOT NULL AND CAST(closed_at AS DATE) <= deadline_on THEN 1 ELSE 0 END,
         CASE WHEN closed_at IS NOT NULL THEN (unix_seconds(closed_at) - unix_seconds(opened_at)) / 86400.0 END,
         NULL
  FROM complaints
  UNION ALL
  SELECT CAST(date_trunc('MONTH', c.opened_at) AS DATE), c.rep_id, c.products,
         0, 0, 0, 0, 0, 0, 0, 0, NULL, 0, 0, 0, 0, 0, 0, 0, NULL,
         s.score
  FROM raw.crm_satisfaction_surveys s
  JOIN complaints c ON c.complaint_id = s.complaint_id
  WHERE s._op = 'U' AND s.survey_type = 'post_complaint' AND s.answered_at IS NOT NULL AND s.score IS NOT NULL
),
measures AS (
  SELECT month, rep_id, products, deliveries, follow_ups_due, followed_up, tickets, answered_in_time, answered_late,
         unanswered_overdue, awaiting_answer, answer_working_days, complex_tickets, complex_resolved,
         complex_resolved_with_progress, complex_resolved_by_deadline, complaints, complaints_closed,
         complaints_closed_by_deadline, resolution_days, survey_score
  FROM facts
),
by_org AS (
  SELECT m.month,
         CASE WHEN grouping(m.rep_id) = 0 THEN 'rep' WHEN grouping(r.team_id) = 0 THEN 'team' ELSE 'company' END AS level,
         m.rep_id, r.team_id, CAST(NULL AS BIGINT) AS product_id,
         SUM(deliveries) AS deliveries, SUM(follow_ups_due) AS follow_ups_due, SUM(followed_up) AS followed_up,
         SUM(tickets) AS tickets, SUM(answered_in_time) AS answered_in_time, SUM(answered_late) AS answered_late,
         SUM(unanswered_overdue) AS unanswered_overdue, SUM(awaiting_answer) AS awaiting_answer,
         AVG(answer_working_days) AS avg_answer_working_days,
         SUM(complex_tickets) AS complex_tickets, SUM(complex_resolved) AS complex_resolved,
         SUM(complex_resolved_with_progress) AS complex_resolved_with_progress,
         SUM(complex_resolved_by_deadline) AS complex_resolved_by_deadline,
         SUM(complaints) AS complaints, SUM(complaints_closed) AS complaints_closed,
         SUM(complaints_closed_by_deadline) AS complaints_closed_by_deadline, AVG(resolution_days) AS avg_resolution_days,
         COUNT(survey_score) AS satisfaction_responses, AVG(survey_score) AS satisfaction_avg
  FROM measures m
  LEFT JOIN reps r ON r.rep_id = m.rep_id
  GROUP BY GROUPING SETS ((m.month, m.rep_id, r.team_id), (m.month, r.team_id), (m.month))
),
by_product AS (
  SELECT month, 'product' AS level, CAST(NULL AS BIGINT) AS rep_id, CAST(NULL AS BIGINT) AS team_id, product_id,
         SUM(deliveries), SUM(follow_ups_due), SUM(followed_up), SUM(tickets), SUM(answered_in_time), SUM(answered_late),
         SUM(unanswered_overdue), SUM(awaiting_answer), AVG(answer_working_days),
         SUM(complex_tickets), SUM(complex_resolved), SUM(complex_resolved_with_progress), SUM(complex_resolved_by_deadline),
         SUM(complaints), SUM(complaints_closed), SUM(complaints_closed_by_deadline), AVG(resolution_days),
         COUNT(survey_score), AVG(survey_score)
  FROM measures
  LATERAL VIEW explode(products) p AS product_id
  GROUP BY month, product_id
),
all_rows AS (SELECT * FROM by_org UNION ALL SELECT * FROM by_product)
SELECT month, level, CAST(rep_id AS BIGINT) AS rep_id, CAST(team_id AS BIGINT) AS team_id, CAST(product_id AS BIGINT) AS product_id,
       CAST(deliveries AS BIGINT) AS deliveries, CAST(follow_ups_due AS BIGINT) AS follow_ups_due,
       CAST(followed_up AS BIGINT) AS followed_up,
       CAST(CASE WHEN follow_ups_due > 0 THEN followed_up / follow_ups_due END AS DECIMAL(5,4)) AS follow_up_rate,
       CAST(tickets AS BIGINT) AS tickets, CAST(answered_in_time AS BIGINT) AS answered_in_time,
       CAST(answered_late AS BIGINT) AS answered_late, CAST(unanswered_overdue AS BIGINT) AS unanswered_overdue,
       CAST(awaiting_answer AS BIGINT) AS awaiting_answer,
       CAST(CASE WHEN answered_in_time + answered_late + unanswered_overdue > 0
                 THEN answered_in_time / (answered_in_time + answered_late + unanswered_overdue) END AS DECIMAL(5,4)) AS answer_in_time_rate,
       CAST(avg_answer_working_days AS DECIMAL(8,2)) AS avg_answer_working_days,
       CAST(complex_tickets AS BIGINT) AS complex_tickets, CAST(complex_resolved AS BIGINT) AS complex_resolved,
       CAST(complex_resolved_with_progress AS BIGINT) AS complex_resolved_with_progress,
       CAST(complex_resolved_by_deadline AS BIGINT) AS complex_resolved_by_deadline,
       CAST(complaints AS BIGINT) AS complaints, CAST(complaints_closed AS BIGINT) AS complaints_closed,
       CAST(complaints_closed_by_deadline AS BIGINT) AS complaints_closed_by_deadline,
       CAST(avg_resolution_days AS DECIMAL(8,2)) AS avg_resolution_days,
       CAST(satisfaction_responses AS BIGINT) AS satisfaction_responses,
       CAST(satisfaction_avg AS DECIMAL(4,2)) AS satisfaction_avg
FROM all_rows
