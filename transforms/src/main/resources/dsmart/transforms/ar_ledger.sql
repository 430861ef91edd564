-- mart.ar_ledger: every invoice issued by an as-of date, with what reduced it by that date (business
-- dates, all <= as_of_date): credit notes, live allocations of cleared receipts, write-offs.
WITH inv AS (
  SELECT d.as_of_date, d.is_data_as_of, i.*
  FROM stg_ar_as_of d JOIN stg_invoices i ON i.issued_on <= d.as_of_date
),
cn AS (
  SELECT d.as_of_date, c.invoice_id, SUM(c.amount) AS amount
  FROM stg_ar_as_of d JOIN stg_credit_notes c ON c.issued_on <= d.as_of_date
  GROUP BY d.as_of_date, c.invoice_id
),
paid AS (
  SELECT d.as_of_date, a.invoice_id, SUM(a.amount) AS amount
  FROM stg_ar_as_of d JOIN stg_receipt_allocations a ON a.allocated_on <= d.as_of_date
  GROUP BY d.as_of_date, a.invoice_id
),
wo AS (
  SELECT d.as_of_date, w.invoice_id, SUM(w.amount) AS amount
  FROM stg_ar_as_of d JOIN stg_write_offs w ON w.written_off_on <= d.as_of_date
  GROUP BY d.as_of_date, w.invoice_id
)
SELECT inv.as_of_date,
       inv.is_data_as_of,
       inv.invoice_id,
       inv.invoice_no,
       inv.customer_id,
       inv.issued_on,
       inv.due_on,
       CAST(inv.amount AS DECIMAL(18,2)) AS invoice_amount,
       CAST(COALESCE(cn.amount, 0) AS DECIMAL(18,2)) AS credited,
       CAST(COALESCE(paid.amount, 0) AS DECIMAL(18,2)) AS received,
       CAST(COALESCE(wo.amount, 0) AS DECIMAL(18,2)) AS written_off,
       CAST(inv.amount - COALESCE(cn.amount, 0) - COALESCE(paid.amount, 0) - COALESCE(wo.amount, 0) AS DECIMAL(18,2)) AS open_amount,
       datediff(inv.as_of_date, inv.due_on) AS days_past_due
FROM inv
LEFT JOIN cn ON cn.as_of_date = inv.as_of_date AND cn.invoice_id = inv.invoice_id
LEFT JOIN paid ON paid.as_of_date = inv.as_of_date AND paid.invoice_id = inv.invoice_id
LEFT JOIN wo ON wo.as_of_date = inv.as_of_date AND wo.invoice_id = inv.invoice_id
