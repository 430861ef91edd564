-- Credit notes against an invoice.
SELECT credit_note_id, invoice_id, customer_id, issued_on, amount, reason
FROM raw.finance_credit_notes
WHERE _op = 'U'
