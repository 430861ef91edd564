-- Every customer ever seen, deleted ones flagged (history keeps their sales).
SELECT customer_id, customer_name, region_code, owner_rep_id, customer_type, created_at,
       (deleted OR _op = 'D') AS is_deleted
FROM raw.crm_customers
