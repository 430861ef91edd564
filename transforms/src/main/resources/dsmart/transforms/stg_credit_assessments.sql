-- Finance's credit assessments of customers: grade A (best) .. D.
SELECT assessment_id, customer_id, assessed_on, grade, score, assessor
FROM raw.finance_credit_assessments
WHERE _op = 'U'
