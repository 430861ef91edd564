-- mart.ar_provision: bad-debt provision per as-of date and customer, and the company total (level company,
-- customer_id null), from the ageing buckets of mart.ar_ageing: Σ ROUND(bucket amount × rate / 100, 2), the
-- rate of each bucket from receivables.provision.rates (percent, one per bucket, not yet due first).
WITH rates AS (
  SELECT transform(split('{{setting:receivables.provision.rates}}', ','), x -> CAST(trim(x) AS DECIMAL(5,2))) AS rates
),
per_bucket AS (
  SELECT a.as_of_date, a.customer_id, a.customer_name, a.rep_id, a.region_code, a.bucket_no, a.amount,
         CAST(ROUND(a.amount * try_element_at(r.rates, a.bucket_no + 1) / 100, 2) AS DECIMAL(18,2)) AS provision
  FROM mart.ar_ageing a CROSS JOIN rates r
),
totals AS (
  SELECT as_of_date,
         CASE WHEN grouping(customer_id) = 0 THEN 'customer' ELSE 'company' END AS level,
         customer_id, customer_name, rep_id, region_code,
         SUM(amount) AS outstanding,
         SUM(CASE WHEN bucket_no > 0 THEN amount ELSE 0 END) AS overdue,
         SUM(provision) AS provision
  FROM per_bucket
  GROUP BY as_of_date, GROUPING SETS ((customer_id, customer_name, rep_id, region_code), ())
)
SELECT t.level,
       t.as_of_date,
       d.is_data_as_of,
       trunc(t.as_of_date, 'MM') AS month,
       t.customer_id,
       t.customer_name,
       t.rep_id,
       t.region_code,
       CAST(t.outstanding AS DECIMAL(18,2)) AS outstanding,
       CAST(t.overdue AS DECIMAL(18,2)) AS overdue,
       CAST(t.provision AS DECIMAL(18,2)) AS provision,
       CAST(CASE WHEN t.outstanding <> 0 THEN t.provision / t.outstanding END AS DECIMAL(9,4)) AS coverage
FROM totals t
JOIN stg_ar_as_of d ON d.as_of_date = t.as_of_date
