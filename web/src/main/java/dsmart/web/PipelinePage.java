package dsmart.web;

import dsmart.serving.NamedQuery;
import dsmart.serving.QueryException;
import dsmart.serving.QueryResult;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipeline status (admins): the last runs from the run ledger {@code ops.runs}, and every table the ledger
 * names with its current snapshot id and row count, both read through the serving port.
 */
final class PipelinePage implements WebPage {
    static final String RUNS_SQL = """
            SELECT run_id, stage, target, status, rows_read, rows_written, started_at, finished_at, message
            FROM ops.runs%s
            ORDER BY finished_at DESC, run_id DESC, target
            LIMIT ?""";

    /** The last run of every target. */
    static final String LAST_RUNS_SQL = """
            SELECT r.target, r.stage, r.status, r.finished_at, r.snapshot_id, r.message
            FROM ops.runs r
            JOIN (SELECT target, MAX(finished_at) AS last_finished FROM ops.runs GROUP BY target) l
              ON r.target = l.target AND r.finished_at = l.last_finished
            ORDER BY r.target""";

    static final String COUNT_SQL = "SELECT COUNT(*) AS row_count FROM %s";

    /** A lake table as the ledger names it; only such names are ever put into SQL text. */
    private static final Pattern TABLE = Pattern.compile("(raw|stg|mart|ops|quarantine)\\.[a-z_][a-z0-9_]{0,127}");

    private static final Logger LOG = LoggerFactory.getLogger(PipelinePage.class);

    @Override
    public String id() {
        return "pipeline";
    }

    @Override
    public String path() {
        return "/pipeline";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.ADMIN);
    }

    /** The queries of this page with sample filters (for engine comparisons and benchmarks). */
    static List<NamedQuery> samples() {
        return List.of(new NamedQuery("web pipeline table count", COUNT_SQL.formatted("mart.sales_monthly"), List.of()));
    }

    @Override
    public void routes(RouteRegistry routes, WebContext web) {
        routes.get("/api/pipeline/runs")
                .summary("The last runs of the pipeline (ops.runs), newest first")
                .query("limit", "1 to 500, default 50")
                .query("stage", "only runs of this stage (ingest, transform, ...)")
                .query("status", "only runs with this status (ok, failed)")
                .query("target", "only runs on this table (namespace.table)")
                .roles(roles())
                .api(ctx -> runs(ctx, web));
        routes.get("/api/pipeline/tables")
                .summary("Every table the run ledger names: current snapshot id, rows, last run and its status")
                .roles(roles())
                .api(ctx -> tables(ctx, web));
    }

    private void runs(Context ctx, WebContext web) {
        int limit = WebContext.limit(ctx, 50, 500);
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (String name : List.of("stage", "status", "target")) {
            String value = Params.text(name, ctx.queryParam(name), name.equals("target") ? 140 : 64);
            if (value != null) {
                conditions.add(name + " = ?");
                params.add(value);
            }
        }
        params.add((long) limit);
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        QueryResult result = web.mart.query(RUNS_SQL.formatted(where), params);
        List<Map<String, Object>> runs = new ArrayList<>();
        for (Map<String, Object> row : result.asMaps()) {
            Map<String, Object> run = new LinkedHashMap<>();
            row.forEach((key, value) -> run.put(key.toLowerCase(java.util.Locale.ROOT), value));
            run.put("started_at", Times.iso(run.get("started_at")));
            run.put("finished_at", Times.iso(run.get("finished_at")));
            runs.add(run);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runs", runs);
        body.put("limit", limit);
        web.answer(ctx, body, result);
    }

    private void tables(Context ctx, WebContext web) {
        QueryResult last = web.mart.query(LAST_RUNS_SQL, List.of());
        List<QueryResult> read = new ArrayList<>();
        read.add(last);
        Map<String, Map<String, Object>> byTable = new LinkedHashMap<>();
        for (Map<String, Object> row : last.asMaps()) {
            String target = String.valueOf(value(row, "target"));
            if (!TABLE.matcher(target).matches() || byTable.containsKey(target)) {
                continue; // "*" (a whole stage) or a name that is no lake table
            }
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("table", target);
            table.put("last_stage", value(row, "stage"));
            table.put("last_status", value(row, "status"));
            table.put("last_finished_at", Times.iso(value(row, "finished_at")));
            table.put("last_message", value(row, "message"));
            byTable.put(target, table);
        }
        Map<String, Long> current = new LinkedHashMap<>();
        for (Map<String, Object> table : byTable.values()) {
            String name = (String) table.get("table");
            try {
                QueryResult count = web.mart.query(COUNT_SQL.formatted(name), List.of());
                read.add(count);
                table.put("rows", count.rows().get(0).get(0));
                Long id = count.snapshots().get(name);
                table.put("snapshot_id", id == null ? null : id.toString()); // text: exceeds JavaScript's exact integers
                if (count.snapshots().get(name) != null) {
                    current.put(name, count.snapshots().get(name));
                }
                table.put("readable", true);
            } catch (QueryException e) {
                LOG.debug("pipeline status: table {} cannot be read: {}", name, e.getMessage());
                table.put("rows", null);
                table.put("snapshot_id", null);
                table.put("readable", false);
            }
        }
        Map<String, Instant> committed = web.freshness.committedAt(current);
        for (Map<String, Object> table : byTable.values()) {
            Instant at = committed.get((String) table.get("table"));
            table.put("committed_at", at == null ? null : at.toString());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tables", new ArrayList<>(byTable.values()));
        web.answer(ctx, body, read.toArray(QueryResult[]::new));
    }

    private static Object value(Map<String, Object> row, String column) {
        for (Map.Entry<String, Object> entry : row.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(column)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
