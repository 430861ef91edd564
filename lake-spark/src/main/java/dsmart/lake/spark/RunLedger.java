package dsmart.lake.spark;

import static java.util.Objects.requireNonNull;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * ops.runs: one row per stage run and table, written when the step ends, failed or not. The first ten
 * columns are common to every stage (what {@code dsmart status} shows); the others are filled by stages
 * that have them (ingestion: mode, rows inserted/updated/deleted/unchanged/quarantined, cursor before and
 * after) and null otherwise. An older ops.runs without them gets them added on the next write.
 */
public final class RunLedger {
    public static final String TABLE = "ops.runs";
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
    private static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("stage", DataTypes.StringType, false)
            .add("target", DataTypes.StringType, false)
            .add("started_at", DataTypes.TimestampType, false)
            .add("finished_at", DataTypes.TimestampType, false)
            .add("status", DataTypes.StringType, false)
            .add("rows_read", DataTypes.LongType, false)
            .add("rows_written", DataTypes.LongType, false)
            .add("snapshot_id", DataTypes.LongType, true)
            .add("message", DataTypes.StringType, true)
            // added for ingestion (issue 3); nullable so that older ledgers evolve
            .add("mode", DataTypes.StringType, true)
            .add("rows_inserted", DataTypes.LongType, true)
            .add("rows_updated", DataTypes.LongType, true)
            .add("rows_deleted", DataTypes.LongType, true)
            .add("rows_unchanged", DataTypes.LongType, true)
            .add("rows_quarantined", DataTypes.LongType, true)
            .add("cursor_before", DataTypes.StringType, true)
            .add("cursor_after", DataTypes.StringType, true)
            .add("duration_ms", DataTypes.LongType, true);
    private static final Set<String> BASE_COLUMNS = Set.of("run_id", "stage", "target", "started_at", "finished_at", "status",
            "rows_read", "rows_written", "snapshot_id", "message");

    private RunLedger() {}

    /** What an ingestion step did beyond rows read and written; any field may be null. */
    public record Detail(String mode, Long inserted, Long updated, Long deleted, Long unchanged, Long quarantined,
            String cursorBefore, String cursorAfter) {}

    /** A run of one stage on one target table (or "*" for the whole stage). */
    public record Entry(String runId, String stage, String target, Instant started, Instant finished, String status,
            long rowsRead, long rowsWritten, Long snapshotId, String message, Detail detail) {
        public Entry {
            requireNonNull(runId, "runId");
            requireNonNull(stage, "stage");
            requireNonNull(target, "target");
            requireNonNull(started, "started");
            requireNonNull(finished, "finished");
            requireNonNull(status, "status");
        }

        /** An entry without ingestion detail. */
        public Entry(String runId, String stage, String target, Instant started, Instant finished, String status,
                long rowsRead, long rowsWritten, Long snapshotId, String message) {
            this(runId, stage, target, started, finished, status, rowsRead, rowsWritten, snapshotId, message, null);
        }
    }

    public static String newRunId() {
        return RUN_ID.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates ops.runs, or adds the columns an older ops.runs lacks. */
    public static void ensureTable(SparkSession spark) {
        Sparks.createNamespace(spark, "ops");
        String columns = java.util.Arrays.stream(SCHEMA.fields())
                .map(f -> f.name() + " " + f.dataType().sql() + (f.nullable() ? "" : " NOT NULL"))
                .collect(Collectors.joining(", "));
        spark.sql("CREATE TABLE IF NOT EXISTS " + TABLE + " (" + columns + ") USING iceberg");
        Set<String> present = Set.of(spark.table(TABLE).columns());
        Map<String, String> missing = new LinkedHashMap<>();
        for (StructField field : SCHEMA.fields()) {
            if (!present.contains(field.name()) && !BASE_COLUMNS.contains(field.name())) {
                missing.put(field.name(), field.dataType().sql());
            }
        }
        if (!missing.isEmpty()) {
            spark.sql("ALTER TABLE " + TABLE + " ADD COLUMNS (" + missing.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")");
            // Rewrite the (small) ledger so every data file has every column: readers that take Parquet files as they
            // are (the embedded serving engine) then see one schema.
            spark.catalog().refreshTable(TABLE);
            Sparks.replaceAll(spark.table(TABLE).localCheckpoint(), TABLE);
        }
    }

    public static void record(SparkSession spark, List<Entry> entries) {
        ensureTable(spark);
        List<Row> rows = entries.stream().map(RunLedger::row).toList();
        Sparks.append(spark.createDataFrame(rows, SCHEMA), TABLE);
    }

    private static Row row(Entry e) {
        Detail d = e.detail() == null ? new Detail(null, null, null, null, null, null, null, null) : e.detail();
        return RowFactory.create(e.runId(), e.stage(), e.target(), Timestamp.from(e.started()), Timestamp.from(e.finished()),
                e.status(), e.rowsRead(), e.rowsWritten(), e.snapshotId(), e.message(),
                d.mode(), d.inserted(), d.updated(), d.deleted(), d.unchanged(), d.quarantined(), d.cursorBefore(), d.cursorAfter(),
                Duration.between(e.started(), e.finished()).toMillis());
    }
}
