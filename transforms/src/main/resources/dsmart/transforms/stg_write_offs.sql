-- Write-offs of what was still open on an invoice, with their evidence.
SELECT write_off_id, invoice_id, customer_id, written_off_on, amount, reason, approved_by, approved_on, evidence_ref
FROM raw.finance_write_offs
WHERE _op = 'U'
