package dsmart.reports;

import static dsmart.reports.ExecutiveSalesPack.toLong;

import dsmart.serving.NamedQuery;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;

/**
 * 合规审计报表 Audit compliance (P-6.1): the period's findings by rule, with each rule's description
 * (docs/compliance-rules.md) and counts open and resolved, and the self-inspection summary per department. PDF from
 * {@code audit_compliance.jrxml}; one XLSX (streamed) with the findings by rule, the <b>evidence listing</b> (every
 * finding of the period with its evidence columns) and the self-inspection rows (department × rule × team).
 *
 * <p>A month or a year: findings by their {@code period} (the month they happened). Scoped by region through the
 * region of the finding's rep ({@code region_code}); findings without a rep (order number gaps) show only to the
 * whole company. The summary adds up {@code mart.compliance_summary}'s team rows, which carry the region (the
 * department rows do not) and add up to the department rows.
 */
public final class AuditCompliancePack implements ReportPack {
    public static final String NAME = "audit-compliance";
    static final String TEMPLATE = "dsmart/reports/audit_compliance.jrxml";

    static final String RULES = NAME + " findings by rule";
    static final String DEPARTMENTS = NAME + " departments";

    private static final String RULES_SQL = """
            SELECT f.rule_id, f.clause, f.severity, f.department, COUNT(*) AS findings,
                   SUM(CASE WHEN f.status = 'open' THEN 1 ELSE 0 END) AS open_findings,
                   SUM(CASE WHEN f.status = 'resolved' THEN 1 ELSE 0 END) AS resolved_findings
            FROM mart.compliance_finding f
            WHERE f.period >= ? AND f.period < ? AND %s
            GROUP BY f.rule_id, f.clause, f.severity, f.department
            ORDER BY CASE f.severity WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, f.rule_id""";

    private static final String EVIDENCE_SQL = """
            SELECT f.rule_id, f.clause, f.severity, f.department, f.period, f.occurred_on, f.region_code, f.team_id, f.rep_id,
                   f.customer_id, f.entity, f.entity_id, f.evidence, f.status, f.first_seen, f.last_seen, f.resolved_at
            FROM mart.compliance_finding f
            WHERE f.period >= ? AND f.period < ? AND %s
            ORDER BY f.rule_id, f.occurred_on, f.entity_id""";

    private static final String DEPARTMENTS_SQL = """
            SELECT s.department, COUNT(DISTINCT s.rule_id) AS rules, SUM(s.findings) AS findings, SUM(s.open_findings) AS open_findings,
                   SUM(s.resolved_findings) AS resolved_findings, SUM(s.high_findings) AS high_findings
            FROM mart.compliance_summary s
            WHERE s.level = 'team_rule' AND s.period >= ? AND s.period < ? AND %s
            GROUP BY s.department
            ORDER BY CASE s.department WHEN 'sales' THEN 1 WHEN 'order_desk' THEN 2 WHEN 'finance' THEN 3 WHEN 'service' THEN 4 ELSE 5 END, s.department""";

    private static final String SELF_INSPECTION_SQL = """
            SELECT s.period, s.department, s.region_code, s.team_id, s.rule_id, s.clause, s.severity, s.findings, s.open_findings,
                   s.resolved_findings, s.high_findings
            FROM mart.compliance_summary s
            WHERE s.level = 'team_rule' AND s.period >= ? AND s.period < ? AND %s
            ORDER BY s.period, s.department, s.rule_id, s.region_code, s.team_id""";

    static final String FINDING_REGION = "f.region_code IN ({in})";
    static final String SUMMARY_REGION = "s.region_code IN ({in})";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String labels() {
        return "audit_compliance";
    }

    @Override
    public Cadence cadence() {
        return Cadence.MONTHLY;
    }

    @Override
    public Set<Period.Kind> periodKinds() {
        return EnumSet.of(Period.Kind.MONTH, Period.Kind.YEAR);
    }

    @Override
    public Set<Scope.Dimension> scopeDimensions() {
        return EnumSet.of(Scope.Dimension.REGION);
    }

    @Override
    public List<NamedQuery> queries(Period period, Scope scope) {
        return List.of(query(RULES, RULES_SQL, FINDING_REGION, period, scope), query(DEPARTMENTS, DEPARTMENTS_SQL, SUMMARY_REGION, period, scope));
    }

    private static NamedQuery query(String name, String sql, String region, Period period, Scope scope) {
        Scope.Condition condition = scope.condition(region, null);
        List<Object> params = new ArrayList<>(List.of(period.from(), period.until()));
        params.addAll(condition.params());
        return new NamedQuery(name, sql.formatted(condition.sql()), params);
    }

    @Override
    public List<Document> documents() {
        return List.of(new Document("", TEMPLATE, EnumSet.of(Format.PDF)));
    }

    @Override
    public Fill fill(Document document, Answers answers, Labels labels, Period period) {
        List<Map<String, Object>> rules = new ArrayList<>();
        long findings = 0;
        long open = 0;
        long resolved = 0;
        for (Map<String, Object> row : answers.get(RULES).asMaps()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("rule_id", text(row.get("rule_id")));
            out.put("description", labels.code("rule.", row.get("rule_id")));
            out.put("clause", text(row.get("clause")));
            out.put("severity", labels.code("severity.", row.get("severity")));
            out.put("department", labels.code("department.", row.get("department")));
            out.put("findings", toLong(row.get("findings")));
            out.put("open_findings", toLong(row.get("open_findings")));
            out.put("resolved_findings", toLong(row.get("resolved_findings")));
            findings += toLong(row.get("findings"));
            open += toLong(row.get("open_findings"));
            resolved += toLong(row.get("resolved_findings"));
            rules.add(out);
        }
        if (!rules.isEmpty()) {
            Map<String, Object> total = new LinkedHashMap<>();
            total.put("rule_id", labels.text("total"));
            total.put("description", "");
            total.put("clause", "");
            total.put("severity", "");
            total.put("department", "");
            total.put("findings", findings);
            total.put("open_findings", open);
            total.put("resolved_findings", resolved);
            rules.add(total);
        }
        List<Map<String, ?>> departments = new ArrayList<>();
        for (Map<String, Object> row : answers.get(DEPARTMENTS).asMaps()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("department", labels.code("department.", row.get("department")));
            out.put("rules", toLong(row.get("rules")));
            out.put("findings", toLong(row.get("findings")));
            out.put("open_findings", toLong(row.get("open_findings")));
            out.put("resolved_findings", toLong(row.get("resolved_findings")));
            out.put("high_findings", toLong(row.get("high_findings")));
            departments.add(out);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("DEPARTMENTS", new JRMapCollectionDataSource(departments));
        parameters.put("DEPARTMENT_COUNT", departments.size());
        return new Fill(rules, parameters);
    }

    @Override
    public List<Table> tables(Period period, Scope scope) {
        List<TableColumn> rules = List.of(
                TableColumn.of("rule_id", "col.rule_id", TableColumn.Type.TEXT),
                TableColumn.code("rule_id", "col.description", "rule."),
                TableColumn.of("clause", "col.clause", TableColumn.Type.TEXT),
                TableColumn.code("severity", "col.severity", "severity."),
                TableColumn.code("department", "col.department", "department."),
                TableColumn.of("findings", "col.findings", TableColumn.Type.COUNT),
                TableColumn.of("open_findings", "col.open", TableColumn.Type.COUNT),
                TableColumn.of("resolved_findings", "col.resolved", TableColumn.Type.COUNT));
        List<TableColumn> evidence = List.of(
                TableColumn.of("rule_id", "col.rule_id", TableColumn.Type.TEXT),
                TableColumn.of("clause", "col.clause", TableColumn.Type.TEXT),
                TableColumn.code("severity", "col.severity", "severity."),
                TableColumn.code("department", "col.department", "department."),
                TableColumn.of("period", "col.month", TableColumn.Type.MONTH),
                TableColumn.of("occurred_on", "col.occurred_on", TableColumn.Type.DATE),
                TableColumn.of("region_code", "col.region_code", TableColumn.Type.TEXT),
                TableColumn.of("team_id", "col.team_id", TableColumn.Type.ID),
                TableColumn.of("rep_id", "col.rep_id", TableColumn.Type.ID),
                TableColumn.of("customer_id", "col.customer_id", TableColumn.Type.ID),
                TableColumn.of("entity", "col.entity", TableColumn.Type.TEXT),
                TableColumn.of("entity_id", "col.entity_id", TableColumn.Type.TEXT),
                TableColumn.of("evidence", "col.evidence", TableColumn.Type.TEXT),
                TableColumn.code("status", "col.status", "status."),
                TableColumn.of("first_seen", "col.first_seen", TableColumn.Type.TEXT),
                TableColumn.of("last_seen", "col.last_seen", TableColumn.Type.TEXT),
                TableColumn.of("resolved_at", "col.resolved_at", TableColumn.Type.TEXT));
        List<TableColumn> inspection = List.of(
                TableColumn.of("period", "col.month", TableColumn.Type.MONTH),
                TableColumn.code("department", "col.department", "department."),
                TableColumn.of("region_code", "col.region_code", TableColumn.Type.TEXT),
                TableColumn.of("team_id", "col.team_id", TableColumn.Type.ID),
                TableColumn.of("rule_id", "col.rule_id", TableColumn.Type.TEXT),
                TableColumn.of("clause", "col.clause", TableColumn.Type.TEXT),
                TableColumn.code("severity", "col.severity", "severity."),
                TableColumn.of("findings", "col.findings", TableColumn.Type.COUNT),
                TableColumn.of("open_findings", "col.open", TableColumn.Type.COUNT),
                TableColumn.of("resolved_findings", "col.resolved", TableColumn.Type.COUNT),
                TableColumn.of("high_findings", "col.high", TableColumn.Type.COUNT));
        Set<Format> xlsx = EnumSet.of(Format.XLSX);
        return List.of(
                new Table("", query(NAME + " rules sheet", RULES_SQL, FINDING_REGION, period, scope), rules, xlsx, "sheet.rules"),
                new Table("", query(NAME + " evidence", EVIDENCE_SQL, FINDING_REGION, period, scope), evidence, xlsx, "sheet.evidence"),
                new Table("", query(NAME + " self-inspection", SELF_INSPECTION_SQL, SUMMARY_REGION, period, scope), inspection, xlsx,
                        "sheet.self_inspection"));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
