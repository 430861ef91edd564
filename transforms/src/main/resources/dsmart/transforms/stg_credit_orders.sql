-- Confirmed orders with the credit check the order system made when accepting them (business order date).
SELECT o.order_id, o.order_no, o.customer_id, o.rep_id, o.ordered_at, CAST(o.ordered_at AS DATE) AS order_date,
       o.amount, o.credit_limit, o.credit_exposure, o.credit_status
FROM raw.orders_orders o
WHERE o._op = 'U' AND o.status = 'confirmed'
