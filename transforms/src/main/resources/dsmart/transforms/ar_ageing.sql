-- mart.ar_ageing: open invoice amounts of mart.ar_ledger per as-of date, customer and ageing bucket.
-- Age from the due date or the invoice date (receivables.ageing.basis); buckets from the upper bounds of
-- receivables.ageing.buckets: bucket 0 = days <= 0, bucket i = (bound i-1, bound i], the last one above
-- every bound. Every open invoice gets exactly one bucket: the number of bounds below its age, plus one.
WITH settings AS (
  SELECT '{{setting:receivables.ageing.basis}}' = 'posting' AS posting,
         transform(split('{{setting:receivables.ageing.buckets}}', ','), x -> CAST(trim(x) AS INT)) AS bounds
),
open_items AS (
  SELECT l.as_of_date, l.customer_id, l.open_amount,
         datediff(l.as_of_date, CASE WHEN s.posting THEN l.issued_on ELSE l.due_on END) AS age_days
  FROM mart.ar_ledger l CROSS JOIN settings s
  WHERE l.open_amount <> 0
),
bucketed AS (
  SELECT o.as_of_date, o.customer_id, o.open_amount,
         CASE WHEN o.age_days <= 0 THEN 0 ELSE size(filter(s.bounds, b -> b < o.age_days)) + 1 END AS bucket_no
  FROM open_items o CROSS JOIN settings s
),
buckets AS (
  SELECT bucket_no,
         CASE WHEN bucket_no = 0 THEN CASE WHEN posting THEN '0 days' ELSE 'not yet due' END
              WHEN bucket_no <= size(bounds) THEN concat(min_days, '-', bounds[bucket_no - 1])
              ELSE concat('over ', bounds[size(bounds) - 1]) END AS bucket,
         min_days,
         CASE WHEN bucket_no = 0 THEN 0 WHEN bucket_no <= size(bounds) THEN bounds[bucket_no - 1] END AS max_days
  FROM (SELECT posting, bounds, bucket_no,
               CASE WHEN bucket_no = 0 THEN CAST(NULL AS INT) WHEN bucket_no = 1 THEN 1 ELSE bounds[bucket_no - 2] + 1 END AS min_days
        FROM settings LATERAL VIEW explode(sequence(0, size(bounds) + 1)) n AS bucket_no)
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
