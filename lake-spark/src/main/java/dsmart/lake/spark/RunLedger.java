package dsmart.lake.spark;

import static java.util.Objects.requireNonNull;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** ops.runs: one row per stage run and table, written when the step ends, failed or not. */
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
            .add("message", DataTypes.StringType, true);

    private RunLedger() {}

    /** A run of one stage on one target table (or "*" for the whole stage). */
    public record Entry(String runId, String stage, String target, Instant started, Instant finished, String status,
            long rowsRead, long rowsWritten, Long snapshotId, String message) {
        public Entry {
            requireNonNull(runId, "runId");
            requireNonNull(stage, "stage");
            requireNonNull(target, "target");
            requireNonNull(started, "started");
            requireNonNull(finished, "finished");
            requireNonNull(status, "status");
        }
    }

    public static String newRunId() {
        return RUN_ID.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static void record(SparkSession spark, List<Entry> entries) {
        Sparks.createNamespace(spark, "ops");
        spark.sql("CREATE TABLE IF NOT EXISTS " + TABLE + " (run_id STRING NOT NULL, stage STRING NOT NULL, target STRING NOT NULL, "
                + "started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP NOT NULL, status STRING NOT NULL, rows_read BIGINT NOT NULL, "
                + "rows_written BIGINT NOT NULL, snapshot_id BIGINT, message STRING) USING iceberg");
        List<Row> rows = entries.stream()
                .map(e -> RowFactory.create(e.runId(), e.stage(), e.target(), Timestamp.from(e.started()), Timestamp.from(e.finished()),
                        e.status(), e.rowsRead(), e.rowsWritten(), e.snapshotId(), e.message()))
                .toList();
        Sparks.append(spark.createDataFrame(rows, SCHEMA), TABLE);
    }
}
