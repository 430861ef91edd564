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
 * The port over one JDBC connection. Before each query the engine's {@link SnapshotReader} finds the
 * snapshot of every lake table the SQL names (the embedded engine refreshes its views there, Trino
 * pins the SQL with FOR VERSION AS OF); answers are cached by SQL, parameters and those snapshot ids.
 */
public final class JdbcMartQuery implements MartQuery {
    private final Connection connection;
    private final SnapshotReader reader;
    private final ResultCache cache;

    /** A port whose snapshot ids come from a function of the tables named (tests that need given ids). */
    public JdbcMartQuery(Connection connection, Function<Set<String>, Map<String, Long>> snapshots) {
        this(connection, new SnapshotReader() {
            @Override
            public Map<String, Long> snapshots(Set<String> tables) {
                return snapshots.apply(tables);
            }

            @Override
            public String pinned(String sql, Map<String, Long> ids) {
                return sql;
            }
        }, ResultCache.none());
    }

    JdbcMartQuery(Connection connection, SnapshotReader reader, ResultCache cache) {
        this.connection = requireNonNull(connection, "connection");
        this.reader = requireNonNull(reader, "reader");
        this.cache = requireNonNull(cache, "cache");
    }

    /** A port over a database whose tables carry no snapshots (tests, scratch databases). */
    public static JdbcMartQuery over(Connection connection) {
        return new JdbcMartQuery(connection, SnapshotReader.NONE, ResultCache.none());
    }

    @Override
    public synchronized QueryResult query(String sql, List<?> params) {
        requireNonNull(sql, "sql");
        requireNonNull(params, "params");
        Map<String, Long> snapshots = reader.snapshots(TableNames.referencedIn(sql));
        ResultCache.Key key = new ResultCache.Key(sql, java.util.Collections.unmodifiableList(new ArrayList<>(params)), Map.copyOf(snapshots));
        QueryResult cached = cache.find(key);
        if (cached != null) {
            return cached;
        }
        QueryResult result = execute(reader.pinned(sql, snapshots), params, snapshots);
        cache.put(key, result);
        return result;
    }

    /** Streams from the JDBC result set (fetch size {@value #STREAM_FETCH_SIZE}); the answer is not cached. */
    @Override
    public synchronized Map<String, Long> stream(String sql, List<?> params, RowSink sink) {
        requireNonNull(sql, "sql");
        requireNonNull(params, "params");
        requireNonNull(sink, "sink");
        Map<String, Long> snapshots = reader.snapshots(TableNames.referencedIn(sql));
        String pinned = reader.pinned(sql, snapshots);
        try (PreparedStatement statement = connection.prepareStatement(pinned)) {
            statement.setFetchSize(STREAM_FETCH_SIZE);
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
            try (ResultSet resultSet = statement.executeQuery()) {
                List<Column> columns = columns(resultSet.getMetaData());
                sink.start(columns, java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(snapshots)));
                while (resultSet.next()) {
                    List<Object> row = new ArrayList<>(columns.size());
                    for (int i = 1; i <= columns.size(); i++) {
                        row.add(toJava(resultSet.getObject(i), columns.get(i - 1).type()));
                    }
                    sink.row(row);
                }
            }
        } catch (SQLException e) {
            throw new QueryException("query failed: " + e.getMessage().strip() + " [sql: " + oneLine(pinned) + ", params: " + params + "]", e);
        }
        return snapshots;
    }

    static final int STREAM_FETCH_SIZE = 2048;

    private static List<Column> columns(ResultSetMetaData meta) throws SQLException {
        List<Column> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(new Column(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
        }
        return columns;
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
                List<Column> columns = columns(resultSet.getMetaData());
                List<List<Object>> rows = new ArrayList<>();
                while (resultSet.next()) {
                    List<Object> row = new ArrayList<>(columns.size());
                    for (int i = 1; i <= columns.size(); i++) {
                        row.add(toJava(resultSet.getObject(i), columns.get(i - 1).type()));
                    }
                    rows.add(row);
                }
                return new QueryResult(columns, rows, snapshots);
            }
        } catch (SQLException e) {
            throw new QueryException("query failed: " + e.getMessage().strip() + " [sql: " + oneLine(sql) + ", params: " + params + "]", e);
        }
    }

    /**
     * One Java type per SQL type whatever the engine: Trino's driver answers a timestamp with time zone as a
     * {@link Timestamp} (DuckDB's as an {@link OffsetDateTime}); both become the {@link java.time.Instant}.
     */
    static Object toJava(Object value, String type) {
        if (value instanceof Timestamp timestamp && type.toLowerCase(java.util.Locale.ROOT).contains("with time zone")) {
            return timestamp.toInstant();
        }
        return toJava(value);
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
