-- The ledger balance per as-of date, computed from staging independently of the receivables marts, which are
-- checked against it: invoices − credit notes − live allocations of cleared receipts − write-offs, each counted
-- when its business date is on or before the as-of date. One aggregate per table joined on the as-of date, no
-- UNION (docs/decisions.md, "Receivables SQL without UNION").
SELECT d.as_of_date,
       CAST(COALESCE(i.amount, 0) - COALESCE(c.amount, 0) - COALESCE(a.amount, 0) - COALESCE(w.amount, 0) AS DECIMAL(18,2))
         AS balance
FROM stg_ar_as_of d
LEFT JOIN (SELECT d.as_of_date, SUM(x.amount) AS amount FROM stg_ar_as_of d JOIN stg_invoices x ON x.issued_on <= d.as_of_date
           GROUP BY d.as_of_date) i ON i.as_of_date = d.as_of_date
LEFT JOIN (SELECT d.as_of_date, SUM(x.amount) AS amount FROM stg_ar_as_of d JOIN stg_credit_notes x ON x.issued_on <= d.as_of_date
           GROUP BY d.as_of_date) c ON c.as_of_date = d.as_of_date
LEFT JOIN (SELECT d.as_of_date, SUM(x.amount) AS amount FROM stg_ar_as_of d JOIN stg_receipt_allocations x ON x.allocated_on <= d.as_of_date
           GROUP BY d.as_of_date) a ON a.as_of_date = d.as_of_date
LEFT JOIN (SELECT d.as_of_date, SUM(x.amount) AS amount FROM stg_ar_as_of d JOIN stg_write_offs x ON x.written_off_on <= d.as_of_date
           GROUP BY d.as_of_date) w ON w.as_of_date = d.as_of_date
