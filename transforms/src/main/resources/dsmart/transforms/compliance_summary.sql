-- mart.compliance_summary: the monthly self-inspection summary per department (P-6.1) from mart.compliance_finding:
-- findings by month (period of the breach) x department x rule, per sales team (level team_rule: the rep's team and
-- region; a finding without a rep has no team), per department and rule (department_rule) and per department
-- (department, rule_id 'all').
WITH findings AS (
  SELECT period, department, region_code, team_id, rule_id, clause, severity, status, first_seen
  FROM mart.compliance_finding
),
grouped AS (
  SELECT period, department,
         CASE WHEN grouping(team_id) = 0 THEN 'team_rule' WHEN grouping(rule_id) = 0 THEN 'department_rule' ELSE 'department' END
           AS level,
         region_code, team_id, COALESCE(rule_id, 'all') AS rule_id,
         MAX(clause) AS clause, MAX(severity) AS severity,
         COUNT(*) AS findings,
         SUM(CASE WHEN status = 'open' THEN 1 ELSE 0 END) AS open_findings,
         SUM(CASE WHEN status = 'resolved' THEN 1 ELSE 0 END) AS resolved_findings,
         SUM(CASE WHEN severity = 'high' THEN 1 ELSE 0 END) AS high_findings,
         MIN(first_seen) AS first_seen
  FROM findings
  GROUP BY GROUPING SETS (
      (period, department, region_code, team_id, rule_id),
      (period, department, rule_id),
      (period, department))
)
SELECT period, department, level, region_code, CAST(team_id AS BIGINT) AS team_id, rule_id,
       CASE WHEN level = 'department' THEN NULL ELSE clause END AS clause,
       CASE WHEN level = 'department' THEN NULL ELSE severity END AS severity,
       CAST(findings AS BIGINT) AS findings, CAST(open_findings AS BIGINT) AS open_findings,
       CAST(resolved_findings AS BIGINT) AS resolved_findings, CAST(high_findings AS BIGINT) AS high_findings, first_seen
FROM grouped
