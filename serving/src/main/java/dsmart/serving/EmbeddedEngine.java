package dsmart.serving;

import dsmart.lake.LakeCatalog;
import dsmart.lake.Settings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The default serving engine: DuckDB in this process, reading the lake's Parquet files through Iceberg metadata. */
public final class EmbeddedEngine {
    private EmbeddedEngine() {}

    public static MartQuery open(Settings settings) {
        return open(settings, ReadPoint.current());
    }

    public static MartQuery open(Settings settings, ReadPoint readPoint) {
        Connection duckdb = duckdb(settings);
        ResultCache cache = new ResultCache(settings.integer("serving.cache.entries"));
        IcebergViews views = new IcebergViews(LakeCatalog.open(settings), duckdb, readPoint, cache::dropTable);
        return new JdbcMartQuery(duckdb, views, cache);
    }

    /**
     * A DuckDB connection of its own (business time zone) with a view over the current snapshot of each named lake
     * table, as the port reads them; for SQL outside the port (the benchmark's baseline). The caller closes it.
     */
    public static Connection withViews(Settings settings, java.util.Collection<String> tables) {
        Connection duckdb = duckdb(settings);
        try {
            new IcebergViews(LakeCatalog.open(settings), duckdb, ReadPoint.current(), (table, snapshot) -> { })
                    .snapshots(new java.util.TreeSet<>(tables));
            return duckdb;
        } catch (RuntimeException e) {
            try {
                duckdb.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static Connection duckdb(Settings settings) {
        try {
            Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = duckdb.createStatement()) {
                statement.execute("SET TimeZone = '" + settings.zone().getId() + "'");
            }
            return duckdb;
        } catch (SQLException e) {
            throw new QueryException("cannot start the embedded engine (DuckDB): " + e.getMessage(), e);
        }
    }
}
