package dsmart.ingestion;

import dsmart.lake.LakeCatalog;
import dsmart.lake.Progress;
import dsmart.lake.Settings;
import dsmart.lake.spark.Sparks;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the tests over the fixture databases: fresh PostgreSQL and MariaDB databases and a fresh lake per test. */
abstract class JdbcFixture {
    static final String TABLES = "crm.regions:region_code,crm.customers:customer_id,orders.orders:order_id,orders.order_lines:order_id+line_no";

    @TempDir
    Path dir;
    TestDatabases.Pair db;
    Settings settings;

    @BeforeEach
    void createSources() throws SQLException {
        db = TestDatabases.create();
        Fixtures.orders(db.postgresUrl());
        Fixtures.crm(db.mariaUrl());
        settings = settings(dir, Map.of());
    }

    @AfterEach
    void dropSources() {
        db.close();
    }

    Settings settings(Path dataDir, Map<String, String> more) {
        return Settings.builder().overrides(overrides(dataDir, more)).build();
    }

    Map<String, String> overrides(Path dataDir, Map<String, String> more) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("data.dir", dataDir.toString());
        overrides.put("source.orders.url", db.postgresUrl());
        overrides.put("source.orders.user", "postgres");
        overrides.put("source.orders.password", "");
        overrides.put("source.crm.url", db.mariaUrl());
        overrides.put("source.crm.user", "root");
        overrides.put("source.crm.password", "");
        overrides.put("ingest.tables", TABLES);
        overrides.put("ingest.lock.wait.seconds", "0");
        overrides.put("spark.shuffle.partitions", "2");
        overrides.putAll(more);
        return overrides;
    }

    static List<Ingestion.TableResult> ingest(Settings settings) {
        return Ingestion.run(settings, Progress.silent("test"));
    }

    void pg(String... sql) {
        TestDatabases.execute(db.postgresUrl(), sql);
    }

    void maria(String... sql) {
        TestDatabases.execute(db.mariaUrl(), sql);
    }

    /** Rows of a lake query as text lines (the same form as Fixtures.rows). */
    static TreeSet<String> lake(Settings settings, String sql) {
        TreeSet<String> rows = new TreeSet<>();
        for (Row row : Sparks.session(settings).sql(sql).collectAsList()) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                values.add(Fixtures.text(row.get(i)));
            }
            rows.add(String.join("|", values));
        }
        return rows;
    }

    static long lakeCount(Settings settings, String sql) {
        return Sparks.session(settings).sql(sql).first().getLong(0);
    }

    /** The ledger lines of the latest ingest run, by target: mode|read|written|inserted|updated|deleted|unchanged|quarantined. */
    static Map<String, String> lastLedger(Settings settings) {
        Map<String, String> lines = new LinkedHashMap<>();
        for (Row row : Sparks.session(settings).sql("SELECT target, mode, rows_read, rows_written, rows_inserted, rows_updated, rows_deleted, "
                + "rows_unchanged, rows_quarantined FROM ops.runs WHERE stage = 'ingest' AND run_id = (SELECT max_by(run_id, finished_at) "
                + "FROM ops.runs WHERE stage = 'ingest') ORDER BY target").collectAsList()) {
            lines.put(row.getString(0), row.getString(1) + "|" + row.get(2) + "|" + row.get(3) + "|" + row.get(4) + "|" + row.get(5) + "|"
                    + row.get(6) + "|" + row.get(7) + "|" + row.get(8));
        }
        return lines;
    }

    /** Current snapshot id of a lake table read through plain Iceberg (null: no table or no snapshot). */
    static Long snapshot(Settings settings, String table) {
        var catalog = LakeCatalog.open(settings);
        TableIdentifier id = TableIdentifier.parse(table);
        if (!catalog.tableExists(id)) {
            return null;
        }
        Snapshot snapshot = catalog.loadTable(id).currentSnapshot();
        return snapshot == null ? null : snapshot.snapshotId();
    }
}
