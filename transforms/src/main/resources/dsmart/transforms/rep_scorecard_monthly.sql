-- mart.rep_scorecard_monthly: the five appraisal KPIs of P-2.3 (from mart.sales_kpi rep-month rows) scored
-- 0..100, weighted by the rep's position level in the month with the weights in force then
-- (scorecard.weights), total score and ranks. See docs/marts.md "mart.rep_scorecard_monthly".
WITH kpi AS (
  SELECT period_start AS month, rep_id, team_id, region_code, net_sales, gross_profit, new_customers,
         survey_responses, satisfaction_avg, quota, completion_rate
  FROM mart.sales_kpi
  WHERE level = 'rep' AND period_type = 'month'
),
reps AS (
  SELECT rep_id, rep_name, position_level FROM raw.crm_reps WHERE _op = 'U'
),
-- the level in force on the month's last day: the latest position that started by then
position_at AS (
  SELECT rep_id, month, position_level
  FROM (SELECT k.rep_id, k.month, p.position_level,
               ROW_NUMBER() OVER (PARTITION BY k.rep_id, k.month ORDER BY p.valid_from DESC, p.rep_position_id DESC) AS n
        FROM kpi k
        JOIN raw.crm_rep_positions p ON p.rep_id = k.rep_id AND p._op = 'U' AND p.valid_from <= last_day(k.month))
  WHERE n = 1
),
weights AS (
  SELECT CAST(trim(parts[0]) AS DATE) AS valid_from, trim(parts[1]) AS position_level,
         CAST(trim(w[0]) AS INT) AS w_sales, CAST(trim(w[1]) AS INT) AS w_profit, CAST(trim(w[2]) AS INT) AS w_new,
         CAST(trim(w[3]) AS INT) AS w_satisfaction, CAST(trim(w[4]) AS INT) AS w_completion
  FROM (SELECT parts, split(parts[2], '/') AS w
        FROM (SELECT split(trim(entry), ':') AS parts
              FROM (SELECT explode(split('{{setting:scorecard.weights}}', ',')) AS entry)))
),
leveled AS (
  SELECT k.*, r.rep_name, COALESCE(pa.position_level, r.position_level) AS position_level
  FROM kpi k
  JOIN reps r ON r.rep_id = k.rep_id
  LEFT JOIN position_at pa ON pa.rep_id = k.rep_id AND pa.month = k.month
),
-- the level's latest weights dated on or before the month's first day; before its first entry, that entry
weighted AS (
  SELECT l.*, w.valid_from AS weights_from, w.w_sales, w.w_profit, w.w_new, w.w_satisfaction, w.w_completion,
         ROW_NUMBER() OVER (PARTITION BY l.rep_id, l.month
             ORDER BY CASE WHEN w.valid_from <= l.month THEN 0 ELSE 1 END,
                      CASE WHEN w.valid_from <= l.month THEN w.valid_from END DESC, w.valid_from) AS n
  FROM leveled l
  LEFT JOIN weights w ON w.position_level = l.position_level
),
scored AS (
  SELECT month, rep_id, rep_name, team_id, region_code, position_level, weights_from,
         net_sales, gross_profit, new_customers, survey_responses, satisfaction_avg, quota, completion_rate,
         CAST(LEAST(GREATEST(net_sales / {{setting:scorecard.full.sales}}, 0), 1) * 100 AS DECIMAL(5,2)) AS score_sales,
         CAST(LEAST(GREATEST(gross_profit / {{setting:scorecard.full.profit}}, 0), 1) * 100 AS DECIMAL(5,2)) AS score_profit,
         CAST(LEAST(CAST(new_customers AS DECIMAL(18,2)) / {{setting:scorecard.full.new.customers}}, 1) * 100 AS DECIMAL(5,2)) AS score_new_customers,
         CAST(COALESCE((satisfaction_avg - 1) / 4, 0) * 100 AS DECIMAL(5,2)) AS score_satisfaction,
         CAST(LEAST(GREATEST(COALESCE(completion_rate, 0) * 100 / {{setting:scorecard.completion.cap}}, 0), 1) * 100
              AS DECIMAL(5,2)) AS score_completion,
         w_sales, w_profit, w_new, w_satisfaction, w_completion
  FROM weighted
  WHERE n = 1
),
totals AS (
  SELECT *,
         CAST((score_sales * w_sales + score_profit * w_profit + score_new_customers * w_new
               + score_satisfaction * w_satisfaction + score_completion * w_completion) / 100 AS DECIMAL(5,2)) AS total_score
  FROM scored
)
SELECT month, rep_id, rep_name, team_id, region_code, position_level, weights_from,
       net_sales, gross_profit, new_customers, survey_responses, satisfaction_avg, quota, completion_rate,
       score_sales, score_profit, score_new_customers, score_satisfaction, score_completion,
       w_sales AS weight_sales, w_profit AS weight_profit, w_new AS weight_new_customers,
       w_satisfaction AS weight_satisfaction, w_completion AS weight_completion,
       total_score,
       CAST(ROW_NUMBER() OVER (PARTITION BY month, position_level ORDER BY total_score DESC, net_sales DESC, rep_id) AS INT) AS rank_in_level,
       CAST(COUNT(*) OVER (PARTITION BY month, position_level) AS INT) AS reps_in_level,
       CAST(ROW_NUMBER() OVER (PARTITION BY month, team_id ORDER BY total_score DESC, net_sales DESC, rep_id) AS INT) AS rank_in_team,
       CAST(COUNT(*) OVER (PARTITION BY month, team_id) AS INT) AS reps_in_team
FROM totals
