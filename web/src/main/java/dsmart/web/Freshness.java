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
 * When the data an answer read was written: for each snapshot id the answer carries, the end of the first
 * successful pipeline run that recorded it in {@code ops.runs} (the ledger records the table's snapshot id
 * after each run; a later run that left the table unchanged records the same id again, hence the first).
 * A snapshot the ledger does not know (written outside the pipeline, or ops.runs missing) keeps its id
 * only. The look-up goes through the port; a commit time once found never changes, so it is also kept here
 * (at most {@value #REMEMBERED} snapshots), and answers over known snapshots cost no second query.
 */
final class Freshness {
    static final String SQL = """
            SELECT target, snapshot_id, MIN(finished_at) AS committed_at
            FROM ops.runs
            WHERE status = ? AND snapshot_id IN (%s)
            GROUP BY target, snapshot_id""";

    static final int REMEMBERED = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(Freshness.class);
    private final MartQuery mart;
    private volatile boolean warned;
    private final Map<String, Instant> known = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > REMEMBERED;
        }
    });

    Freshness(MartQuery mart) {
        this.mart = requireNonNull(mart, "mart");
    }

    /** table → when its snapshot in {@code snapshots} was committed, for the snapshots the ledger knows. */
    Map<String, Instant> committedAt(Map<String, Long> snapshots) {
        Map<String, Instant> out = new LinkedHashMap<>();
        List<Object> params = new ArrayList<>();
        params.add("ok");
        List<String> marks = new ArrayList<>();
        snapshots.forEach((table, id) -> {
            if (id == null || table.equals("ops.runs")) {
                return;
            }
            Instant remembered = known.get(table + "@" + id);
            if (remembered != null) {
                out.put(table, remembered);
            } else {
                params.add(id);
                marks.add("?");
            }
        });
        if (marks.isEmpty()) {
            return Collections.unmodifiableMap(out);
        }
        QueryResult result;
        try {
            result = mart.query(SQL.formatted(String.join(", ", marks)), params);
        } catch (QueryException e) {
            if (!warned) {
                warned = true;
                LOG.warn("data freshness: ops.runs cannot be read, pages show snapshot ids only ({})", e.getMessage());
            }
            return Collections.unmodifiableMap(out);
        }
        int target = result.columnIndex("target");
        int snapshot = result.columnIndex("snapshot_id");
        int committed = result.columnIndex("committed_at");
        for (List<Object> row : result.rows()) {
            String table = String.valueOf(row.get(target));
            Object id = row.get(snapshot);
            Long wanted = snapshots.get(table);
            if (wanted != null && id instanceof Number number && number.longValue() == wanted) {
                Instant at = Times.toInstant(row.get(committed));
                if (at != null) {
                    out.put(table, at);
                    known.put(table + "@" + wanted, at);
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
