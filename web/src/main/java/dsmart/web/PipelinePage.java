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
 * Pipeline status (admins): the last runs from the run ledger {@code ops.runs}, every table the ledger
 * names with its current snapshot id and row count, and the quarantine of every ingested table (count and
 * newest rows), all read through the serving port.
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

    /** The raw tables ingestion wrote; each has its quarantine.<name> for the rows that broke a rule. */
    static final String INGESTED_SQL = "SELECT DISTINCT target FROM ops.runs WHERE stage = 'ingest' ORDER BY target";

    static final String QUARANTINE_SQL = """
            SELECT run_id, source, locator, record, reasons, reason_count, quarantined_at
            FROM %s
            ORDER BY quarantined_at DESC, run_id DESC, locator
            LIMIT ?""";

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
        routes.get("/api/pipeline/quarantine")
                .summary("For every table ingestion wrote (raw.<name> in ops.runs), quarantine.<name>: its rows and the "
                        + "newest samples (the original row, every reason, the run id)")
                .query("limit", "samples per table, 1 to 50, default 5")
                .roles(roles())
                .api(ctx -> quarantine(ctx, web));
    }

    private void quarantine(Context ctx, WebContext web) {
        int limit = WebContext.limit(ctx, 5, 50);
        QueryResult ingested = web.mart.query(INGESTED_SQL, List.of());
        List<QueryResult> read = new ArrayList<>();
        read.add(ingested);
        List<Map<String, Object>> tables = new ArrayList<>();
        List<Map<String, Object>> samples = new ArrayList<>();
        for (List<Object> row : ingested.rows()) {
            String target = String.valueOf(row.get(0));
            if (!target.startsWith("raw.") || !TABLE.matcher(target).matches()) {
                continue;
            }
            String name = "quarantine." + target.substring("raw.".length());
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("table", name);
            table.put("raw_table", target);
            try {
                QueryResult count = web.mart.query(COUNT_SQL.formatted(name), List.of());
                QueryResult newest = web.mart.query(QUARANTINE_SQL.formatted(name), List.of((long) limit));
                read.add(count);
                read.add(newest);
                table.put("rows", count.rows().get(0).get(0));
                table.put("readable", true);
                for (Map<String, Object> sample : newest.asMaps()) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("table", name);
                    out.put("key", name + " " + value(sample, "run_id") + " " + value(sample, "locator"));
                    out.put("run_id", value(sample, "run_id"));
                    out.put("source", value(sample, "source"));
                    out.put("locator", value(sample, "locator"));
                    out.put("record", value(sample, "record"));
                    out.put("reasons", reasons(value(sample, "reasons")));
                    out.put("reason_count", value(sample, "reason_count"));
                    out.put("quarantined_at", Times.iso(value(sample, "quarantined_at")));
                    samples.add(out);
                }
            } catch (QueryException e) {
                LOG.debug("pipeline quarantine: table {} cannot be read: {}", name, e.getMessage());
                table.put("rows", null);
                table.put("readable", false);
            }
            tables.add(table);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("limit", limit);
        body.put("tables", tables);
        body.put("samples", samples);
        web.answer(ctx, body, read.toArray(QueryResult[]::new));
    }

    /** The reasons column holds a JSON array of strings; shown as a list (as written when it is no such array). */
    private static Object reasons(Object text) {
        if (text == null) {
            return List.of();
        }
        try {
            return WebApp.objectMapper().readValue(text.toString(), List.class);
        } catch (java.io.IOException e) {
            return List.of(text.toString());
        }
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
