-- mart.rep_scorecard_annual: the year's monthly scorecards combined (scorecard.annual.method: mean or median of
-- the monthly totals), ranks, and award candidates: the annual sales champion and the best sales team.
-- See docs/marts.md "mart.rep_scorecard_annual".
WITH monthly AS (
  SELECT CAST(date_trunc('YEAR', month) AS DATE) AS year, m.*,
         ROW_NUMBER() OVER (PARTITION BY rep_id, date_trunc('YEAR', month) ORDER BY month DESC) AS latest
  FROM mart.rep_scorecard_monthly m
),
year_kpi AS (
  SELECT period_start AS year, rep_id, net_sales, gross_profit, new_customers, survey_responses, satisfaction_avg,
         quota, completion_rate
  FROM mart.sales_kpi
  WHERE level = 'rep' AND period_type = 'year'
),
team_kpi AS (
  SELECT period_start AS year, team_id, net_sales AS team_net_sales, completion_rate AS team_completion_rate,
         ROW_NUMBER() OVER (PARTITION BY period_start
             ORDER BY CASE WHEN completion_rate IS NULL THEN 1 ELSE 0 END, completion_rate DESC, net_sales DESC, team_id) AS team_rank
  FROM mart.sales_kpi
  WHERE level = 'team' AND period_type = 'year'
),
combined AS (
  SELECT year, rep_id,
         COUNT(*) AS months_scored,
         CAST(CASE WHEN '{{setting:scorecard.annual.method}}' = 'median' THEN percentile(total_score, 0.5)
                   ELSE AVG(total_score) END AS DECIMAL(5,2)) AS total_score,
         MAX(CASE WHEN latest = 1 THEN rep_name END) AS rep_name,
         MAX(CASE WHEN latest = 1 THEN team_id END) AS team_id,
         MAX(CASE WHEN latest = 1 THEN region_code END) AS region_code,
         MAX(CASE WHEN latest = 1 THEN position_level END) AS position_level
  FROM monthly
  GROUP BY year, rep_id
),
ranked AS (
  SELECT c.year, c.rep_id, c.rep_name, c.team_id, c.region_code, c.position_level, CAST(c.months_scored AS INT) AS months_scored,
         y.net_sales, y.gross_profit, y.new_customers, y.survey_responses, y.satisfaction_avg, y.quota, y.completion_rate,
         c.total_score,
         c.months_scored >= {{setting:scorecard.annual.min.months}} AS eligible,
         t.team_completion_rate, CAST(t.team_rank AS INT) AS team_rank
  FROM combined c
  JOIN year_kpi y ON y.year = c.year AND y.rep_id = c.rep_id
  LEFT JOIN team_kpi t ON t.year = c.year AND t.team_id = c.team_id
)
SELECT year, rep_id, rep_name, team_id, region_code, position_level, months_scored,
       net_sales, gross_profit, new_customers, survey_responses, satisfaction_avg, quota, completion_rate,
       total_score,
       CAST(ROW_NUMBER() OVER (PARTITION BY year, position_level ORDER BY total_score DESC, net_sales DESC, rep_id) AS INT) AS rank_in_level,
       CAST(ROW_NUMBER() OVER (PARTITION BY year, team_id ORDER BY total_score DESC, net_sales DESC, rep_id) AS INT) AS rank_in_team,
       eligible,
       CAST(CASE WHEN eligible THEN ROW_NUMBER() OVER (PARTITION BY year, eligible ORDER BY net_sales DESC, total_score DESC, rep_id) END
            AS INT) AS sales_rank,
       COALESCE(eligible AND ROW_NUMBER() OVER (PARTITION BY year, eligible ORDER BY net_sales DESC, total_score DESC, rep_id) = 1,
                FALSE) AS sales_champion,
       team_completion_rate, team_rank,
       COALESCE(team_rank = 1, FALSE) AS best_team
FROM ranked
