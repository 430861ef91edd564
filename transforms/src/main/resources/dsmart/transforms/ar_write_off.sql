-- mart.ar_write_off: every bad-debt write-off with its evidence and the invoice it closed. open_before is
-- what was still open on the invoice on the write-off day before it: invoice − credit notes − live
-- allocations dated on or before that day − earlier write-offs (by date, then id). evidence_complete: an
-- approver, an approval on or before the write-off day and an evidence reference.
WITH credited AS (
  SELECT w.write_off_id, SUM(c.amount) AS amount
  FROM stg_write_offs w JOIN stg_credit_notes c ON c.invoice_id = w.invoice_id AND c.issued_on <= w.written_off_on
  GROUP BY w.write_off_id
),
paid AS (
  SELECT w.write_off_id, SUM(a.amount) AS amount
  FROM stg_write_offs w JOIN stg_receipt_allocations a ON a.invoice_id = w.invoice_id AND a.allocated_on <= w.written_off_on
  GROUP BY w.write_off_id
),
earlier AS (
  SELECT w.write_off_id, SUM(e.amount) AS amount
  FROM stg_write_offs w JOIN stg_write_offs e ON e.invoice_id = w.invoice_id
    AND (e.written_off_on < w.written_off_on OR (e.written_off_on = w.written_off_on AND e.write_off_id < w.write_off_id))
  GROUP BY w.write_off_id
),
open_before AS (
  SELECT w.write_off_id,
         i.amount - COALESCE(c.amount, 0) - COALESCE(p.amount, 0) - COALESCE(e.amount, 0) AS amount
  FROM stg_write_offs w
  JOIN stg_invoices i ON i.invoice_id = w.invoice_id
  LEFT JOIN credited c ON c.write_off_id = w.write_off_id
  LEFT JOIN paid p ON p.write_off_id = w.write_off_id
  LEFT JOIN earlier e ON e.write_off_id = w.write_off_id
)
SELECT w.write_off_id,
       w.written_off_on,
       trunc(w.written_off_on, 'MM') AS month,
       w.invoice_id,
       i.invoice_no,
       i.issued_on,
       i.due_on,
       datediff(w.written_off_on, i.due_on) AS days_past_due,
       w.customer_id,
       c.customer_name,
       c.owner_rep_id AS rep_id,
       c.region_code,
       CAST(i.amount AS DECIMAL(18,2)) AS invoice_amount,
       CAST(o.amount AS DECIMAL(18,2)) AS open_before,
       CAST(w.amount AS DECIMAL(18,2)) AS amount,
       w.reason,
       w.approved_by,
       w.approved_on,
       w.evidence_ref,
       COALESCE(trim(w.approved_by) <> '' AND w.approved_on <= w.written_off_on AND trim(w.evidence_ref) <> '', FALSE)
         AS evidence_complete,
       COALESCE(w.amount = o.amount, FALSE) AS amount_equals_open
FROM stg_write_offs w
LEFT JOIN stg_invoices i ON i.invoice_id = w.invoice_id
LEFT JOIN open_before o ON o.write_off_id = w.write_off_id
LEFT JOIN stg_customers c ON c.customer_id = w.customer_id
