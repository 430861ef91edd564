package dsmart.web;

import static java.util.Objects.requireNonNull;

import dsmart.serving.MartQuery;
import dsmart.serving.QueryException;
import dsmart.serving.QueryResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the data an answer read was written: for each snapshot id the answer carries, the end of the
 * successful pipeline run that wrote it, from {@code ops.runs} (which records the snapshot id each run
 * committed). A snapshot the ledger does not know (written outside the pipeline, or ops.runs missing) keeps
 * its id only. The look-up goes through the port, so it is cached with the ledger's own snapshot.
 */
final class Freshness {
    static final String SQL = """
            SELECT target, snapshot_id, MAX(finished_at) AS committed_at
            FROM ops.runs
            WHERE status = ? AND snapshot_id IN (%s)
            GROUP BY target, snapshot_id""";

    private static final Logger LOG = LoggerFactory.getLogger(Freshness.class);
    private final MartQuery mart;
    private volatile boolean warned;

    Freshness(MartQuery mart) {
        this.mart = requireNonNull(mart, "mart");
    }

    /** table → when its snapshot in {@code snapshots} was committed, for the snapshots the ledger knows. */
    Map<String, Instant> committedAt(Map<String, Long> snapshots) {
        List<Object> params = new ArrayList<>();
        params.add("ok");
        List<String> marks = new ArrayList<>();
        snapshots.forEach((table, id) -> {
            if (id != null && !table.equals("ops.runs")) {
                params.add(id);
                marks.add("?");
            }
        });
        if (marks.isEmpty()) {
            return Map.of();
        }
        QueryResult result;
        try {
            result = mart.query(SQL.formatted(String.join(", ", marks)), params);
        } catch (QueryException e) {
            if (!warned) {
                warned = true;
                LOG.warn("data freshness: ops.runs cannot be read, pages show snapshot ids only ({})", e.getMessage());
            }
            return Map.of();
        }
        Map<String, Instant> out = new LinkedHashMap<>();
        int target = result.columnIndex("target");
        int snapshot = result.columnIndex("snapshot_id");
        int committed = result.columnIndex("committed_at");
        for (List<Object> row : result.rows()) {
            String table = String.valueOf(row.get(target));
            Object id = row.get(snapshot);
            Long wanted = snapshots.get(table);
            if (wanted != null && id instanceof Number number && number.longValue() == wanted) {
                out.put(table, Times.toInstant(row.get(committed)));
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
