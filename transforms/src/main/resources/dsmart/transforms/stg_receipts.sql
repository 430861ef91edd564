-- Money received; only status 'cleared' counts as paid (bounced and reversed receipts never do).
SELECT receipt_id, customer_id, received_on, amount, status, bounced_on
FROM raw.finance_receipts
WHERE _op = 'U'
