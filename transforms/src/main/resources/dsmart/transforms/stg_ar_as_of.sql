-- The receivables as-of dates: every business month end within the finance data, plus the data's
-- as-of date (the latest business date of any finance event), flagged is_data_as_of.
WITH events AS (
  SELECT issued_on AS on_date FROM stg_invoices
  UNION ALL SELECT issued_on FROM stg_credit_notes
  UNION ALL SELECT received_on FROM stg_receipts
  UNION ALL SELECT bounced_on FROM stg_receipts
  UNION ALL SELECT allocated_on FROM stg_receipt_allocations
  UNION ALL SELECT written_off_on FROM stg_write_offs
),
bounds AS (
  SELECT MIN(on_date) AS first_day, MAX(on_date) AS data_as_of FROM events
),
months AS (
  SELECT explode(sequence(trunc(first_day, 'MM'), trunc(data_as_of, 'MM'), INTERVAL 1 MONTH)) AS month, data_as_of
  FROM bounds
  WHERE data_as_of IS NOT NULL
)
SELECT last_day(month) AS as_of_date, FALSE AS is_data_as_of FROM months WHERE last_day(month) < data_as_of
UNION ALL
SELECT data_as_of, TRUE FROM bounds WHERE data_as_of IS NOT NULL
