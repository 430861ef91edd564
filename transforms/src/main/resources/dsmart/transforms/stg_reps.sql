-- Every rep ever seen (soft-deleted ones kept: their customers' history still names them).
SELECT rep_id, rep_name, team_id
FROM raw.crm_reps
WHERE _op = 'U'
