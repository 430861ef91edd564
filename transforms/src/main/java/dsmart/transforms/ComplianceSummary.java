package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.List;

/** mart.compliance_summary: the monthly self-inspection summary (P-6.1): findings by month x department x rule x team. */
final class ComplianceSummary implements Mart {
    static final TableId TABLE = TableId.of("mart.compliance_summary");

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public List<String> requires() {
        return List.of(ComplianceFinding.TABLE.toString());
    }

    @Override
    public List<DataCheck> checks() {
        return List.of(
                DataCheck.uniqueKey(List.of("period", "department", "level", "region_code", "team_id", "rule_id")),
                DataCheck.notNull(List.of("period", "department", "level", "rule_id", "findings", "open_findings", "resolved_findings")),
                DataCheck.rows("open + resolved = findings",
                        "open_findings + resolved_findings <> findings"),
                DataCheck.equal("departments reconcile to the findings",
                        "SELECT COALESCE(SUM(findings), 0) FROM {{this}} WHERE level = 'department'",
                        "SELECT COUNT(*) FROM mart.compliance_finding"),
                new DataCheck("teams add up to their department and rule",
                        "SELECT COUNT(*) FROM (SELECT SUM(CASE WHEN level = 'team_rule' THEN findings END) AS teams, "
                                + "SUM(CASE WHEN level = 'department_rule' THEN findings END) AS rules FROM {{this}}) WHERE NOT (teams <=> rules)"));
    }
}
