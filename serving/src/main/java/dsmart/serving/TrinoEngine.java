package dsmart.serving;

import dsmart.lake.Settings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The production engine: a Trino server reading the same Iceberg catalog. Each query first looks up
 * the snapshot of every table it names (the main branch, or the one the read point asks for) and
 * then runs pinned to those snapshots, so the ids it reports are exactly what it read.
 */
public final class TrinoEngine {
    private TrinoEngine() {}

    public static MartQuery open(Settings settings, ReadPoint readPoint) {
        String url = settings.text("serving.trino.url");
        if (url.isEmpty()) {
            throw new QueryException("setting serving.trino.url is empty but serving.engine=trino needs it");
        }
        Properties properties = new Properties();
        properties.setProperty("user", settings.text("serving.trino.user"));
        properties.setProperty("timezone", settings.zone().getId());
        Connection connection;
        try {
            connection = DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw new QueryException("cannot reach Trino at " + url + " (setting serving.trino.url): " + e.getMessage(), e);
        }
        ResultCache cache = new ResultCache(settings.integer("serving.cache.entries"));
        return new JdbcMartQuery(connection, new TrinoSnapshots(connection, readPoint, cache), cache);
    }

    private static final class TrinoSnapshots implements SnapshotReader {
        private final Connection connection;
        private final ReadPoint readPoint;
        private final ResultCache cache;
        private final Map<String, Long> lastSeen = new java.util.HashMap<>();

        TrinoSnapshots(Connection connection, ReadPoint readPoint, ResultCache cache) {
            this.connection = connection;
            this.readPoint = readPoint;
            this.cache = cache;
        }

        @Override
        public Map<String, Long> snapshots(Set<String> tables) {
            Map<String, Long> snapshots = new LinkedHashMap<>();
            for (String table : tables) {
                Long id = readPoint.snapshots().containsKey(table) ? readPoint.snapshots().get(table) : lookUp(table);
                if (id != null) {
                    snapshots.put(table, id);
                    Long previous = lastSeen.put(table, id);
                    if (previous != null && !previous.equals(id)) {
                        cache.dropTable(table, id);
                    }
                }
            }
            return snapshots;
        }

        @Override
        public String pinned(String sql, Map<String, Long> snapshots) {
            return TableNames.pinned(sql, snapshots);
        }

        private Long lookUp(String table) {
            int dot = table.indexOf('.');
            String schema = table.substring(0, dot);
            String name = table.substring(dot + 1);
            String sql = readPoint.asOf() == null
                    ? "SELECT snapshot_id FROM " + schema + ".\"" + name + "$refs\" WHERE name = 'main'"
                    : "SELECT snapshot_id FROM " + schema + ".\"" + name + "$history\" WHERE made_current_at <= from_iso8601_timestamp(?) "
                            + "ORDER BY made_current_at DESC LIMIT 1";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                if (readPoint.asOf() != null) {
                    statement.setString(1, readPoint.asOf().toString());
                }
                try (ResultSet rows = statement.executeQuery()) {
                    if (rows.next()) {
                        return rows.getLong(1);
                    }
                }
            } catch (SQLException e) {
                throw new QueryException("cannot find the snapshot of " + table + " in Trino: " + e.getMessage(), e);
            }
            if (readPoint.asOf() != null) {
                throw new QueryException("table " + table + " has no snapshot at or before " + readPoint.asOf());
            }
            return null;
        }
    }
}
