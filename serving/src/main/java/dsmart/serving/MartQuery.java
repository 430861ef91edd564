package dsmart.serving;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The one way reports and the web read the lake: parameterised SQL (values are bound, never
 * concatenated) answered together with the snapshot id of every table it read.
 */
public interface MartQuery extends AutoCloseable {

    QueryResult query(String sql, List<?> params);

    default QueryResult query(String sql, Object... params) {
        return query(sql, Arrays.asList(params));
    }

    /**
     * Runs the query and hands its rows to {@code sink} one at a time, bypassing the result cache; returns
     * the snapshot ids read (also given to {@link RowSink#start}). For large exports: engines that can
     * stream (the JDBC ones) never hold the whole answer; this default reads it with {@link #query} first.
     */
    default Map<String, Long> stream(String sql, List<?> params, RowSink sink) {
        QueryResult result = query(sql, params);
        sink.start(result.columns(), result.snapshots());
        result.rows().forEach(row -> sink.row(row));
        return result.snapshots();
    }

    @Override
    void close();
}
