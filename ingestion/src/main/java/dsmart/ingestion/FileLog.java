package dsmart.ingestion;

import static org.apache.spark.sql.functions.col;

import dsmart.lake.spark.Sparks;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * ops.files: every dropped file a run looked at, with its SHA-256, what became of it (loaded, or duplicate of a file
 * loaded before) and where it was archived. A file whose checksum was loaded once is never loaded again.
 */
final class FileLog {
    static final String TABLE = "ops.files";
    static final StructType SCHEMA = new StructType()
            .add("sha256", DataTypes.StringType, true)
            .add("feed", DataTypes.StringType, true)
            .add("file_name", DataTypes.StringType, true)
            .add("size_bytes", DataTypes.LongType, true)
            .add("status", DataTypes.StringType, true)
            .add("run_id", DataTypes.StringType, true)
            .add("rows_read", DataTypes.LongType, true)
            .add("rows_loaded", DataTypes.LongType, true)
            .add("rows_quarantined", DataTypes.LongType, true)
            .add("archived_to", DataTypes.StringType, true)
            .add("processed_at", DataTypes.TimestampType, true)
            .add("message", DataTypes.StringType, true);

    private FileLog() {}

    record Entry(String sha256, String feed, String fileName, long sizeBytes, String status, String runId, long rowsRead, long rowsLoaded,
            long rowsQuarantined, String archivedTo, Instant processedAt, String message) {}

    /** Checksum of every loaded file, to the file name and run that loaded it. */
    static Map<String, String> loaded(SparkSession spark) {
        Map<String, String> loaded = new HashMap<>();
        if (!spark.catalog().tableExists(TABLE)) {
            return loaded;
        }
        for (Row row : spark.table(TABLE).where(col("status").equalTo("loaded")).select("sha256", "file_name", "run_id").collectAsList()) {
            loaded.put(row.getString(0), row.getString(1) + " (run " + row.getString(2) + ")");
        }
        return loaded;
    }

    static void append(SparkSession spark, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        if (!spark.catalog().tableExists(TABLE)) {
            RawTables.create(spark, TABLE, SCHEMA);
        }
        List<Row> rows = entries.stream().map(e -> RowFactory.create(e.sha256(), e.feed(), e.fileName(), e.sizeBytes(), e.status(), e.runId(),
                e.rowsRead(), e.rowsLoaded(), e.rowsQuarantined(), e.archivedTo(), Timestamp.from(e.processedAt()), e.message())).toList();
        Sparks.append(spark.createDataFrame(rows, SCHEMA), TABLE);
    }
}
