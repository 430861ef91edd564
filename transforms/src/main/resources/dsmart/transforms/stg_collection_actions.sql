-- Collection follow-ups logged in finance (reminder, call, visit, letter, escalation) by rep.
SELECT action_id, invoice_id, customer_id, rep_id, action_type, action_on, days_overdue, outcome
FROM raw.finance_collection_actions
WHERE _op = 'U'
