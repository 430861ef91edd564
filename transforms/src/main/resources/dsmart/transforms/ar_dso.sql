-- mart.ar_dso: days sales outstanding and days to pay per as-of date (one per month) at the levels
-- customer, rep (the customer's current owner), region (the customer's) and company.
-- DSO = receivables at the as-of date / credit sales of the trailing receivables.dso.months months × the
-- days of that window (as_of_date - months, as_of_date]. Credit sales = invoices issued − credit notes
-- issued in the window. Days to pay: live allocations made in the as-of date's month (up to the as-of
-- date), weighted by amount: allocated_on − issued_on, and beyond terms: allocated_on − due_on.
WITH periods AS (
  SELECT as_of_date, is_data_as_of, trunc(as_of_date, 'MM') AS month,
         add_months(as_of_date, -{{setting:receivables.dso.months}}) AS window_start,
         datediff(as_of_date, add_months(as_of_date, -{{setting:receivables.dso.months}})) AS window_days
  FROM stg_ar_as_of
),
receivables AS (
  SELECT as_of_date, customer_id, SUM(open_amount) AS amount FROM mart.ar_ledger GROUP BY as_of_date, customer_id
),
invoiced AS (
  SELECT p.as_of_date, i.customer_id, SUM(i.amount) AS amount
  FROM periods p JOIN stg_invoices i ON i.issued_on > p.window_start AND i.issued_on <= p.as_of_date
  GROUP BY p.as_of_date, i.customer_id
),
credited AS (
  SELECT p.as_of_date, c.customer_id, SUM(c.amount) AS amount
  FROM periods p JOIN stg_credit_notes c ON c.issued_on > p.window_start AND c.issued_on <= p.as_of_date
  GROUP BY p.as_of_date, c.customer_id
),
payments AS (
  SELECT p.as_of_date, a.customer_id, SUM(a.amount) AS paid,
         SUM(a.amount * datediff(a.allocated_on, i.issued_on)) AS paid_days,
         SUM(a.amount * datediff(a.allocated_on, i.due_on)) AS late_days
  FROM periods p
  JOIN stg_receipt_allocations a ON a.allocated_on >= p.month AND a.allocated_on <= p.as_of_date
  JOIN stg_invoices i ON i.invoice_id = a.invoice_id
  GROUP BY p.as_of_date, a.customer_id
),
-- one row per as-of date and invoiced customer (every amount above belongs to a customer with an invoice);
-- no UNION: docs/decisions.md, "Receivables SQL without UNION"
per_customer AS (
  SELECT p.as_of_date, k.customer_id,
         COALESCE(r.amount, 0) AS receivables,
         COALESCE(v.amount, 0) - COALESCE(c.amount, 0) AS sales,
         COALESCE(y.paid, 0) AS paid,
         COALESCE(y.paid_days, 0) AS paid_days,
         COALESCE(y.late_days, 0) AS late_days
  FROM periods p
  CROSS JOIN (SELECT DISTINCT customer_id FROM stg_invoices) k
  LEFT JOIN receivables r ON r.as_of_date = p.as_of_date AND r.customer_id = k.customer_id
  LEFT JOIN invoiced v ON v.as_of_date = p.as_of_date AND v.customer_id = k.customer_id
  LEFT JOIN credited c ON c.as_of_date = p.as_of_date AND c.customer_id = k.customer_id
  LEFT JOIN payments y ON y.as_of_date = p.as_of_date AND y.customer_id = k.customer_id
  WHERE r.amount <> 0 OR v.amount IS NOT NULL OR c.amount IS NOT NULL OR y.paid IS NOT NULL
),
grouped AS (
  SELECT f.as_of_date,
         CASE WHEN grouping(f.customer_id) = 0 THEN 'customer' WHEN grouping(c.owner_rep_id) = 0 THEN 'rep'
              WHEN grouping(c.region_code) = 0 THEN 'region' ELSE 'company' END AS level,
         f.customer_id, c.owner_rep_id AS rep_id, c.region_code,
         SUM(f.receivables) AS receivables, SUM(f.sales) AS sales, SUM(f.paid) AS paid,
         SUM(f.paid_days) AS paid_days, SUM(f.late_days) AS late_days
  FROM per_customer f
  LEFT JOIN stg_customers c ON c.customer_id = f.customer_id
  GROUP BY f.as_of_date, GROUPING SETS ((f.customer_id, c.owner_rep_id, c.region_code), (c.owner_rep_id), (c.region_code), ())
)
SELECT p.month,
       g.as_of_date,
       p.is_data_as_of,
       g.level,
       g.customer_id,
       c.customer_name,
       g.rep_id,
       r.rep_name,
       g.region_code,
       rg.region_name,
       CAST(g.receivables AS DECIMAL(18,2)) AS receivables,
       CAST(g.sales AS DECIMAL(18,2)) AS credit_sales,
       p.window_days,
       CAST(CASE WHEN g.sales > 0 THEN g.receivables / g.sales * p.window_days END AS DECIMAL(9,1)) AS dso,
       CAST(g.paid AS DECIMAL(18,2)) AS paid,
       CAST(CASE WHEN g.paid > 0 THEN g.paid_days / g.paid END AS DECIMAL(9,1)) AS avg_days_to_pay,
       CAST(CASE WHEN g.paid > 0 THEN g.late_days / g.paid END AS DECIMAL(9,1)) AS avg_days_beyond_terms
FROM grouped g
JOIN periods p ON p.as_of_date = g.as_of_date
LEFT JOIN stg_customers c ON c.customer_id = g.customer_id
LEFT JOIN stg_reps r ON r.rep_id = g.rep_id
LEFT JOIN stg_regions rg ON rg.region_code = g.region_code
