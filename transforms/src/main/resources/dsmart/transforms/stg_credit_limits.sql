-- Effective-dated credit limits set by finance: valid from valid_from (inclusive) to valid_to (exclusive;
-- null = still valid), with the terms and whether a guarantee is required.
SELECT credit_limit_id, customer_id, assessment_id, credit_limit, terms_code, guarantee_required, valid_from, valid_to,
       approved_by
FROM raw.finance_credit_limits
WHERE _op = 'U'
