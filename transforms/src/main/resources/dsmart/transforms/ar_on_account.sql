-- mart.ar_on_account: per as-of date and customer, cleared money received by that date and not (yet)
-- allocated to an invoice by that date: over-payments, advance payments, receipts applied late.
WITH received AS (
  SELECT d.as_of_date, r.customer_id, SUM(r.amount) AS amount
  FROM stg_ar_as_of d JOIN stg_receipts r ON r.received_on <= d.as_of_date AND r.status = 'cleared'
  GROUP BY d.as_of_date, r.customer_id
),
allocated AS (
  SELECT d.as_of_date, a.customer_id, SUM(a.amount) AS amount
  FROM stg_ar_as_of d JOIN stg_receipt_allocations a ON a.allocated_on <= d.as_of_date
  GROUP BY d.as_of_date, a.customer_id
)
SELECT r.as_of_date,
       r.customer_id,
       CAST(r.amount AS DECIMAL(18,2)) AS received,
       CAST(COALESCE(a.amount, 0) AS DECIMAL(18,2)) AS allocated,
       CAST(r.amount - COALESCE(a.amount, 0) AS DECIMAL(18,2)) AS on_account
FROM received r
LEFT JOIN allocated a ON a.as_of_date = r.as_of_date AND a.customer_id = r.customer_id
WHERE r.amount - COALESCE(a.amount, 0) <> 0
