package dsmart.serving;

import java.util.List;
import java.util.Map;

/**
 * Receives the rows of a streamed query one at a time ({@link MartQuery#stream}), so large exports
 * never hold the whole answer in memory. Values are the same Java types as in {@link QueryResult}.
 */
public interface RowSink {
    /** Called once, before the first row: the columns and the snapshot id of every table the query reads. */
    void start(List<Column> columns, Map<String, Long> snapshots);

    /** One row; the list is the sink's to keep or drop (it is not reused). */
    void row(List<Object> values);
}
