-- The receivables as-of dates: every business month end within the finance data, plus the data's
-- as-of date (the latest business date of any finance event), flagged is_data_as_of.
-- No UNION (see docs/decisions.md, "Receivables SQL without UNION"): one aggregate row per table.
WITH bounds AS (
  SELECT least(i.first_day, c.first_day, r.first_day, r.first_bounce, a.first_day, w.first_day) AS first_day,
         greatest(i.last_day, c.last_day, r.last_day, r.last_bounce, a.last_day, w.last_day) AS data_as_of
  FROM (SELECT MIN(issued_on) AS first_day, MAX(issued_on) AS last_day FROM stg_invoices) i
  CROSS JOIN (SELECT MIN(issued_on) AS first_day, MAX(issued_on) AS last_day FROM stg_credit_notes) c
  CROSS JOIN (SELECT MIN(received_on) AS first_day, MAX(received_on) AS last_day,
                     MIN(bounced_on) AS first_bounce, MAX(bounced_on) AS last_bounce FROM stg_receipts) r
  CROSS JOIN (SELECT MIN(allocated_on) AS first_day, MAX(allocated_on) AS last_day FROM stg_receipt_allocations) a
  CROSS JOIN (SELECT MIN(written_off_on) AS first_day, MAX(written_off_on) AS last_day FROM stg_write_offs) w
)
SELECT as_of_date, as_of_date = data_as_of AS is_data_as_of
FROM bounds
LATERAL VIEW explode(
  concat(filter(transform(sequence(trunc(first_day, 'MM'), trunc(data_as_of, 'MM'), INTERVAL 1 MONTH), m -> last_day(m)),
                d -> d < data_as_of),
         array(data_as_of))) e AS as_of_date
WHERE data_as_of IS NOT NULL
