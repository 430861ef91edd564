package dsmart.web;

import dsmart.reports.Period;
import dsmart.serving.NamedQuery;
import dsmart.serving.QueryResult;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Audit (P-6): compliance findings per rule for a period ({@code mart.compliance_finding}) with the rule's description,
 * the monthly self-inspection summary per department ({@code mart.compliance_summary}), the evidence of one rule as
 * CSV (audited), report generation ({@link ReportGeneration}) and a link to the report archive ({@link DownloadsPage}).
 */
final class AuditPage implements WebPage {
    static final String PERIODS_SQL = "SELECT DISTINCT period FROM mart.compliance_finding ORDER BY period DESC";
    static final String FINDINGS_SQL = """
            SELECT rule_id, clause, severity, department, COUNT(*) AS findings,
                   CAST(SUM(CASE WHEN status = 'open' THEN 1 ELSE 0 END) AS BIGINT) AS open_findings,
                   CAST(SUM(CASE WHEN status = 'resolved' THEN 1 ELSE 0 END) AS BIGINT) AS resolved_findings
            FROM mart.compliance_finding
            WHERE period >= ? AND period < ?%s
            GROUP BY rule_id, clause, severity, department
            ORDER BY findings DESC, rule_id""";
    static final String SUMMARY_SQL = """
            SELECT department, CAST(SUM(findings) AS BIGINT) AS findings, CAST(SUM(open_findings) AS BIGINT) AS open_findings,
                   CAST(SUM(resolved_findings) AS BIGINT) AS resolved_findings, CAST(SUM(high_findings) AS BIGINT) AS high_findings
            FROM mart.compliance_summary
            WHERE level = 'department' AND period >= ? AND period < ?%s
            GROUP BY department
            ORDER BY department""";
    static final String EVIDENCE_COLUMNS = "rule_id, clause, severity, department, period, occurred_on, rep_id, team_id, region_code, "
            + "customer_id, entity, entity_id, evidence, status, first_seen, last_seen, resolved_at";
    static final String EVIDENCE_SQL = "SELECT " + EVIDENCE_COLUMNS + """

            FROM mart.compliance_finding
            WHERE rule_id = ? AND period >= ? AND period < ?%s
            ORDER BY occurred_on, entity, entity_id""";

    static final List<String> DEPARTMENTS = List.of("sales", "order_desk", "finance", "service");
    static final List<String> SEVERITIES = List.of("high", "medium", "low");
    static final List<String> STATUSES = List.of("open", "resolved");
    private static final Pattern PERIOD = Pattern.compile("[0-9]{4}(-[0-9]{2})?");
    private static final Pattern RULE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    @Override
    public String id() {
        return "compliance";
    }

    @Override
    public String path() {
        return "/audit";
    }

    /** Audit, and executives (who see every dashboard); the evidence itself is for audit only. */
    @Override
    public Set<Role> roles() {
        return Set.of(Role.AUDIT, Role.EXECUTIVE);
    }

    @Override
    public List<String> scripts() {
        return List.of(SalesPage.ECHARTS, "/assets/audit.js", "/assets/generate.js");
    }

    @Override
    public void routes(RouteRegistry routes, WebContext web) {
        routes.get("/api/audit/findings")
                .summary("Compliance findings per rule (mart.compliance_finding) in a period: count, open, resolved, with the rule's "
                        + "description; the periods there are")
                .query("period", "YYYY-MM or YYYY; default the latest month with findings")
                .query("department", "one of " + String.join(", ", DEPARTMENTS))
                .query("severity", "one of " + String.join(", ", SEVERITIES))
                .roles(roles())
                .api(ctx -> findings(ctx, web));
        routes.get("/api/audit/summary")
                .summary("The self-inspection summary per department (mart.compliance_summary, level department) in a period")
                .query("period", "YYYY-MM or YYYY; default the latest month with findings")
                .query("department", "one of " + String.join(", ", DEPARTMENTS))
                .roles(roles())
                .api(ctx -> summary(ctx, web));
        routes.get("/api/audit/evidence")
                .summary("The findings of one rule in a period with their evidence, as CSV (UTF-8 with BOM, formula cells defused); audited")
                .requiredQuery("rule", "rule id (docs/compliance-rules.md)")
                .requiredQuery("period", "YYYY-MM or YYYY")
                .query("status", "open or resolved; default both")
                .roles(Role.AUDIT)
                .download(ctx -> evidence(ctx, web));
        ReportGeneration.routes(routes, web);
    }

    /**
     * The queries of the page with sample filters (engine comparisons), over the year 2025 of the demo lake. Not yet in
     * {@link WebApp#queries()}: add them there once TrinoEngineIT has replayed them on the demo lake.
     */
    static List<NamedQuery> samples() {
        LocalDate from = LocalDate.of(2025, 1, 1);
        LocalDate until = LocalDate.of(2026, 1, 1);
        return List.of(
                new NamedQuery("audit periods", PERIODS_SQL, List.of()),
                new NamedQuery("audit findings per rule", FINDINGS_SQL.formatted(" AND severity = ?"),
                        List.of(from, until, "high")),
                new NamedQuery("audit summary", SUMMARY_SQL.formatted(""), List.of(from, until)),
                new NamedQuery("audit evidence", EVIDENCE_SQL.formatted(" AND status = ?"),
                        List.of("order_without_signed_contract", from, until, "open")));
    }

    static Period period(String raw) {
        String text = Params.matching("period", raw, PERIOD, "a month YYYY-MM or a year YYYY");
        if (text == null) {
            return null;
        }
        try {
            return Period.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("parameter period=" + Params.quoted(text) + " is not a month YYYY-MM or a year YYYY");
        }
    }

    static String oneOf(String name, String raw, List<String> choices) {
        String value = Params.blankToNull(raw);
        if (value != null && !choices.contains(value)) {
            throw new BadParameterException("parameter " + name + "=" + Params.quoted(value) + " is not one of " + choices);
        }
        return value;
    }

    /** The asked period, else the latest month with findings (null when there are none); puts periods and period into body. */
    private static Period periodOrLatest(Period asked, WebContext web, List<QueryResult> read, Map<String, Object> body) {
        QueryResult periods = web.mart.query(PERIODS_SQL, List.of());
        read.add(periods);
        List<String> available = new ArrayList<>();
        periods.rows().forEach(row -> available.add(String.valueOf(JsonRows.json(row.get(0))).substring(0, 7)));
        Period period = asked != null ? asked : available.isEmpty() ? null : Period.parse(available.get(0));
        body.put("periods", available);
        body.put("period", period == null ? null : period.toString());
        return period;
    }

    private static void findings(Context ctx, WebContext web) {
        Period asked = period(ctx.queryParam("period"));
        String department = oneOf("department", ctx.queryParam("department"), DEPARTMENTS);
        String severity = oneOf("severity", ctx.queryParam("severity"), SEVERITIES);
        List<QueryResult> read = new ArrayList<>();
        Map<String, Object> body = new LinkedHashMap<>();
        Period period = periodOrLatest(asked, web, read, body);
        body.put("department", department);
        body.put("severity", severity);
        List<Map<String, Object>> rows = new ArrayList<>();
        if (period != null) {
            List<Object> params = new ArrayList<>(List.of(period.from(), period.until()));
            StringBuilder where = new StringBuilder();
            if (department != null) {
                where.append(" AND department = ?");
                params.add(department);
            }
            if (severity != null) {
                where.append(" AND severity = ?");
                params.add(severity);
            }
            QueryResult result = web.mart.query(FINDINGS_SQL.formatted(where), params);
            read.add(result);
            Map<String, String> labels = Messages.of(web.lang(ctx));
            for (Map<String, Object> row : JsonRows.rows(result)) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("rule_id", row.get("rule_id"));
                out.put("description", labels.get("compliance.rule." + row.get("rule_id")));
                row.forEach(out::putIfAbsent);
                rows.add(out);
            }
        }
        long findings = 0;
        long open = 0;
        long resolved = 0;
        for (Map<String, Object> row : rows) {
            findings += ((Number) row.get("findings")).longValue();
            open += ((Number) row.get("open_findings")).longValue();
            resolved += ((Number) row.get("resolved_findings")).longValue();
        }
        body.put("rows", rows);
        body.put("totals", Map.of("findings", findings, "open_findings", open, "resolved_findings", resolved));
        web.answer(ctx, body, read.toArray(QueryResult[]::new));
    }

    private static void summary(Context ctx, WebContext web) {
        Period asked = period(ctx.queryParam("period"));
        String department = oneOf("department", ctx.queryParam("department"), DEPARTMENTS);
        List<QueryResult> read = new ArrayList<>();
        Map<String, Object> body = new LinkedHashMap<>();
        Period period = periodOrLatest(asked, web, read, body);
        body.put("department", department);
        if (period == null) {
            body.put("rows", List.of());
        } else {
            List<Object> params = new ArrayList<>(List.of(period.from(), period.until()));
            if (department != null) {
                params.add(department);
            }
            QueryResult result = web.mart.query(SUMMARY_SQL.formatted(department == null ? "" : " AND department = ?"), params);
            read.add(result);
            body.put("rows", JsonRows.rows(result));
        }
        web.answer(ctx, body, read.toArray(QueryResult[]::new));
    }

    private static void evidence(Context ctx, WebContext web) {
        String rule = Params.matching("rule", ctx.queryParam("rule"), RULE, "a rule id (lower-case letters, digits and '_')");
        Period period = period(ctx.queryParam("period"));
        String status = oneOf("status", ctx.queryParam("status"), STATUSES);
        if (rule == null || period == null) {
            throw new BadParameterException("parameters rule and period (YYYY-MM or YYYY) are required");
        }
        List<Object> params = new ArrayList<>(List.of(rule, period.from(), period.until()));
        if (status != null) {
            params.add(status);
        }
        QueryResult result = web.mart.query(EVIDENCE_SQL.formatted(status == null ? "" : " AND status = ?"), params);
        String csv = JsonRows.csv(EVIDENCE_COLUMNS.replace(" ", ""), result.rows());
        String name = "evidence_" + rule + "_" + period + (status == null ? "" : "_" + status) + ".csv";
        Map<String, Object> audited = new LinkedHashMap<>();
        audited.put("rule", rule);
        audited.put("period", period.toString());
        audited.put("status", status);
        audited.put("rows", result.rows().size());
        audited.put("snapshots", result.snapshots().toString());
        web.audit.record("evidence", "ok", web.user(ctx), null, ctx.ip(), "mart.compliance_finding", audited);
        ctx.header("Content-Disposition", ReportFiles.contentDisposition(name));
        ctx.contentType("text/csv; charset=UTF-8");
        ctx.result(csv.getBytes(StandardCharsets.UTF_8));
    }
}
