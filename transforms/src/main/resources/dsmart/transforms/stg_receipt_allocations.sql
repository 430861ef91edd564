-- Live allocations: not soft-deleted, of a receipt that is still cleared (a bounced or reversed
-- receipt's allocations are soft-deleted by finance; the status test guards against a lagging flag).
SELECT a.allocation_id, a.receipt_id, a.invoice_id, r.customer_id, a.allocated_on, a.amount
FROM raw.finance_receipt_allocations a
JOIN raw.finance_receipts r ON r.receipt_id = a.receipt_id AND r._op = 'U'
WHERE a._op = 'U' AND NOT a.deleted AND r.status = 'cleared'
