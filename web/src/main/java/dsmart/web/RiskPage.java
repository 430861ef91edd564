package dsmart.web;

import dsmart.serving.QueryResult;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Risk (P-5.2, executives; region managers see their region): ageing buckets with the reconciliation line, the overdue
 * trend over month ends, credit limit breaches, bad-debt provision and market alerts. Every figure is read through the
 * serving port with the user's scope bound into the SQL.
 */
final class RiskPage implements WebPage {
    static final String AS_OF_DATES_SQL = "SELECT DISTINCT as_of_date FROM mart.ar_ageing ORDER BY as_of_date DESC";
    static final String AGEING_SQL = """
            SELECT bucket_no, bucket, CAST(SUM(invoices) AS BIGINT) AS invoices, SUM(amount) AS amount
            FROM mart.ar_ageing
            WHERE as_of_date = ?%s
            GROUP BY bucket_no, bucket
            ORDER BY bucket_no""";
    static final String OUTSTANDING_SQL = """
            SELECT SUM(customer_outstanding) AS outstanding, COUNT(*) AS customers
            FROM (SELECT DISTINCT customer_id, customer_outstanding FROM mart.ar_ageing WHERE as_of_date = ?%s) c""";
    static final String TREND_SQL = """
            SELECT as_of_date, SUM(amount) AS outstanding, SUM(CASE WHEN bucket_no > 0 THEN amount ELSE 0 END) AS overdue
            FROM mart.ar_ageing%s
            GROUP BY as_of_date
            ORDER BY as_of_date""";
    static final String BREACHES_SQL = """
            SELECT customer_id, customer_name, region_code, credit_limit, exposure, utilisation, excess,
                   over_limit_orders, over_limit_without_override, credit_score, suggested_terms
            FROM mart.credit_exposure
            WHERE (over_limit OR over_limit_without_override > 0)%s
            ORDER BY excess DESC, customer_id
            LIMIT ?""";
    static final String PROVISION_COMPANY_SQL = """
            SELECT as_of_date, outstanding, overdue, provision
            FROM mart.ar_provision
            WHERE level = 'company'
            ORDER BY as_of_date""";
    static final String PROVISION_REGION_SQL = """
            SELECT as_of_date, SUM(outstanding) AS outstanding, SUM(overdue) AS overdue, SUM(provision) AS provision
            FROM mart.ar_provision
            WHERE level = 'customer' AND region_code = ?
            GROUP BY as_of_date
            ORDER BY as_of_date""";
    static final String ALERTS_SQL = """
            SELECT alert_id, rule, severity, indicator, grain, dimension, dimension_value, period_start, state, value, baseline,
                   threshold, explanation, acknowledged_by, acknowledged_at
            FROM mart.market_alert
            WHERE is_latest%s
            ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, period_start DESC, alert_id
            LIMIT ?""";

    private static final Pattern DAY = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    @Override
    public String id() {
        return "risk";
    }

    @Override
    public String path() {
        return "/risk";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.EXECUTIVE, Role.REGION_MANAGER);
    }

    @Override
    public List<String> scripts() {
        return List.of(SalesPage.ECHARTS, "/assets/risk.js");
    }

    @Override
    public void routes(RouteRegistry routes, WebContext web) {
        routes.get("/api/risk/ageing")
                .summary("Receivables ageing buckets at an as-of date (mart.ar_ageing) with the reconciliation line: "
                        + "Σ buckets against the customers' outstanding; the as-of dates there are")
                .query("as_of", "YYYY-MM-DD; default the latest as-of date")
                .query("region", "region code (a region manager: their own)")
                .roles(roles())
                .api(ctx -> ageing(ctx, web));
        routes.get("/api/risk/overdue-trend")
                .summary("Outstanding and overdue receivables per as-of date (month ends and the data's as-of date)")
                .query("region", "region code (a region manager: their own)")
                .roles(roles())
                .api(ctx -> trend(ctx, web));
        routes.get("/api/risk/credit-breaches")
                .summary("Customers over their credit limit or with orders accepted over it without an approved override "
                        + "(mart.credit_exposure), largest excess first")
                .query("region", "region code (a region manager: their own)")
                .query("limit", "1 to 500, default 50")
                .roles(roles())
                .api(ctx -> breaches(ctx, web));
        routes.get("/api/risk/provision")
                .summary("Bad-debt provision per as-of date (mart.ar_provision): the company, or one region's customers")
                .query("region", "region code (a region manager: their own)")
                .roles(roles())
                .api(ctx -> provision(ctx, web));
        routes.get("/api/risk/alerts")
                .summary("Market alerts (mart.market_alert), latest state of each; current ones (pending, firing) unless all=true")
                .query("all", "true: resolved and cancelled alerts too")
                .query("limit", "1 to 500, default 100")
                .roles(roles())
                .api(ctx -> alerts(ctx, web));
        routes.post("/api/risk/alerts/ack")
                .summary("Acknowledges a current market alert (JSON body: alert_id, note up to 500 characters); shown at once here, "
                        + "and in mart.market_alert from the next transform; audited")
                .roles(roles())
                .api(ctx -> acknowledge(ctx, web));
    }

    static final String ALERT_SQL = "SELECT alert_id, dimension, dimension_value FROM mart.market_alert WHERE is_latest AND alert_id = ?";

    private static void acknowledge(Context ctx, WebContext web) {
        WebUser user = web.user(ctx);
        Map<?, ?> body;
        try {
            body = ctx.bodyAsClass(Map.class);
        } catch (Exception e) { // Jackson's parse errors arrive unchecked-wrapped or sneaky-thrown
            throw new BadParameterException("the body must be a JSON object with alert_id and note");
        }
        String alertId = Params.text("alert_id", body.get("alert_id") instanceof String text ? text : null, 300);
        if (alertId == null) {
            throw new BadParameterException("parameter alert_id is required");
        }
        String note = Params.text("note", body.get("note") instanceof String text ? text : null, 500);
        if (web.config.alertAckFile() == null) {
            throw new BadParameterException("acknowledgements are not configured (setting market.ack.file)");
        }
        QueryResult found = web.mart.query(ALERT_SQL, List.of(alertId));
        if (found.rows().isEmpty()) {
            throw new BadParameterException("parameter alert_id=" + Params.quoted(alertId) + " is no alert of mart.market_alert");
        }
        Scope scope = web.scope(ctx);
        List<Object> alert = found.rows().get(0);
        if (scope.limited() && !("region".equals(alert.get(1)) && scope.region().equals(alert.get(2)))) {
            throw new ForbiddenException("alert " + alertId + " is outside your scope: you may acknowledge alerts of region " + scope.region());
        }
        java.time.Instant now = java.time.Instant.now();
        dsmart.lake.AlertAcks.at(web.config.alertAckFile()).append(new dsmart.lake.AlertAcks.Ack(alertId, user.name(), now, note == null ? "" : note));
        web.audit.record("alert_ack", "ok", user, null, ctx.ip(), alertId, Map.of("note", note == null ? "" : note));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("alert_id", alertId);
        out.put("acknowledged_by", user.name());
        out.put("acknowledged_at", now.toString());
        web.answer(ctx, out, found);
    }

    /** The latest acknowledgement per alert from the file, newer than the mart's until the next transform. */
    private static Map<String, dsmart.lake.AlertAcks.Ack> latestAcks(WebContext web) {
        Map<String, dsmart.lake.AlertAcks.Ack> latest = new LinkedHashMap<>();
        if (web.config.alertAckFile() != null) {
            for (dsmart.lake.AlertAcks.Ack ack : dsmart.lake.AlertAcks.at(web.config.alertAckFile()).all()) {
                latest.put(ack.alertId(), ack);
            }
        }
        return latest;
    }

    private static String region(Context ctx, WebContext web) {
        String asked = Params.matching("region", ctx.queryParam("region"), REGION, "a region code (1 to 32 letters, digits, '_' or '-')");
        return web.scope(ctx).region(asked);
    }

    private static void ageing(Context ctx, WebContext web) {
        String region = region(ctx, web);
        LocalDate asked = day(ctx.queryParam("as_of"));
        List<QueryResult> read = new ArrayList<>();
        QueryResult dates = web.mart.query(AS_OF_DATES_SQL, List.of());
        read.add(dates);
        List<String> available = new ArrayList<>();
        dates.rows().forEach(row -> available.add(String.valueOf(JsonRows.json(row.get(0)))));
        LocalDate asOf = asked != null ? asked : available.isEmpty() ? null : LocalDate.parse(available.get(0));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("as_of_dates", available);
        body.put("as_of", asOf == null ? null : asOf.toString());
        body.put("region", region);
        if (asOf != null) {
            List<Object> params = new ArrayList<>(List.of(asOf));
            String where = regionWhere(region, params, " AND ");
            QueryResult buckets = web.mart.query(AGEING_SQL.formatted(where), params);
            QueryResult outstanding = web.mart.query(OUTSTANDING_SQL.formatted(where), params);
            read.add(buckets);
            read.add(outstanding);
            java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
            for (List<Object> row : buckets.rows()) {
                sum = sum.add(decimal(row.get(buckets.columnIndex("amount"))));
            }
            java.math.BigDecimal total = decimal(outstanding.rows().get(0).get(0));
            body.put("buckets", JsonRows.rows(buckets));
            Map<String, Object> reconciliation = new LinkedHashMap<>();
            reconciliation.put("buckets_total", sum);
            reconciliation.put("outstanding", total);
            reconciliation.put("difference", sum.subtract(total));
            reconciliation.put("reconciled", sum.compareTo(total) == 0);
            body.put("reconciliation", reconciliation);
        } else {
            body.put("buckets", List.of());
        }
        web.answer(ctx, body, read.toArray(QueryResult[]::new));
    }

    private static void trend(Context ctx, WebContext web) {
        String region = region(ctx, web);
        List<Object> params = new ArrayList<>();
        QueryResult result = web.mart.query(TREND_SQL.formatted(regionWhere(region, params, " WHERE ")), params);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("region", region);
        body.put("rows", JsonRows.rows(result));
        web.answer(ctx, body, result);
    }

    private static void breaches(Context ctx, WebContext web) {
        String region = region(ctx, web);
        int limit = WebContext.limit(ctx, 50, 500);
        List<Object> params = new ArrayList<>();
        String sql = BREACHES_SQL.formatted(regionWhere(region, params, " AND "));
        params.add((long) limit);
        QueryResult result = web.mart.query(sql, params);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("region", region);
        body.put("rows", JsonRows.rows(result));
        web.answer(ctx, body, result);
    }

    private static void provision(Context ctx, WebContext web) {
        String region = region(ctx, web);
        QueryResult result = region == null ? web.mart.query(PROVISION_COMPANY_SQL, List.of())
                : web.mart.query(PROVISION_REGION_SQL, List.of(region));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("region", region);
        body.put("rows", JsonRows.rows(result));
        web.answer(ctx, body, result);
    }

    private static void alerts(Context ctx, WebContext web) {
        String all = Params.blankToNull(ctx.queryParam("all"));
        if (all != null && !all.equals("true") && !all.equals("false")) {
            throw new BadParameterException("parameter all=" + Params.quoted(all) + " is not true or false");
        }
        int limit = WebContext.limit(ctx, 100, 500);
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder();
        if (!"true".equals(all)) {
            where.append(" AND state IN ('pending', 'firing')");
        }
        Scope scope = web.scope(ctx);
        if (scope.limited()) {
            where.append(" AND dimension = 'region' AND dimension_value = ?");
            params.add(scope.region());
        }
        params.add((long) limit);
        QueryResult result = web.mart.query(ALERTS_SQL.formatted(where), params);
        List<Map<String, Object>> rows = JsonRows.rows(result);
        Map<String, dsmart.lake.AlertAcks.Ack> acks = latestAcks(web);
        for (Map<String, Object> row : rows) {
            dsmart.lake.AlertAcks.Ack ack = acks.get((String) row.get("alert_id"));
            if (ack != null) {
                row.put("acknowledged_by", ack.acknowledgedBy());
                row.put("acknowledged_at", ack.acknowledgedAt().toString());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rows", rows);
        web.answer(ctx, body, result);
    }

    private static String regionWhere(String region, List<Object> params, String joiner) {
        if (region == null) {
            return "";
        }
        params.add(region);
        return joiner + "region_code = ?";
    }

    static LocalDate day(String raw) {
        String text = Params.matching("as_of", raw, DAY, "a date YYYY-MM-DD");
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw new BadParameterException("parameter as_of=" + Params.quoted(text) + " is not a date YYYY-MM-DD");
        }
    }

    private static java.math.BigDecimal decimal(Object value) {
        if (value == null) {
            return java.math.BigDecimal.ZERO;
        }
        return value instanceof java.math.BigDecimal d ? d : new java.math.BigDecimal(value.toString());
    }
}
