-- mart.collection_rep: follow-ups due per responsible rep and month of the level's day (mart.collection_due),
-- with how many were done, done after the grace period, missed and still pending.
SELECT d.as_of_date,
       trunc(d.level_on, 'MM') AS month,
       d.rep_id,
       MAX(d.rep_name) AS rep_name,
       MAX(r.team_id) AS team_id,
       MAX(t.region_code) AS region_code,
       COUNT(*) AS due,
       SUM(CASE WHEN d.status = 'done' THEN 1 ELSE 0 END) AS done,
       SUM(CASE WHEN d.status = 'done' AND d.action_on > d.grace_end THEN 1 ELSE 0 END) AS done_late,
       SUM(CASE WHEN d.status = 'missed' THEN 1 ELSE 0 END) AS missed,
       SUM(CASE WHEN d.status = 'pending' THEN 1 ELSE 0 END) AS pending
FROM mart.collection_due d
LEFT JOIN stg_reps r ON r.rep_id = d.rep_id
LEFT JOIN stg_teams t ON t.team_id = r.team_id
GROUP BY d.as_of_date, trunc(d.level_on, 'MM'), d.rep_id
