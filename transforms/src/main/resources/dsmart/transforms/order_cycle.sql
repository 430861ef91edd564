-- mart.order_cycle: the order's way (P-3.3) contract -> entry -> production -> inspection -> shipment -> delivery,
-- for confirmed orders by order month x customer region x product category. An order counts once in category
-- 'all' and once in each category of its lines; region 'all' is every region. Lead times are averages in days
-- (24 h) over the orders that reached both steps. See docs/marts.md.
WITH orders AS (
  SELECT o.order_id, o.ordered_at, o.contract_id, o.delivery_promised_on, c.region_code,
         CAST(date_trunc('MONTH', o.ordered_at) AS DATE) AS month
  FROM raw.orders_orders o
  LEFT JOIN raw.crm_customers c ON c.customer_id = o.customer_id
  WHERE o._op = 'U' AND o.status = 'confirmed'
),
categories AS (
  SELECT l.order_id, array_sort(collect_set(p.category)) AS categories
  FROM raw.orders_order_lines l
  JOIN raw.orders_products p ON p.product_id = l.product_id AND p._op = 'U'
  WHERE l._op = 'U'
  GROUP BY l.order_id
),
production AS (
  SELECT order_id, MAX(completed_at) AS produced_at, COUNT(*) AS production_orders, COUNT(completed_at) AS completed
  FROM raw.orders_production_orders WHERE _op = 'U' GROUP BY order_id
),
inspections AS (
  SELECT order_id, COUNT(*) AS inspections,
         SUM(CASE WHEN inspection_result = 'passed' THEN 1 ELSE 0 END) AS passed,
         MIN(CASE WHEN inspection_result = 'passed' THEN inspected_at END) AS passed_at
  FROM raw.orders_quality_inspections WHERE _op = 'U' GROUP BY order_id
),
shipments AS (
  SELECT order_id, MIN(shipped_at) AS shipped_at, MAX(delivered_at) AS delivered_at,
         MAX(CASE WHEN tracking_no IS NOT NULL AND tracking_sent_at IS NOT NULL THEN 1 ELSE 0 END) AS tracking_sent
  FROM raw.orders_shipments WHERE _op = 'U' GROUP BY order_id
),
facts AS (
  SELECT o.month, COALESCE(o.region_code, 'unknown') AS region_code, COALESCE(c.categories, array()) AS categories,
         (unix_seconds(o.ordered_at) - unix_seconds(k.signed_at)) / 86400.0 AS contract_to_entry_days,
         CASE WHEN p.completed = p.production_orders THEN (unix_seconds(p.produced_at) - unix_seconds(o.ordered_at)) / 86400.0 END
           AS entry_to_production_days,
         CASE WHEN p.completed = p.production_orders THEN (unix_seconds(i.passed_at) - unix_seconds(p.produced_at)) / 86400.0 END
           AS production_to_inspection_days,
         (unix_seconds(s.shipped_at) - unix_seconds(i.passed_at)) / 86400.0 AS inspection_to_shipment_days,
         (unix_seconds(s.delivered_at) - unix_seconds(s.shipped_at)) / 86400.0 AS shipment_to_delivery_days,
         (unix_seconds(s.delivered_at) - unix_seconds(o.ordered_at)) / 86400.0 AS entry_to_delivery_days,
         CASE WHEN p.order_id IS NOT NULL THEN 1 ELSE 0 END AS made_to_order,
         COALESCE(i.inspections, 0) AS inspections, COALESCE(i.passed, 0) AS inspections_passed,
         CASE WHEN s.shipped_at IS NOT NULL THEN 1 ELSE 0 END AS shipped,
         COALESCE(s.tracking_sent, 0) AS tracking_sent,
         CASE WHEN s.delivered_at IS NOT NULL THEN 1 ELSE 0 END AS delivered,
         CASE WHEN CAST(s.delivered_at AS DATE) <= o.delivery_promised_on THEN 1 ELSE 0 END AS delivered_on_time
  FROM orders o
  LEFT JOIN categories c ON c.order_id = o.order_id
  LEFT JOIN raw.orders_contracts k ON k.contract_id = o.contract_id AND k._op = 'U'
  LEFT JOIN production p ON p.order_id = o.order_id
  LEFT JOIN inspections i ON i.order_id = o.order_id
  LEFT JOIN shipments s ON s.order_id = o.order_id
),
exploded AS (
  SELECT f.*, category FROM facts f LATERAL VIEW explode(array_union(array('all'), f.categories)) c AS category
),
grouped AS (
  SELECT month, COALESCE(region_code, 'all') AS region_code, category,
         COUNT(*) AS orders, SUM(made_to_order) AS made_to_order,
         AVG(contract_to_entry_days) AS contract_to_entry_days, AVG(entry_to_production_days) AS entry_to_production_days,
         AVG(production_to_inspection_days) AS production_to_inspection_days,
         AVG(inspection_to_shipment_days) AS inspection_to_shipment_days,
         AVG(shipment_to_delivery_days) AS shipment_to_delivery_days, AVG(entry_to_delivery_days) AS entry_to_delivery_days,
         SUM(inspections) AS inspections, SUM(inspections_passed) AS inspections_passed,
         SUM(shipped) AS shipped, SUM(tracking_sent) AS tracking_sent,
         SUM(delivered) AS delivered, SUM(delivered_on_time) AS delivered_on_time
  FROM exploded
  GROUP BY GROUPING SETS ((month, region_code, category), (month, category))
)
SELECT month, region_code, category,
       CAST(orders AS BIGINT) AS orders, CAST(made_to_order AS BIGINT) AS made_to_order,
       CAST(contract_to_entry_days AS DECIMAL(10,2)) AS contract_to_entry_days,
       CAST(entry_to_production_days AS DECIMAL(10,2)) AS entry_to_production_days,
       CAST(production_to_inspection_days AS DECIMAL(10,2)) AS production_to_inspection_days,
       CAST(inspection_to_shipment_days AS DECIMAL(10,2)) AS inspection_to_shipment_days,
       CAST(shipment_to_delivery_days AS DECIMAL(10,2)) AS shipment_to_delivery_days,
       CAST(entry_to_delivery_days AS DECIMAL(10,2)) AS entry_to_delivery_days,
       CAST(delivered AS BIGINT) AS delivered, CAST(delivered_on_time AS BIGINT) AS delivered_on_time,
       CAST(CASE WHEN delivered > 0 THEN delivered_on_time / delivered END AS DECIMAL(5,4)) AS on_time_rate,
       CAST(inspections AS BIGINT) AS inspections, CAST(inspections_passed AS BIGINT) AS inspections_passed,
       CAST(CASE WHEN inspections > 0 THEN inspections_passed / inspections END AS DECIMAL(5,4)) AS inspection_pass_rate,
       CAST(shipped AS BIGINT) AS shipped, CAST(tracking_sent AS BIGINT) AS tracking_sent,
       CAST(CASE WHEN shipped > 0 THEN tracking_sent / shipped END AS DECIMAL(5,4)) AS tracking_sent_rate
FROM grouped
