-- Sales teams, current version.
SELECT team_id, team_name, region_code
FROM raw.crm_teams
WHERE _op = 'U'
