package dsmart.serving;

import java.util.Arrays;
import java.util.List;

/**
 * The one way reports and the web read the lake: parameterised SQL (values are bound, never
 * concatenated) answered together with the snapshot id of every table it read.
 */
public interface MartQuery extends AutoCloseable {

    QueryResult query(String sql, List<?> params);

    default QueryResult query(String sql, Object... params) {
        return query(sql, Arrays.asList(params));
    }

    @Override
    void close();
}
