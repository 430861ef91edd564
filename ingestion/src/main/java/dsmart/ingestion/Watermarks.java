package dsmart.ingestion;

import dsmart.lake.spark.Sparks;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * ops.watermarks: per raw table, the cursor column and the highest cursor value read so far, and when its keys were
 * last compared with the source (hard-delete check). Written once per run, at its end; a failed run leaves it as it was.
 */
final class Watermarks {
    static final String TABLE = "ops.watermarks";
    static final StructType SCHEMA = new StructType()
            .add("target", DataTypes.StringType, true)
            .add("source", DataTypes.StringType, true)
            .add("cursor_column", DataTypes.StringType, true)
            .add("cursor_value", DataTypes.StringType, true)
            .add("keys_checked_at", DataTypes.TimestampType, true)
            .add("run_id", DataTypes.StringType, true)
            .add("updated_at", DataTypes.TimestampType, true);

    private Watermarks() {}

    record Mark(String target, String source, String cursorColumn, String cursorValue, Instant keysCheckedAt, String runId, Instant updatedAt) {}

    static Map<String, Mark> read(SparkSession spark) {
        Map<String, Mark> marks = new TreeMap<>();
        if (!spark.catalog().tableExists(TABLE)) {
            return marks;
        }
        for (Row row : spark.table(TABLE).collectAsList()) {
            Timestamp checked = row.getAs("keys_checked_at");
            Timestamp updated = row.getAs("updated_at");
            Mark mark = new Mark(row.getAs("target"), row.getAs("source"), row.getAs("cursor_column"), row.getAs("cursor_value"),
                    checked == null ? null : checked.toInstant(), row.getAs("run_id"), updated == null ? null : updated.toInstant());
            marks.put(mark.target(), mark);
        }
        return marks;
    }

    /** Replaces the marks of the given targets, keeping the others; one snapshot. */
    static void write(SparkSession spark, Map<String, Mark> current, List<Mark> updates) {
        if (updates.isEmpty()) {
            return;
        }
        Map<String, Mark> all = new LinkedHashMap<>(current);
        updates.forEach(m -> all.put(m.target(), m));
        if (!spark.catalog().tableExists(TABLE)) {
            RawTables.create(spark, TABLE, SCHEMA);
        }
        List<Row> rows = all.values().stream().map(m -> RowFactory.create(m.target(), m.source(), m.cursorColumn(), m.cursorValue(),
                m.keysCheckedAt() == null ? null : Timestamp.from(m.keysCheckedAt()), m.runId(),
                m.updatedAt() == null ? null : Timestamp.from(m.updatedAt()))).toList();
        Sparks.replaceAll(spark.createDataFrame(rows, SCHEMA), TABLE);
    }
}
