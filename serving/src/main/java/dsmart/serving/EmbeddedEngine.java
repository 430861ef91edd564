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
        Connection duckdb;
        try {
            duckdb = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = duckdb.createStatement()) {
                statement.execute("SET TimeZone = '" + settings.zone().getId() + "'");
            }
        } catch (SQLException e) {
            throw new QueryException("cannot start the embedded engine (DuckDB): " + e.getMessage(), e);
        }
        ResultCache cache = new ResultCache(settings.integer("serving.cache.entries"));
        IcebergViews views = new IcebergViews(LakeCatalog.open(settings), duckdb, readPoint, cache::dropTable);
        return new JdbcMartQuery(duckdb, views, cache);
    }
}
