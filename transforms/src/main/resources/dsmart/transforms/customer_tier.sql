-- mart.customer_tier: each buying customer's tier in the latest month of mart.customer_tier_history.
SELECT h.customer_id, c.customer_name, h.month, h.tier, h.score, h.amount_12m, h.orders_12m, h.potential_value, h.loyalty,
       h.previous_tier, h.migration, h.migration_reason
FROM mart.customer_tier_history h
JOIN stg_customers c ON c.customer_id = h.customer_id
WHERE h.month = (SELECT MAX(month) FROM mart.customer_tier_history)
