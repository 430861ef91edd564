-- mart.rep_kpi_evidence: the source rows behind each rep-month KPI of mart.sales_kpi (and so of the
-- scorecards): orders and returns (net sales, gross profit), first orders (new customers), answered
-- surveys (satisfaction), quotas (completion). See docs/marts.md "mart.rep_kpi_evidence".
WITH orders AS (
  SELECT order_id, customer_id, rep_id, ordered_at FROM raw.orders_orders WHERE _op = 'U' AND status = 'confirmed'
),
products AS (
  SELECT product_id, unit_cost FROM raw.orders_products WHERE _op = 'U'
),
returns AS (
  SELECT r.return_id, o.order_id, o.customer_id, o.rep_id, CAST(r.received_at AS DATE) AS event_date,
         SUM(rl.amount) AS amount, SUM(rl.amount - rl.quantity * p.unit_cost) AS gross_profit
  FROM raw.orders_order_returns r
  JOIN raw.orders_order_return_lines rl ON rl.return_id = r.return_id AND rl._op = 'U'
  JOIN orders o ON o.order_id = r.order_id
  JOIN products p ON p.product_id = rl.product_id
  WHERE r._op = 'U' AND r.status = 'received' AND r.received_at IS NOT NULL
  GROUP BY r.return_id, o.order_id, o.customer_id, o.rep_id, CAST(r.received_at AS DATE)
),
first_orders AS (
  SELECT order_id, customer_id, rep_id, ordered_at
  FROM (SELECT o.*, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY ordered_at, order_id) AS n FROM orders o)
  WHERE n = 1
),
evidence AS (
  SELECT rep_id, 'sales' AS kpi, 'orders.orders' AS source_table, order_id AS source_id, order_id, customer_id,
         order_date AS event_date, CAST(revenue AS DECIMAL(18,2)) AS amount, CAST(gross_profit AS DECIMAL(18,2)) AS gross_profit,
         CAST(NULL AS INT) AS score
  FROM stg_order_revenue
  UNION ALL
  SELECT rep_id, 'sales', 'orders.order_returns', return_id, order_id, customer_id, event_date,
         CAST(-amount AS DECIMAL(18,2)), CAST(-gross_profit AS DECIMAL(18,2)), CAST(NULL AS INT)
  FROM returns
  UNION ALL
  SELECT rep_id, 'new_customers', 'orders.orders', order_id, order_id, customer_id, CAST(ordered_at AS DATE),
         CAST(NULL AS DECIMAL(18,2)), CAST(NULL AS DECIMAL(18,2)), CAST(NULL AS INT)
  FROM first_orders
  UNION ALL
  SELECT rep_id, 'satisfaction', 'crm.satisfaction_surveys', survey_id, order_id, customer_id, CAST(answered_at AS DATE),
         CAST(NULL AS DECIMAL(18,2)), CAST(NULL AS DECIMAL(18,2)), CAST(score AS INT)
  FROM raw.crm_satisfaction_surveys
  WHERE _op = 'U' AND answered_at IS NOT NULL AND score IS NOT NULL
  UNION ALL
  SELECT rep_id, 'completion', 'crm.quotas', quota_id, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), quota_month,
         CAST(amount AS DECIMAL(18,2)), CAST(NULL AS DECIMAL(18,2)), CAST(NULL AS INT)
  FROM raw.crm_quotas
  WHERE _op = 'U'
)
SELECT CAST(date_trunc('MONTH', e.event_date) AS DATE) AS month, e.rep_id, e.kpi, e.source_table, e.source_id,
       e.order_id, e.customer_id, c.customer_name, e.event_date, e.amount, e.gross_profit, e.score
FROM evidence e
LEFT JOIN stg_customers c ON c.customer_id = e.customer_id
