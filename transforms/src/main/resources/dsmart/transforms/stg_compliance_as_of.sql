-- The day compliance is judged at (one row): setting compliance.as.of, or when empty the business day after the
-- latest change (updated_at) of an order, i.e. the first day the data do not cover. as_of_ts is its start
-- (00:00 business time).
SELECT as_of_date, CAST(as_of_date AS TIMESTAMP) AS as_of_ts
FROM (
  SELECT COALESCE(to_date(NULLIF(trim('{{setting:compliance.as.of}}'), '')),
                  date_add(MAX(CAST(updated_at AS DATE)), 1)) AS as_of_date
  FROM raw.orders_orders
)
WHERE as_of_date IS NOT NULL
