package dsmart.lake.spark;

import dsmart.lake.LakeCatalog;
import dsmart.lake.LakeException;
import dsmart.lake.Settings;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.functions;


/**
 * SparkSessions over the lake. One SparkContext per JVM (it costs seconds and a gigabyte); each
 * call returns a new session on it whose catalog points at the settings' lake.
 */
public final class Sparks {
    /** The table property that names a raw table's key columns, comma-separated (written by ingestion). */
    public static final String KEY_PROPERTY = "dsmart.key";
    private static SparkSession root;

    private Sparks() {}

    public static synchronized SparkSession session(Settings settings) {
        LakeCatalog.checkWarehouse(settings);
        if (root == null) {
            root = SparkSession.builder()
                    .appName("dsmart")
                    .master(settings.text("spark.master"))
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                    .config("spark.sql.adaptive.enabled", "true")
                    .config("spark.sql.debug.maxToStringFields", "500")
                    .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
                    .getOrCreate();
            root.sparkContext().setLogLevel("WARN");
        }
        SparkSession session = root.newSession();
        String catalog = LakeCatalog.name(settings);
        session.conf().set("spark.sql.session.timeZone", settings.zone().getId());
        session.conf().set("spark.sql.shuffle.partitions", settings.text("spark.shuffle.partitions"));
        session.conf().set("spark.sql.catalog." + catalog, "org.apache.iceberg.spark.SparkCatalog");
        for (Map.Entry<String, String> property : LakeCatalog.properties(settings).entrySet()) {
            session.conf().set("spark.sql.catalog." + catalog + "." + property.getKey(), property.getValue());
        }
        session.conf().set("spark.sql.defaultCatalog", catalog);
        return session;
    }

    /** Appends rows to an existing table. */
    public static void append(Dataset<Row> rows, String table) {
        try {
            rows.writeTo(table).append();
        } catch (NoSuchTableException e) {
            throw new LakeException("table " + table + " does not exist", e);
        }
    }

    /** Replaces every row of an existing table in one snapshot. */
    public static void replaceAll(Dataset<Row> rows, String table) {
        replaceAll(rows, table, Map.of());
    }

    /** Replaces every row of an existing table in one snapshot whose summary also holds the given properties. */
    public static void replaceAll(Dataset<Row> rows, String table, Map<String, String> summary) {
        replaceWhere(rows, table, functions.lit(true), summary);
    }

    /**
     * Deletes the rows of an existing table that match a condition and appends the given rows, in one snapshot whose summary
     * also holds the given properties. Iceberg deletes whole files only: the condition must hold for all or none of a data
     * file's rows (a condition on the table's partition columns).
     */
    public static void replaceWhere(Dataset<Row> rows, String table, Column condition, Map<String, String> summary) {
        try {
            DataFrameWriterV2<Row> writer = rows.writeTo(table);
            summary.forEach((key, value) -> writer.option("snapshot-property." + key, value));
            writer.overwrite(condition);
        } catch (NoSuchTableException e) {
            throw new LakeException("table " + table + " does not exist", e);
        }
    }

    /** A table's snapshot: its id, when it was committed, and its summary (Iceberg's counts and the writer's own properties). */
    public record Snapshot(long id, long committedAtMillis, Map<String, String> summary) {
        public Snapshot {
            summary = Map.copyOf(summary);
        }
    }

    /**
     * The current snapshot of a table in the session's catalog, read from the table's metadata (no Spark job); empty when
     * the table is absent or has no snapshot yet.
     */
    public static Optional<Snapshot> latest(SparkSession spark, String table) {
        return iceberg(spark, table).map(t -> t.currentSnapshot()).map(Sparks::snapshot);
    }

    /** A snapshot of a table by id; empty when the table is absent or no longer has it (expired). */
    public static Optional<Snapshot> snapshot(SparkSession spark, String table, long id) {
        return iceberg(spark, table).map(t -> t.snapshot(id)).map(Sparks::snapshot);
    }

    /**
     * The snapshots of a table committed after one of its snapshots, newest first, up to its current snapshot; empty when
     * the table is absent or that snapshot is no ancestor of the current one (expired, or another branch).
     */
    public static Optional<List<Snapshot>> snapshotsAfter(SparkSession spark, String table, long ancestorId) {
        org.apache.iceberg.Table iceberg = iceberg(spark, table).orElse(null);
        if (iceberg == null) {
            return Optional.empty();
        }
        List<Snapshot> after = new java.util.ArrayList<>();
        org.apache.iceberg.Snapshot s = iceberg.currentSnapshot();
        for (; s != null; s = s.parentId() == null ? null : iceberg.snapshot(s.parentId())) {
            if (s.snapshotId() == ancestorId) {
                return Optional.of(after);
            }
            after.add(snapshot(s));
        }
        return Optional.empty();
    }

    /** A table property, e.g. {@link #KEY_PROPERTY}; empty when the table or the property is absent. */
    public static Optional<String> property(SparkSession spark, String table, String name) {
        return iceberg(spark, table).map(t -> t.properties().get(name));
    }

    /**
     * A table's partition fields as Spark DDL ({@code `day`}, {@code months(`day`)}), in the order of its partition spec;
     * fields dropped from the spec are left out.
     */
    public static List<String> partitioning(SparkSession spark, String table) {
        return iceberg(spark, table).map(t -> t.spec().fields().stream()
                .filter(f -> !f.transform().isVoid())
                .map(f -> {
                    String column = "`" + t.schema().findColumnName(f.sourceId()) + "`";
                    String transform = f.transform().toString();
                    return switch (transform) {
                        case "identity" -> column;
                        case "year", "month", "day", "hour" -> transform + "s(" + column + ")";
                        default -> transform + "(" + column + ")";
                    };
                })
                .toList()).orElse(List.of());
    }

    private static Snapshot snapshot(org.apache.iceberg.Snapshot snapshot) {
        return new Snapshot(snapshot.snapshotId(), snapshot.timestampMillis(), snapshot.summary());
    }

    /** The Iceberg table, refreshed; empty when absent. */
    private static Optional<org.apache.iceberg.Table> iceberg(SparkSession spark, String table) {
        // also loads the catalog into the session: Spark3Util resolves only a catalog the session has loaded, a new one has none
        if (!spark.catalog().tableExists(table)) {
            return Optional.empty();
        }
        String catalog = spark.conf().get("spark.sql.defaultCatalog");
        org.apache.iceberg.Table iceberg;
        try {
            iceberg = Spark3Util.loadIcebergTable(spark, catalog + "." + table);
        } catch (NoSuchTableException e) {
            return Optional.empty();
        } catch (ParseException e) {
            throw new LakeException("not a table name: " + table, e);
        }
        iceberg.refresh();
        return Optional.of(iceberg);
    }

    /** The current snapshot id of a table (its main branch). */
    public static long currentSnapshot(SparkSession spark, String table) {
        List<Row> main = spark.sql("SELECT snapshot_id FROM " + table + ".refs WHERE name = 'main'").collectAsList();
        if (main.isEmpty()) {
            throw new LakeException("table " + table + " has no snapshot yet");
        }
        return main.get(0).getLong(0);
    }

    /** A DATE value as a Spark row holds it (java.sql.Date, or LocalDate with the Java 8 datetime API); null stays null. */
    public static LocalDate date(Object value) {
        return value instanceof java.sql.Date sql ? sql.toLocalDate() : (LocalDate) value;
    }

    public static void createNamespace(SparkSession spark, String namespace) {
        spark.sql("CREATE NAMESPACE IF NOT EXISTS " + namespace);
    }
}
