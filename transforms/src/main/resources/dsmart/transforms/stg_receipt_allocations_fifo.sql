-- FIFO allocations, for a finance source that records no allocations (setting receivables.allocation=fifo).
-- Per customer, cleared receipts in the order received pay invoices in the order issued: each invoice needs its
-- amount less all its credit notes and write-offs, and a receipt pays the part where its running range overlaps
-- the invoice's. A receipt pays an invoice no earlier than the invoice's issue date (until then it is on account);
-- what no invoice needs stays on account. FIFO allocations have no allocation_id.
WITH needed AS (
  SELECT i.invoice_id, i.customer_id, i.issued_on,
         i.amount - COALESCE(c.amount, 0) - COALESCE(w.amount, 0) AS amount
  FROM stg_invoices i
  LEFT JOIN (SELECT invoice_id, SUM(amount) AS amount FROM stg_credit_notes GROUP BY invoice_id) c ON c.invoice_id = i.invoice_id
  LEFT JOIN (SELECT invoice_id, SUM(amount) AS amount FROM stg_write_offs GROUP BY invoice_id) w ON w.invoice_id = i.invoice_id
),
invoice_range AS (
  SELECT invoice_id, customer_id, issued_on, amount,
         SUM(amount) OVER (PARTITION BY customer_id ORDER BY issued_on, invoice_id ROWS UNBOUNDED PRECEDING) AS upto
  FROM needed
  WHERE amount > 0
),
receipt_range AS (
  SELECT receipt_id, customer_id, received_on, amount,
         SUM(amount) OVER (PARTITION BY customer_id ORDER BY received_on, receipt_id ROWS UNBOUNDED PRECEDING) AS upto
  FROM stg_receipts
  WHERE status = 'cleared'
)
SELECT CAST(NULL AS BIGINT) AS allocation_id, r.receipt_id, i.invoice_id, r.customer_id,
       GREATEST(r.received_on, i.issued_on) AS allocated_on,
       CAST(LEAST(i.upto, r.upto) - GREATEST(i.upto - i.amount, r.upto - r.amount) AS DECIMAL(18,2)) AS amount
FROM invoice_range i
JOIN receipt_range r ON r.customer_id = i.customer_id
  AND r.upto - r.amount < i.upto AND i.upto - i.amount < r.upto
