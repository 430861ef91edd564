package dsmart.web;

import dsmart.serving.QueryResult;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * HR appraisal (P-2.3): the monthly scorecards of {@code mart.rep_scorecard_monthly}, filtered and sorted on the server,
 * the rows behind a rep's KPIs ({@code mart.rep_kpi_evidence}), the annual scorecard with award candidates, and a CSV export.
 */
final class AppraisalPage implements WebPage {
    static final String SCORECARD_COLUMNS = "month, rep_id, rep_name, team_id, region_code, position_level, net_sales, gross_profit, "
            + "new_customers, survey_responses, satisfaction_avg, quota, completion_rate, score_sales, score_profit, "
            + "score_new_customers, score_satisfaction, score_completion, total_score, rank_in_level, reps_in_level, "
            + "rank_in_team, reps_in_team";
    static final String SCORECARDS_SQL = "SELECT " + SCORECARD_COLUMNS + " FROM mart.rep_scorecard_monthly WHERE month = ?%s ORDER BY %s, rep_id";
    static final String MONTHS_SQL = "SELECT DISTINCT month FROM mart.rep_scorecard_monthly ORDER BY month DESC";
    static final String EVIDENCE_SQL = """
            SELECT kpi, source_table, source_id, order_id, customer_id, customer_name, event_date, amount, gross_profit, score
            FROM mart.rep_kpi_evidence
            WHERE month = ? AND rep_id = ?%s
            ORDER BY kpi, event_date, source_table, source_id""";
    static final String ANNUAL_SQL = """
            SELECT year, rep_id, rep_name, team_id, region_code, position_level, months_scored, net_sales, total_score,
                   rank_in_level, rank_in_team, eligible, sales_rank, sales_champion, team_rank, best_team
            FROM mart.rep_scorecard_annual
            WHERE year = ?
            ORDER BY total_score DESC, net_sales DESC, rep_id""";

    /** Columns the scorecards may be sorted by (the only column names that reach SQL text from a request). */
    static final List<String> SORTABLE = List.of("total_score", "net_sales", "gross_profit", "new_customers", "satisfaction_avg",
            "completion_rate", "rank_in_level", "rank_in_team", "rep_name", "rep_id");
    static final List<String> LEVELS = List.of("rep", "senior_rep", "supervisor", "manager");
    static final List<String> KPIS = List.of("sales", "new_customers", "satisfaction", "completion");
    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-[0-9]{2}");
    private static final Pattern YEAR = Pattern.compile("[0-9]{4}");
    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    @Override
    public String id() {
        return "appraisal";
    }

    @Override
    public String path() {
        return "/appraisal";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.HR, Role.EXECUTIVE);
    }

    @Override
    public List<String> scripts() {
        return List.of(SalesPage.ECHARTS, "/assets/appraisal.js");
    }

    @Override
    public void routes(RouteRegistry routes, WebContext web) {
        routes.get("/api/appraisal/scorecards")
                .summary("Monthly scorecards (mart.rep_scorecard_monthly) of one month, filtered and sorted; the months there are")
                .query("month", "YYYY-MM; default the latest scored month")
                .query("level", "position level: " + String.join(", ", LEVELS))
                .query("team", "team id (digits)")
                .query("region", "region code")
                .query("sort", "one of " + String.join(", ", SORTABLE) + "; default total_score")
                .query("dir", "asc or desc; default desc for scores and figures, asc for ranks and names")
                .roles(roles())
                .api(ctx -> scorecards(ctx, web));
        routes.get("/api/appraisal/evidence")
                .summary("The orders, returns, customers, surveys and quota behind a rep's KPIs in a month (mart.rep_kpi_evidence)")
                .requiredQuery("month", "YYYY-MM")
                .requiredQuery("rep", "rep id (digits)")
                .query("kpi", "only rows of this KPI: " + String.join(", ", KPIS))
                .roles(roles())
                .api(ctx -> evidence(ctx, web));
        routes.get("/api/appraisal/annual")
                .summary("The annual scorecard of a year with award candidates (mart.rep_scorecard_annual)")
                .requiredQuery("year", "YYYY")
                .roles(roles())
                .api(ctx -> annual(ctx, web));
        routes.get("/api/appraisal/export")
                .summary("The monthly scorecards as CSV (UTF-8 with BOM), same filters and order as /api/appraisal/scorecards")
                .query("month", "YYYY-MM; default the latest scored month")
                .query("level", "position level")
                .query("team", "team id")
                .query("region", "region code")
                .query("sort", "as /api/appraisal/scorecards")
                .query("dir", "asc or desc")
                .roles(roles())
                .download(ctx -> export(ctx, web));
    }

    /** The checked filters of the scorecards; toSql binds every value. */
    record Filter(LocalDate month, String level, Long team, String region, String sort, String dir) {
        static Filter parse(Context ctx) {
            LocalDate month = monthParameter(ctx.queryParam("month"), "month");
            String level = Params.blankToNull(ctx.queryParam("level"));
            if (level != null && !LEVELS.contains(level)) {
                throw new BadParameterException("parameter level=" + Params.quoted(level) + " is not one of " + LEVELS);
            }
            String team = Params.matching("team", ctx.queryParam("team"), ID, "a team id (digits)");
            String region = Params.matching("region", ctx.queryParam("region"), REGION, "a region code (1 to 32 letters, digits, '_' or '-')");
            String sort = Params.blankToNull(ctx.queryParam("sort"));
            if (sort == null) {
                sort = "total_score";
            } else if (!SORTABLE.contains(sort)) {
                throw new BadParameterException("parameter sort=" + Params.quoted(sort) + " is not one of " + SORTABLE);
            }
            String dir = Params.blankToNull(ctx.queryParam("dir"));
            if (dir == null) {
                dir = sort.startsWith("rank_") || sort.startsWith("rep_") ? "asc" : "desc";
            } else if (!dir.equals("asc") && !dir.equals("desc")) {
                throw new BadParameterException("parameter dir=" + Params.quoted(dir) + " is not asc or desc");
            }
            return new Filter(month, level, team == null ? null : Long.valueOf(team), region, sort, dir);
        }

        String sql(List<Object> params) {
            StringBuilder where = new StringBuilder();
            if (level != null) {
                where.append(" AND position_level = ?");
                params.add(level);
            }
            if (team != null) {
                where.append(" AND team_id = ?");
                params.add(team);
            }
            if (region != null) {
                where.append(" AND region_code = ?");
                params.add(region);
            }
            return SCORECARDS_SQL.formatted(where, sort + " " + dir.toUpperCase(java.util.Locale.ROOT) + " NULLS LAST");
        }
    }

    static LocalDate monthParameter(String raw, String name) {
        String text = Params.matching(name, raw, MONTH, "a month YYYY-MM");
        if (text == null) {
            return null;
        }
        try {
            return YearMonth.parse(text).atDay(1);
        } catch (DateTimeException e) {
            throw new BadParameterException("parameter " + name + "=" + Params.quoted(text) + " is not a month YYYY-MM");
        }
    }

    private static QueryResult scorecardRows(Context ctx, WebContext web, List<QueryResult> read, Map<String, Object> body) {
        Filter filter = Filter.parse(ctx);
        QueryResult months = web.mart.query(MONTHS_SQL, List.of());
        read.add(months);
        List<String> available = new ArrayList<>();
        months.rows().forEach(row -> available.add(String.valueOf(JsonRows.json(row.get(0)))));
        LocalDate month = filter.month() != null ? filter.month() : available.isEmpty() ? null : LocalDate.parse(available.get(0));
        body.put("months", available);
        body.put("month", month == null ? null : month.toString());
        body.put("sort", filter.sort());
        body.put("dir", filter.dir());
        if (month == null) {
            return null;
        }
        List<Object> params = new ArrayList<>();
        params.add(month);
        String sql = filter.sql(params);
        QueryResult result = web.mart.query(sql, params);
        read.add(result);
        return result;
    }

    private static void scorecards(Context ctx, WebContext web) {
        List<QueryResult> read = new ArrayList<>();
        Map<String, Object> body = new LinkedHashMap<>();
        QueryResult result = scorecardRows(ctx, web, read, body);
        body.put("rows", result == null ? List.of() : JsonRows.rows(result));
        web.answer(ctx, body, read.toArray(QueryResult[]::new));
    }

    private static void evidence(Context ctx, WebContext web) {
        LocalDate month = monthParameter(ctx.queryParam("month"), "month");
        String rep = Params.matching("rep", ctx.queryParam("rep"), ID, "a rep id (digits)");
        if (month == null || rep == null) {
            throw new BadParameterException("parameters month (YYYY-MM) and rep (digits) are required");
        }
        String kpi = Params.blankToNull(ctx.queryParam("kpi"));
        if (kpi != null && !KPIS.contains(kpi)) {
            throw new BadParameterException("parameter kpi=" + Params.quoted(kpi) + " is not one of " + KPIS);
        }
        List<Object> params = new ArrayList<>(List.of(month, Long.valueOf(rep)));
        if (kpi != null) {
            params.add(kpi);
        }
        QueryResult result = web.mart.query(EVIDENCE_SQL.formatted(kpi == null ? "" : " AND kpi = ?"), params);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("month", month.toString());
        body.put("rep_id", Long.valueOf(rep));
        body.put("rows", JsonRows.rows(result));
        web.answer(ctx, body, result);
    }

    private static void annual(Context ctx, WebContext web) {
        String year = Params.matching("year", ctx.queryParam("year"), YEAR, "a year YYYY");
        if (year == null) {
            throw new BadParameterException("parameter year (YYYY) is required");
        }
        QueryResult result = web.mart.query(ANNUAL_SQL, List.of(LocalDate.of(Integer.parseInt(year), 1, 1)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("year", Integer.parseInt(year));
        body.put("rows", JsonRows.rows(result));
        web.answer(ctx, body, result);
    }

    private static void export(Context ctx, WebContext web) {
        List<QueryResult> read = new ArrayList<>();
        Map<String, Object> body = new LinkedHashMap<>();
        QueryResult result = scorecardRows(ctx, web, read, body);
        String csv = JsonRows.csv(SCORECARD_COLUMNS.replace(" ", ""), result == null ? List.of() : result.rows());
        String name = "scorecards_" + (body.get("month") == null ? "none" : body.get("month").toString().substring(0, 7)) + ".csv";
        WebUser user = web.user(ctx);
        web.audit.record("export", "ok", user, null, ctx.ip(), "mart.rep_scorecard_monthly",
                Map.of("month", String.valueOf(body.get("month")), "rows", result == null ? 0 : result.rows().size(),
                        "query", String.valueOf(ctx.queryString())));
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.contentType("text/csv; charset=UTF-8");
        ctx.result(csv.getBytes(StandardCharsets.UTF_8));
    }
}
