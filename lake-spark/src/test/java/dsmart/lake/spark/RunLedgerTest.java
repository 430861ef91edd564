package dsmart.lake.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Settings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLedgerTest {
    @TempDir
    Path dir;

    @Test
    void anOlderLedgerGainsTheIngestionColumnsAndKeepsItsRows() {
        SparkSession spark = Sparks.session(Settings.builder().overrides(Map.of("data.dir", dir.toString())).build());
        Sparks.createNamespace(spark, "ops");
        spark.sql("CREATE TABLE ops.runs (run_id STRING NOT NULL, stage STRING NOT NULL, target STRING NOT NULL, "
                + "started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP NOT NULL, status STRING NOT NULL, rows_read BIGINT NOT NULL, "
                + "rows_written BIGINT NOT NULL, snapshot_id BIGINT, message STRING) USING iceberg");
        spark.sql("INSERT INTO ops.runs VALUES ('old', 'transform', 'mart.x', TIMESTAMP '2025-01-01 00:00:00', "
                + "TIMESTAMP '2025-01-01 00:00:01', 'ok', 0, 3, 7, NULL)");
        Instant started = Instant.parse("2025-03-01T00:00:00Z");
        RunLedger.record(spark, List.of(new RunLedger.Entry("new", "ingest", "raw.a", started, started.plusMillis(1500), "ok", 10, 8, 1L,
                null, new RunLedger.Detail("incremental", 2L, 5L, 1L, 0L, 2L, "2025-02-01 00:00:00", "2025-02-28 00:00:00"))));
        List<Row> rows = spark.sql("SELECT run_id, rows_inserted, rows_quarantined, cursor_after, duration_ms, mode FROM ops.runs ORDER BY run_id")
                .collectAsList();
        // every data file carries every column (readers of plain Parquet files see one schema)
        assertThat(spark.sql("SELECT file_path FROM " + RunLedger.TABLE + ".files").collectAsList()).hasSize(2)
                .allSatisfy(file -> assertThat(spark.read().parquet(file.getString(0)).columns()).contains("mode", "duration_ms"));
        assertThat(rows).extracting(Row::mkString).containsExactly(
                "new" + "2" + "2" + "2025-02-28 00:00:00" + "1500" + "incremental",
                "old" + "null" + "null" + "null" + "null" + "null");
    }
}
