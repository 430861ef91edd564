-- Baseline of mart.ar_ageing (DuckDB over the raw tables): open invoice amounts per as-of date, customer and
-- ageing bucket. As-of dates: month ends of the finance data before its last day, and that last day.
WITH invoice AS (SELECT invoice_id, customer_id, issued_on, due_on, amount FROM raw.finance_invoices WHERE _op = 'U'),
receipt AS (SELECT receipt_id, status, received_on, bounced_on FROM raw.finance_receipts WHERE _op = 'U'),
-- everything that reduces an invoice, with its business date
reduction AS (
  SELECT invoice_id, issued_on AS day, amount FROM raw.finance_credit_notes WHERE _op = 'U'
  UNION ALL
  SELECT a.invoice_id, a.allocated_on, a.amount FROM raw.finance_receipt_allocations a JOIN receipt r USING (receipt_id)
  WHERE a._op = 'U' AND NOT a.deleted AND r.status = 'cleared'
  UNION ALL
  SELECT invoice_id, written_off_on, amount FROM raw.finance_write_offs WHERE _op = 'U'
),
event_day AS (
  SELECT issued_on AS day FROM invoice UNION ALL SELECT day FROM reduction
  UNION ALL SELECT received_on FROM receipt UNION ALL SELECT bounced_on FROM receipt
),
span AS (SELECT MIN(day) AS first_day, MAX(day) AS last_day FROM event_day),
as_of AS (
  SELECT last_day(CAST(unnest(generate_series(date_trunc('month', first_day), date_trunc('month', last_day), INTERVAL 1 MONTH)) AS DATE)) AS as_of_date
  FROM span WHERE last_day IS NOT NULL
),
as_of_dates AS (
  SELECT as_of_date FROM as_of WHERE as_of_date < (SELECT last_day FROM span)
  UNION ALL SELECT last_day FROM span WHERE last_day IS NOT NULL
),
reduced AS (
  SELECT d.as_of_date, r.invoice_id, SUM(r.amount) AS amount
  FROM as_of_dates d JOIN reduction r ON r.day <= d.as_of_date
  GROUP BY ALL
),
open_item AS (
  SELECT d.as_of_date, i.customer_id, i.amount - coalesce(r.amount, 0) AS open_amount,
         d.as_of_date - CASE WHEN '{{setting:receivables.ageing.basis}}' = 'posting' THEN i.issued_on ELSE i.due_on END AS age
  FROM as_of_dates d
  JOIN invoice i ON i.issued_on <= d.as_of_date
  LEFT JOIN reduced r ON r.as_of_date = d.as_of_date AND r.invoice_id = i.invoice_id
  WHERE i.amount - coalesce(r.amount, 0) <> 0
),
bucketed AS (
  SELECT *, CASE WHEN age <= 0 THEN 0 ELSE 1 + len(list_filter(bounds, b -> b < age)) END AS bucket_no
  FROM open_item, (SELECT [{{setting:receivables.ageing.buckets}}] AS bounds)
),
grouped AS (
  SELECT as_of_date, customer_id, bucket_no, any_value(bounds) AS bounds, COUNT(*) AS invoices, SUM(open_amount) AS amount
  FROM bucketed GROUP BY as_of_date, customer_id, bucket_no
)
SELECT as_of_date, customer_id, bucket_no,
       CASE WHEN bucket_no = 0 THEN CASE WHEN '{{setting:receivables.ageing.basis}}' = 'posting' THEN '0 days' ELSE 'not yet due' END
            WHEN bucket_no > len(bounds) THEN 'over ' || bounds[len(bounds)]
            ELSE CAST(CASE WHEN bucket_no = 1 THEN 1 ELSE bounds[bucket_no - 1] + 1 END AS VARCHAR) || '-' || bounds[bucket_no] END AS bucket,
       CASE WHEN bucket_no = 1 THEN 1 WHEN bucket_no > 1 THEN bounds[bucket_no - 1] + 1 END AS min_days,
       CASE WHEN bucket_no = 0 THEN 0 WHEN bucket_no <= len(bounds) THEN bounds[bucket_no] END AS max_days,
       invoices, CAST(amount AS DECIMAL(18,2)) AS amount,
       CAST(SUM(amount) OVER (PARTITION BY as_of_date, customer_id) AS DECIMAL(18,2)) AS customer_outstanding
FROM grouped
