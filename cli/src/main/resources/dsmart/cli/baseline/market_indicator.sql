-- Baseline of mart.market_indicator (DuckDB over the raw tables), monthly grain only, rows whose numerator is not
-- zero, every indicator except ab_churned_customers (it needs the month-by-month tier history).
WITH cust AS (SELECT customer_id, region_code FROM raw.crm_customers),
prod AS (SELECT product_id, category, list_price FROM raw.orders_products WHERE _op = 'U'),
ord AS (
  SELECT o.order_id, o.channel, CAST(o.ordered_at AS DATE) AS day, c.region_code AS region
  FROM raw.orders_orders o JOIN cust c USING (customer_id)
  WHERE o._op = 'U' AND o.status = 'confirmed'
    AND o.order_id IN (SELECT l.order_id FROM raw.orders_order_lines l JOIN raw.orders_products p USING (product_id) WHERE l._op = 'U')
),
sold AS (
  SELECT o.day, o.region, o.channel, p.category, l.line_amount AS amount, l.quantity AS volume, l.quantity * p.list_price AS list_value
  FROM ord o JOIN raw.orders_order_lines l ON l.order_id = o.order_id AND l._op = 'U' JOIN prod p ON p.product_id = l.product_id
),
returned AS (
  SELECT CAST(r.received_at AS DATE) AS day, o.region, o.channel, p.category, rl.amount
  FROM raw.orders_order_returns r
  JOIN raw.orders_order_return_lines rl ON rl.return_id = r.return_id AND rl._op = 'U'
  JOIN ord o ON o.order_id = r.order_id
  JOIN prod p ON p.product_id = rl.product_id
  WHERE r._op = 'U' AND r.status = 'received' AND r.received_at IS NOT NULL
),
complaint AS (
  SELECT CAST(k.opened_at AS DATE) AS day, c.region_code AS region FROM raw.crm_complaints k JOIN cust c USING (customer_id) WHERE k._op = 'U'
),
lead AS (SELECT CAST(created_at AS DATE) AS day, CAST(converted_at AS DATE) AS converted_day, region_code AS region, channel FROM raw.crm_leads WHERE _op = 'U'),
span AS (
  SELECT MIN(day) AS lo, MAX(day) AS hi FROM (
    SELECT day FROM ord UNION ALL SELECT day FROM returned UNION ALL SELECT day FROM complaint
    UNION ALL SELECT day FROM lead UNION ALL SELECT converted_day FROM lead)
),
sales AS (
  SELECT date_trunc('month', day) AS m,
         CASE WHEN GROUPING(region) = 0 THEN 'region' WHEN GROUPING(category) = 0 THEN 'category' WHEN GROUPING(channel) = 0 THEN 'channel' ELSE 'all' END AS dimension,
         coalesce(region, category, channel, 'all') AS dimension_value,
         SUM(amount) AS sales_amount, SUM(volume) AS sales_volume, SUM(list_value) AS list_value
  FROM sold GROUP BY GROUPING SETS ((m), (m, region), (m, category), (m, channel))
),
returns AS (
  SELECT date_trunc('month', day) AS m,
         CASE WHEN GROUPING(region) = 0 THEN 'region' WHEN GROUPING(category) = 0 THEN 'category' WHEN GROUPING(channel) = 0 THEN 'channel' ELSE 'all' END AS dimension,
         coalesce(region, category, channel, 'all') AS dimension_value, SUM(amount) AS returns_amount
  FROM returned GROUP BY GROUPING SETS ((m), (m, region), (m, category), (m, channel))
),
orders AS (
  SELECT date_trunc('month', day) AS m, CASE WHEN GROUPING(region) = 0 THEN 'region' ELSE 'all' END AS dimension,
         coalesce(region, 'all') AS dimension_value, COUNT(*) AS orders
  FROM ord GROUP BY GROUPING SETS ((m), (m, region))
),
complaints AS (
  SELECT date_trunc('month', day) AS m, CASE WHEN GROUPING(region) = 0 THEN 'region' ELSE 'all' END AS dimension,
         coalesce(region, 'all') AS dimension_value, COUNT(*) AS complaints
  FROM complaint GROUP BY GROUPING SETS ((m), (m, region))
),
leads AS (
  SELECT m, CASE WHEN GROUPING(region) = 0 THEN 'region' WHEN GROUPING(channel) = 0 THEN 'channel' ELSE 'all' END AS dimension,
         coalesce(region, channel, 'all') AS dimension_value, SUM(created) AS new_leads, SUM(converted) AS leads_converted
  FROM (SELECT date_trunc('month', day) AS m, region, channel, 1 AS created, 0 AS converted FROM lead
        UNION ALL SELECT date_trunc('month', converted_day), region, channel, 0, 1 FROM lead WHERE converted_day IS NOT NULL)
  GROUP BY GROUPING SETS ((m), (m, region), (m, channel))
),
-- receivables at each month's last day within the data (the data's last day for the current month)
period_end AS (
  SELECT m, least(last_day(m), (SELECT hi FROM span)) AS d
  FROM (SELECT CAST(unnest(generate_series(date_trunc('month', lo), date_trunc('month', hi), INTERVAL 1 MONTH)) AS DATE) AS m FROM span WHERE lo IS NOT NULL)
),
invoice AS (SELECT invoice_id, customer_id, issued_on, due_on, amount FROM raw.finance_invoices WHERE _op = 'U'),
move AS (
  SELECT i.customer_id, i.due_on, x.day, x.delta FROM invoice i JOIN (
    SELECT invoice_id, issued_on AS day, amount AS delta FROM invoice
    UNION ALL SELECT invoice_id, issued_on, -amount FROM raw.finance_credit_notes WHERE _op = 'U'
    UNION ALL SELECT invoice_id, written_off_on, -amount FROM raw.finance_write_offs WHERE _op = 'U'
    UNION ALL SELECT a.invoice_id, a.allocated_on, -a.amount FROM raw.finance_receipt_allocations a
              JOIN raw.finance_receipts r ON r.receipt_id = a.receipt_id AND r._op = 'U' AND r.status = 'cleared'
              WHERE a._op = 'U' AND NOT a.deleted) x USING (invoice_id)
),
balances AS (
  SELECT p.m, CASE WHEN GROUPING(c.region_code) = 0 THEN 'region' ELSE 'all' END AS dimension, coalesce(c.region_code, 'all') AS dimension_value,
         SUM(mv.delta) FILTER (WHERE greatest(mv.day, mv.due_on + 1) <= p.d) AS overdue, SUM(mv.delta) AS open
  FROM period_end p JOIN move mv ON mv.day <= p.d JOIN cust c ON c.customer_id = mv.customer_id
  GROUP BY GROUPING SETS ((p.m), (p.m, c.region_code))
),
grid AS (
  SELECT k.m, k.dimension, k.dimension_value, s.sales_amount, s.sales_volume, s.list_value, r.returns_amount, o.orders, c.complaints,
         l.new_leads, l.leads_converted
  FROM (SELECT m, dimension, dimension_value FROM sales UNION SELECT m, dimension, dimension_value FROM returns
        UNION SELECT m, dimension, dimension_value FROM complaints UNION SELECT m, dimension, dimension_value FROM leads) k
  LEFT JOIN sales s USING (m, dimension, dimension_value)
  LEFT JOIN returns r USING (m, dimension, dimension_value)
  LEFT JOIN orders o USING (m, dimension, dimension_value)
  LEFT JOIN complaints c USING (m, dimension, dimension_value)
  LEFT JOIN leads l USING (m, dimension, dimension_value)
),
indicators AS (
  SELECT m, 'sales_amount' AS indicator, dimension, dimension_value, sales_amount AS numerator, NULL AS denominator FROM grid
  UNION ALL SELECT m, 'sales_volume', dimension, dimension_value, sales_volume, NULL FROM grid
  UNION ALL SELECT m, 'avg_selling_price', dimension, dimension_value, sales_amount, coalesce(sales_volume, 0) FROM grid
  UNION ALL SELECT m, 'discount_depth', dimension, dimension_value, list_value - sales_amount, coalesce(list_value, 0) FROM grid
  UNION ALL SELECT m, 'return_rate', dimension, dimension_value, returns_amount, coalesce(sales_amount, 0) FROM grid
  UNION ALL SELECT m, 'complaint_rate', dimension, dimension_value, complaints, coalesce(orders, 0) FROM grid WHERE dimension IN ('all', 'region')
  UNION ALL SELECT m, 'new_leads', dimension, dimension_value, new_leads, NULL FROM grid WHERE dimension IN ('all', 'region', 'channel')
  UNION ALL SELECT m, 'lead_conversion_rate', dimension, dimension_value, leads_converted, coalesce(new_leads, 0) FROM grid
            WHERE dimension IN ('all', 'region', 'channel')
  UNION ALL SELECT m, 'overdue_ratio', dimension, dimension_value, overdue, open FROM balances
)
SELECT 'monthly' AS grain, CAST(m AS DATE) AS period_start, indicator, dimension, dimension_value,
       CAST(CASE WHEN denominator IS NULL THEN numerator WHEN denominator <> 0 THEN numerator / denominator END AS DECIMAL(22,6)) AS value,
       CAST(numerator AS DECIMAL(20,2)) AS numerator, CAST(denominator AS DECIMAL(20,2)) AS denominator
FROM indicators
WHERE numerator <> 0
