package dsmart.serving;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The port over one JDBC connection. Before each query the {@code prepare} hook receives the lake
 * tables the SQL names and returns their snapshot ids (the embedded engine refreshes its views
 * there); a plain database passes a hook that returns no ids.
 */
public final class JdbcMartQuery implements MartQuery {
    private final Connection connection;
    private final Function<Set<String>, Map<String, Long>> prepare;
    private final ResultCache cache;

    public JdbcMartQuery(Connection connection, Function<Set<String>, Map<String, Long>> prepare) {
        this(connection, prepare, ResultCache.none());
    }

    JdbcMartQuery(Connection connection, Function<Set<String>, Map<String, Long>> prepare, ResultCache cache) {
        this.connection = requireNonNull(connection, "connection");
        this.prepare = requireNonNull(prepare, "prepare");
        this.cache = requireNonNull(cache, "cache");
    }

    /** A port over a database whose tables carry no snapshots (tests, scratch databases). */
    public static JdbcMartQuery over(Connection connection) {
        return new JdbcMartQuery(connection, tables -> Map.of());
    }

    @Override
    public synchronized QueryResult query(String sql, List<?> params) {
        requireNonNull(sql, "sql");
        requireNonNull(params, "params");
        Map<String, Long> snapshots = prepare.apply(TableNames.referencedIn(sql));
        ResultCache.Key key = new ResultCache.Key(sql, java.util.Collections.unmodifiableList(new ArrayList<>(params)), Map.copyOf(snapshots));
        QueryResult cached = cache.find(key);
        if (cached != null) {
            return cached;
        }
        QueryResult result = execute(sql, params, snapshots);
        cache.put(key, result);
        return result;
    }

    ResultCache cache() {
        return cache;
    }

    private QueryResult execute(String sql, List<?> params, Map<String, Long> snapshots) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
            try (ResultSet resultSet = statement.executeQuery()) {
                ResultSetMetaData meta = resultSet.getMetaData();
                List<Column> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(new Column(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
                }
                List<List<Object>> rows = new ArrayList<>();
                while (resultSet.next()) {
                    List<Object> row = new ArrayList<>(columns.size());
                    for (int i = 1; i <= columns.size(); i++) {
                        row.add(toJava(resultSet.getObject(i)));
                    }
                    rows.add(row);
                }
                return new QueryResult(columns, rows, snapshots);
            }
        } catch (SQLException e) {
            throw new QueryException("query failed: " + e.getMessage().strip() + " [sql: " + oneLine(sql) + ", params: " + params + "]", e);
        }
    }

    static Object toJava(Object value) {
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        return value;
    }

    private static String oneLine(String sql) {
        return sql.replaceAll("\\s+", " ").strip();
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new QueryException("closing the connection failed: " + e.getMessage(), e);
        }
    }
}
