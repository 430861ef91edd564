-- mart.sales_funnel: leads (P-3.1) by month of creation, region, channel and source through the steps
-- prospect -> visited -> proposal -> signed contract -> order (P-3.2), with conversion rates and median days
-- per step; 'all' rows roll the dimensions up. See docs/marts.md "mart.sales_funnel".
WITH leads AS (
  SELECT lead_id, region_code, channel, lead_source, customer_id, created_at,
         CASE WHEN screening_result = 'prospect' THEN screened_at END AS prospect_at
  FROM raw.crm_leads
  WHERE _op = 'U' AND NOT deleted
),
visits AS (
  SELECT lead_id, MIN(done_at) AS visited_at
  FROM raw.crm_visits
  WHERE _op = 'U' AND lead_id IS NOT NULL AND done_at IS NOT NULL AND status = 'done'
  GROUP BY lead_id
),
proposals AS (
  SELECT proposal_id, lead_id, proposed_at FROM raw.crm_proposals WHERE _op = 'U' AND lead_id IS NOT NULL
),
first_proposals AS (
  SELECT lead_id, MIN(proposed_at) AS proposed_at FROM proposals GROUP BY lead_id
),
-- the first signed contract made from one of the lead's proposals
contracts AS (
  SELECT p.lead_id, MIN(c.signed_at) AS signed_at
  FROM raw.orders_contracts c
  JOIN proposals p ON p.proposal_id = c.proposal_id
  WHERE c._op = 'U' AND c.signed_at IS NOT NULL
  GROUP BY p.lead_id
),
-- the converted customer's first confirmed order at or after the lead's creation
orders AS (
  SELECT l.lead_id, MIN(o.ordered_at) AS ordered_at
  FROM leads l
  JOIN raw.orders_orders o ON o.customer_id = l.customer_id AND o._op = 'U' AND o.status = 'confirmed' AND o.ordered_at >= l.created_at
  GROUP BY l.lead_id
),
steps AS (
  SELECT CAST(date_trunc('MONTH', l.created_at) AS DATE) AS month, l.region_code, l.channel, l.lead_source,
         CAST(l.created_at AS DATE) AS created_on, CAST(l.prospect_at AS DATE) AS prospect_on,
         CAST(v.visited_at AS DATE) AS visited_on, CAST(p.proposed_at AS DATE) AS proposed_on,
         CAST(c.signed_at AS DATE) AS signed_on, CAST(o.ordered_at AS DATE) AS ordered_on
  FROM leads l
  LEFT JOIN visits v ON v.lead_id = l.lead_id
  LEFT JOIN first_proposals p ON p.lead_id = l.lead_id
  LEFT JOIN contracts c ON c.lead_id = l.lead_id
  LEFT JOIN orders o ON o.lead_id = l.lead_id
),
funnel AS (
  SELECT month,
         CASE WHEN grouping(region_code) = 1 THEN 'all' ELSE region_code END AS region_code,
         CASE WHEN grouping(channel) = 1 THEN 'all' ELSE channel END AS channel,
         CASE WHEN grouping(lead_source) = 1 THEN 'all' ELSE lead_source END AS lead_source,
         COUNT(*) AS leads,
         COUNT(prospect_on) AS prospects,
         COUNT(visited_on) AS visited,
         COUNT(proposed_on) AS proposals,
         COUNT(signed_on) AS contracts,
         COUNT(ordered_on) AS orders,
         percentile(datediff(prospect_on, created_on), 0.5) AS days_to_prospect,
         percentile(datediff(visited_on, prospect_on), 0.5) AS days_to_visit,
         percentile(datediff(proposed_on, visited_on), 0.5) AS days_to_proposal,
         percentile(datediff(signed_on, proposed_on), 0.5) AS days_to_contract,
         percentile(datediff(ordered_on, signed_on), 0.5) AS days_to_order,
         percentile(datediff(ordered_on, created_on), 0.5) AS days_lead_to_order
  FROM steps
  GROUP BY GROUPING SETS ((month, region_code, channel, lead_source), (month, region_code), (month, channel), (month, lead_source), (month))
)
SELECT month, region_code, channel, lead_source,
       CAST(leads AS BIGINT) AS leads, CAST(prospects AS BIGINT) AS prospects, CAST(visited AS BIGINT) AS visited,
       CAST(proposals AS BIGINT) AS proposals, CAST(contracts AS BIGINT) AS contracts, CAST(orders AS BIGINT) AS orders,
       CAST(CASE WHEN leads > 0 THEN prospects / leads END AS DECIMAL(9,4)) AS prospect_rate,
       CAST(CASE WHEN prospects > 0 THEN visited / prospects END AS DECIMAL(9,4)) AS visit_rate,
       CAST(CASE WHEN visited > 0 THEN proposals / visited END AS DECIMAL(9,4)) AS proposal_rate,
       CAST(CASE WHEN proposals > 0 THEN contracts / proposals END AS DECIMAL(9,4)) AS contract_rate,
       CAST(CASE WHEN contracts > 0 THEN orders / contracts END AS DECIMAL(9,4)) AS order_rate,
       CAST(CASE WHEN leads > 0 THEN orders / leads END AS DECIMAL(9,4)) AS lead_to_order_rate,
       CAST(days_to_prospect AS DECIMAL(7,1)) AS median_days_to_prospect,
       CAST(days_to_visit AS DECIMAL(7,1)) AS median_days_to_visit,
       CAST(days_to_proposal AS DECIMAL(7,1)) AS median_days_to_proposal,
       CAST(days_to_contract AS DECIMAL(7,1)) AS median_days_to_contract,
       CAST(days_to_order AS DECIMAL(7,1)) AS median_days_to_order,
       CAST(days_lead_to_order AS DECIMAL(7,1)) AS median_days_lead_to_order
FROM funnel
