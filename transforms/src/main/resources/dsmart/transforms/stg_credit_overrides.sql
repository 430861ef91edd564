-- Requests to accept an order over the customer's credit limit, with the decision, approver and time.
SELECT override_id, order_id, customer_id, requested_by_rep_id, requested_at, credit_limit, exposure, order_amount,
       decision, approver, approved_at
FROM raw.orders_credit_overrides
WHERE _op = 'U'
