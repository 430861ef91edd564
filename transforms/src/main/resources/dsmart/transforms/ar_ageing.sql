-- mart.ar_ageing: open invoice amounts of mart.ar_ledger per as-of date, customer and ageing bucket.
-- {{age_from}} (due_on or issued_on) and the buckets ({{bucket_no}}, {{buckets}}) come from the
-- receivables.ageing.* settings. Every open invoice gets a bucket: the CASE ends with ELSE.
WITH open_items AS (
  SELECT as_of_date, customer_id, open_amount, datediff(as_of_date, {{age_from}}) AS age_days
  FROM mart.ar_ledger
  WHERE open_amount <> 0
),
bucketed AS (
  SELECT as_of_date, customer_id, open_amount, {{bucket_no}} AS bucket_no
  FROM open_items
),
buckets AS (
  SELECT * FROM VALUES {{buckets}} AS k(bucket_no, bucket, min_days, max_days)
),
totals AS (
  SELECT as_of_date, customer_id, SUM(open_amount) AS outstanding
  FROM open_items
  GROUP BY as_of_date, customer_id
)
SELECT b.as_of_date,
       b.customer_id,
       c.customer_name,
       c.owner_rep_id AS rep_id,
       r.rep_name,
       r.team_id,
       t.team_name,
       c.region_code,
       g.region_name,
       b.bucket_no,
       k.bucket,
       k.min_days,
       k.max_days,
       COUNT(*) AS invoices,
       CAST(SUM(b.open_amount) AS DECIMAL(18,2)) AS amount,
       CAST(MAX(s.outstanding) AS DECIMAL(18,2)) AS customer_outstanding
FROM bucketed b
LEFT JOIN buckets k ON k.bucket_no = b.bucket_no
JOIN totals s ON s.as_of_date = b.as_of_date AND s.customer_id = b.customer_id
LEFT JOIN stg_customers c ON c.customer_id = b.customer_id
LEFT JOIN stg_reps r ON r.rep_id = c.owner_rep_id
LEFT JOIN stg_teams t ON t.team_id = r.team_id
LEFT JOIN stg_regions g ON g.region_code = c.region_code
GROUP BY b.as_of_date, b.customer_id, c.customer_name, c.owner_rep_id, r.rep_name, r.team_id, t.team_name,
         c.region_code, g.region_name, b.bucket_no, k.bucket, k.min_days, k.max_days
