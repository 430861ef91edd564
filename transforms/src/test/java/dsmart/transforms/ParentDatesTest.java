package dsmart.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Settings;
import dsmart.lake.spark.Sparks;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Order lines have no business date of their own: a changed line reaches back to its order's earliest date
 * ({@link ChangedInputs.DatedBy}). Orders 1 (ordered 2025-01-10, promised 2025-01-20) and 2 (2025-03-05); line 1/1.
 */
class ParentDatesTest {
    private static final String LINES = "raw.orders_order_lines";
    private static final ChangedInputs.DatedBy BY_ORDER = new ChangedInputs.DatedBy("order_id", "raw.orders_orders");
    private static final String META = ", updated_at TIMESTAMP, _op STRING, _ingested_at TIMESTAMP, _run_id STRING) USING iceberg";
    @TempDir
    Path dir;
    private SparkSession spark;
    private Sparks.Snapshot before;

    @BeforeEach
    void linesAndOrders() {
        spark = Sparks.session(Settings.builder().overrides(Map.of("data.dir", dir.toString())).build());
        Sparks.createNamespace(spark, "raw");
        spark.sql("CREATE TABLE raw.orders_orders (order_id BIGINT, ordered_at TIMESTAMP, delivery_promised_on DATE" + META);
        spark.sql("INSERT INTO raw.orders_orders VALUES "
                + "(1, TIMESTAMP '2025-01-10 04:00:00+00:00', DATE '2025-01-20', current_timestamp(), 'U', current_timestamp(), 'r1'), "
                + "(2, TIMESTAMP '2025-03-05 04:00:00+00:00', DATE '2025-03-09', current_timestamp(), 'U', current_timestamp(), 'r1')");
        spark.sql("CREATE TABLE " + LINES + " (order_id BIGINT, line_no INT, quantity INT" + META
                + " TBLPROPERTIES ('" + Sparks.KEY_PROPERTY + "'='order_id,line_no')");
        spark.sql("INSERT INTO " + LINES + " VALUES (1, 1, 5, current_timestamp(), 'U', TIMESTAMP '2025-01-01 00:00:00', 'r1')");
        before = Sparks.latest(spark, LINES).orElseThrow();
    }

    private void addLine(long order, int line) {
        spark.sql("INSERT INTO " + LINES + " VALUES (" + order + ", " + line + ", 1, current_timestamp(), 'U', current_timestamp(), 'r2')");
    }

    @Test
    void aNewLineReachesBackToItsOrdersDate() {
        addLine(2, 1);

        assertThat(ChangedInputs.rawSince(spark, LINES, before, BY_ORDER)).isEqualTo(Rebuild.from(LocalDate.parse("2025-03-05")));
    }

    @Test
    void linesOfSeveralOrdersReachBackToTheEarliestOrder() {
        addLine(2, 1);
        addLine(1, 2);

        assertThat(ChangedInputs.rawSince(spark, LINES, before, BY_ORDER)).isEqualTo(Rebuild.from(LocalDate.parse("2025-01-10")));
    }

    @Test
    void aLineWhoseOrderIsNotInTheLakeRebuildsEverything() {
        addLine(3, 1);

        Rebuild rebuild = ChangedInputs.rawSince(spark, LINES, before, BY_ORDER);

        assertThat(rebuild.isWhole()).isTrue();
        assertThat(rebuild.because()).contains("1 changed rows of raw.orders_order_lines have no dated row in raw.orders_orders");
    }

    @Test
    void withoutAParentAChangedLineRebuildsEverything() {
        addLine(2, 1);

        assertThat(ChangedInputs.rawSince(spark, LINES, before, null).because()).contains("has no business date");
    }

    @Test
    void aRestampedLineIsNoChange() {
        spark.sql("UPDATE " + LINES + " SET updated_at = current_timestamp(), _ingested_at = current_timestamp() WHERE order_id = 1");

        assertThat(ChangedInputs.rawSince(spark, LINES, before, BY_ORDER)).isEqualTo(Rebuild.NOTHING);
    }
}
