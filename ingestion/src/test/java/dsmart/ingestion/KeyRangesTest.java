package dsmart.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.apache.spark.sql.functions.col;

import dsmart.lake.Settings;
import dsmart.lake.spark.Sparks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRangesTest {
    private static final KeyRanges RANGES = new KeyRanges(List.of(10L, 20L, 35L));

    @TempDir
    Path dir;

    @Test
    void aKeyFallsInTheRangeWhoseLowerBoundItReaches() {
        assertThat(List.of(-5L, 9L, 10L, 19L, 20L, 34L, 35L, 1000L).stream().map(RANGES::of)).containsExactly(0, 0, 1, 1, 2, 2, 3, 3);
        assertThat(RANGES.span(0)).isEqualTo(new KeyRanges.Span(Long.MIN_VALUE, 10));
        assertThat(RANGES.span(3)).isEqualTo(new KeyRanges.Span(35, Long.MAX_VALUE));
    }

    @Test
    void boundsThatDoNotAscendAreRefusedWithTheirValues() {
        assertThatThrownBy(() -> new KeyRanges(List.of(10L, 10L))).hasMessageContaining("[10, 10]");
    }

    @Test
    void sparkAndTheSourceSqlPlaceEveryKeyAsJavaDoes() {
        SparkSession spark = Sparks.session(Settings.builder().overrides(Map.of("data.dir", dir.toString())).build());
        List<KeyRanges.Span> within = List.of(RANGES.span(1), RANGES.span(3));
        List<Row> rows = spark.range(-3, 50).select(col("id"), RANGES.of(col("id")).as("by_column"),
                KeyRanges.within(col("id"), within).as("within_column")).selectExpr("id", "by_column", "within_column",
                KeyRanges.withinSql("id", within) + " AS within_sql").collectAsList();

        assertThat(rows).hasSize(53).allSatisfy(row -> {
            long key = row.getLong(0);
            assertThat(row.getInt(1)).as("range of %d in Spark", key).isEqualTo(RANGES.of(key));
            boolean inside = (key >= 10 && key < 20) || key >= 35;
            assertThat(row.getBoolean(2)).as("%d within, Spark", key).isEqualTo(inside);
            assertThat(row.getBoolean(3)).as("%d within, SQL", key).isEqualTo(inside);
        });
    }
}
