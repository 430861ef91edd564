package dsmart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Settings;
import dsmart.lake.spark.Sparks;
import dsmart.serving.EmbeddedEngine;
import dsmart.serving.MartQuery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded engine reads a merge-on-read table (raw tables are) as Spark does: position-deleted rows are gone. */
class MergeOnReadServingTest {
    @TempDir
    Path dir;

    @Test
    void positionDeletesWrittenBySparkAreAppliedByTheEmbeddedEngine() {
        Settings settings = Settings.builder().overrides(Map.of("data.dir", dir.toString())).build();
        SparkSession spark = Sparks.session(settings);
        Sparks.createNamespace(spark, "raw");
        spark.sql("CREATE TABLE raw.mor (id BIGINT, status STRING) USING iceberg TBLPROPERTIES ('format-version'='2', "
                + "'write.merge.mode'='merge-on-read', 'write.delete.mode'='merge-on-read', 'write.update.mode'='merge-on-read')");
        spark.sql("INSERT INTO raw.mor SELECT id, 'new' FROM range(1, 11)");
        spark.sql("INSERT INTO raw.mor SELECT id, 'new' FROM range(11, 21)");
        spark.sql("MERGE INTO raw.mor t USING (SELECT 5L AS id, 'shipped' AS status UNION ALL SELECT 21L, 'new') s ON t.id = s.id "
                + "WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
        spark.sql("DELETE FROM raw.mor WHERE id IN (2, 15)");
        assertThat(spark.sql("SELECT count(*) FROM raw.mor.files WHERE content = 1").first().getLong(0)).isGreaterThan(0);
        List<String> expected = new ArrayList<>();
        for (Row row : spark.sql("SELECT id, status FROM raw.mor ORDER BY id").collectAsList()) {
            expected.add(row.getLong(0) + "|" + row.getString(1));
        }
        assertThat(expected).hasSize(19).contains("5|shipped").doesNotContain("2|new", "15|new", "5|new");

        try (MartQuery port = EmbeddedEngine.open(settings)) {
            List<String> served = new ArrayList<>();
            for (List<Object> row : port.query("SELECT id, status FROM raw.mor ORDER BY id").rows()) {
                served.add(row.get(0) + "|" + row.get(1));
            }
            assertThat(served).isEqualTo(expected);
        }
    }
}
