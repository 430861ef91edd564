-- Confirmed orders with the credit check the order system made when accepting them (business order date)
-- and how many credit override requests they had. Needs the order system's credit tables: a lake without
-- raw.orders_credit_overrides (e.g. the sales-only test lakes) gets no view and skips the credit marts.
SELECT o.order_id, o.order_no, o.customer_id, o.rep_id, o.ordered_at, CAST(o.ordered_at AS DATE) AS order_date,
       o.amount, o.credit_limit, o.credit_exposure, o.credit_status, COALESCE(v.requests, 0) AS override_requests
FROM raw.orders_orders o
LEFT JOIN (SELECT order_id, COUNT(*) AS requests FROM raw.orders_credit_overrides WHERE _op = 'U' GROUP BY order_id) v
  ON v.order_id = o.order_id
WHERE o._op = 'U' AND o.status = 'confirmed'
