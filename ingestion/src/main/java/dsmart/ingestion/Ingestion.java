package dsmart.ingestion;

import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;

import dsmart.lake.LakeCatalog;
import dsmart.lake.Progress;
import dsmart.lake.Settings;
import dsmart.lake.TableId;
import dsmart.lake.spark.RunLedger;
import dsmart.lake.spark.Sparks;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Pulls every table of setting ingest.tables over JDBC and MERGEs it into raw.<system>_<table> by its
 * key: new rows inserted, changed rows replaced, rows gone from the source kept as tombstones
 * (_op = 'D'). Each raw row carries _op, _ingested_at and _run_id. Sources are checked before
 * anything is written; a failure after that rolls every table back to the snapshot it had.
 */
public final class Ingestion {
    public static final String STAGE = "ingest";

    private final Settings settings;
    private final Progress progress;

    private Ingestion(Settings settings, Progress progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** What one table's ingestion did. */
    public record TableResult(TableId table, long rowsRead, Long snapshotId) {}

    public static List<TableResult> run(Settings settings, Progress progress) {
        return new Ingestion(settings, progress).run();
    }

    private List<TableResult> run() {
        List<SourceTable> tables = SourceTable.fromSettings(settings);
        checkSources(tables);
        SparkSession spark = Sparks.session(settings);
        Sparks.createNamespace(spark, "raw");
        Catalog catalog = LakeCatalog.open(settings);
        Map<TableId, Long> before = new LinkedHashMap<>();
        for (SourceTable table : tables) {
            before.put(table.target(), currentSnapshot(catalog, table.target()));
        }
        String runId = RunLedger.newRunId();
        Instant started = Instant.now();
        List<TableResult> results = new ArrayList<>();
        List<RunLedger.Entry> ledger = new ArrayList<>();
        SourceTable current = null;
        try {
            for (SourceTable table : tables) {
                current = table;
                Instant tableStarted = Instant.now();
                progress.start(table.target().toString());
                long rows = ingest(spark, table, runId);
                Long snapshot = currentSnapshot(catalog, table.target());
                progress.done(rows);
                results.add(new TableResult(table.target(), rows, snapshot));
                ledger.add(new RunLedger.Entry(runId, STAGE, table.target().toString(), tableStarted, Instant.now(), "ok", rows, rows, snapshot, null));
            }
        } catch (RuntimeException e) {
            rollBack(catalog, before);
            String message = "ingesting " + current + " into " + current.target() + " failed: " + rootMessage(e)
                    + " (lake rolled back to its previous snapshots)";
            RunLedger.record(spark, List.of(new RunLedger.Entry(runId, STAGE, "*", started, Instant.now(), "failed", 0, 0, null, message)));
            throw new IngestionException(message, e);
        }
        RunLedger.record(spark, ledger);
        return results;
    }

    /** Every source system reachable and every table present, before anything is written. */
    private void checkSources(List<SourceTable> tables) {
        Map<String, List<SourceTable>> bySystem = tables.stream()
                .collect(Collectors.groupingBy(SourceTable::system, LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<String, List<SourceTable>> system : bySystem.entrySet()) {
            String url = url(system.getKey());
            try (Connection connection = DriverManager.getConnection(url, properties(system.getKey()));
                    Statement statement = connection.createStatement()) {
                for (SourceTable table : system.getValue()) {
                    try {
                        statement.executeQuery("SELECT * FROM " + table.table() + " WHERE 1 = 0").close();
                    } catch (SQLException e) {
                        throw new IngestionException("source " + system.getKey() + " (" + url + ") has no readable table "
                                + table.table() + ": " + firstLine(e.getMessage()), e);
                    }
                }
            } catch (SQLException e) {
                throw new IngestionException("source " + system.getKey() + " (" + url + ") cannot be reached: " + firstLine(e.getMessage()), e);
            }
        }
    }

    private long ingest(SparkSession spark, SourceTable table, String runId) {
        Properties properties = properties(table.system());
        properties.setProperty("fetchsize", settings.text("ingest.fetch.size"));
        Dataset<Row> source = spark.read().jdbc(url(table.system()), table.table(), properties);
        for (String column : source.columns()) {
            source = source.withColumnRenamed(column, column.toLowerCase(Locale.ROOT));
        }
        List<String> columns = List.of(source.columns());
        for (String key : table.keys()) {
            if (!columns.contains(key)) {
                throw new IllegalArgumentException("key column " + key + " (setting ingest.tables) is not a column of "
                        + table + " " + columns);
            }
        }
        Dataset<Row> staged = source
                .withColumn("_op", lit("U"))
                .withColumn("_ingested_at", current_timestamp())
                .withColumn("_run_id", lit(runId))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long rows = staged.count();
            String target = table.target().toString();
            if (!spark.catalog().tableExists(target)) {
                spark.sql("CREATE TABLE " + target + " (" + ddlColumns(staged) + ") USING iceberg TBLPROPERTIES ("
                        + "'format-version'='2', 'write.merge.mode'='copy-on-write', 'write.update.mode'='copy-on-write', "
                        + "'write.delete.mode'='copy-on-write')");
            }
            String view = "src_" + table.system() + "_" + table.table();
            staged.createOrReplaceTempView(view);
            spark.sql(mergeSql(target, view, table.keys(), columns, runId));
            return rows;
        } finally {
            staged.unpersist();
        }
    }

    static String mergeSql(String target, String view, List<String> keys, List<String> columns, String runId) {
        String on = keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
        String same = columns.stream().filter(c -> !keys.contains(c)).map(c -> "t." + c + " <=> s." + c)
                .collect(Collectors.joining(" AND "));
        String changed = same.isEmpty() ? "t._op = 'D'" : "t._op = 'D' OR NOT (" + same + ")";
        return "MERGE INTO " + target + " t USING " + view + " s ON " + on
                + " WHEN MATCHED AND (" + changed + ") THEN UPDATE SET *"
                + " WHEN NOT MATCHED THEN INSERT *"
                + " WHEN NOT MATCHED BY SOURCE AND t._op <> 'D' THEN UPDATE SET t._op = 'D', t._ingested_at = current_timestamp(), "
                + "t._run_id = '" + runId.replace("'", "") + "'";
    }

    private static String ddlColumns(Dataset<Row> rows) {
        return java.util.Arrays.stream(rows.schema().fields())
                .map(f -> "`" + f.name() + "` " + f.dataType().sql())
                .collect(Collectors.joining(", "));
    }

    private static Long currentSnapshot(Catalog catalog, TableId id) {
        TableIdentifier identifier = TableIdentifier.of(Namespace.of(id.namespace()), id.name());
        if (!catalog.tableExists(identifier)) {
            return null;
        }
        Snapshot snapshot = catalog.loadTable(identifier).currentSnapshot();
        return snapshot == null ? null : snapshot.snapshotId();
    }

    private static void rollBack(Catalog catalog, Map<TableId, Long> before) {
        for (Map.Entry<TableId, Long> entry : before.entrySet()) {
            TableIdentifier identifier = TableIdentifier.of(Namespace.of(entry.getKey().namespace()), entry.getKey().name());
            if (!catalog.tableExists(identifier)) {
                continue;
            }
            if (entry.getValue() == null) {
                catalog.dropTable(identifier, true);
                continue;
            }
            Table table = catalog.loadTable(identifier);
            if (table.currentSnapshot() != null && table.currentSnapshot().snapshotId() != entry.getValue()) {
                table.manageSnapshots().setCurrentSnapshot(entry.getValue()).commit();
            }
        }
    }

    private String url(String system) {
        String url = settings.text("source." + system + ".url");
        // An embedded H2 file database must exist already: without IFEXISTS H2 would create an empty one.
        if (url.startsWith("jdbc:h2:file:") && !url.toUpperCase(Locale.ROOT).contains("IFEXISTS")) {
            return url + ";IFEXISTS=TRUE";
        }
        return url;
    }

    private Properties properties(String system) {
        Properties properties = new Properties();
        properties.setProperty("user", settings.text("source." + system + ".user"));
        properties.setProperty("password", settings.text("source." + system + ".password"));
        return properties;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return firstLine(cause.getMessage() == null ? cause.toString() : cause.getMessage());
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
