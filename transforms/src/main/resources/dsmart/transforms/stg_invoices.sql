-- Invoices still present in finance. Dates are business dates.
SELECT invoice_id, invoice_no, order_id, customer_id, issued_on, due_on, amount, terms_code
FROM raw.finance_invoices
WHERE _op = 'U'
