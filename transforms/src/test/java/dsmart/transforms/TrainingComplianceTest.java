package dsmart.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Progress;
import dsmart.lake.Settings;
import dsmart.lake.spark.Sparks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-made reps, training records and orders (times 04:00 UTC, the same Shanghai day); minimum induction 5 days.
 * <pre>
 * rep 1 hired 2024-01-01, induction 2024-01-02..01-08 (7 days) passed 01-09; order 5 on 2025-01-15
 *       internal 2025-01-20 8.0 h, online 2025-02-05 2.0 h, external 2025-04-10 16.0 h
 * rep 2 hired 2025-01-06, induction 01-06..01-08 (3 days: too short) passed 01-10;
 *       order 1 on 01-10 (the day it passed: not after it → breach), order 2 on 01-11, order 3 on 01-09 cancelled;
 *       online 2025-03-01 1.5 h
 * rep 3 hired 2025-02-10, induction 02-10..02-14 (5 days: enough), not passed; order 4 on 02-20 → breach
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainingComplianceTest {
    private SparkSession spark;

    private void table(String name, String columns, String values) {
        spark.sql("CREATE TABLE raw." + name + " USING iceberg AS SELECT *, 'U' AS _op, current_timestamp() AS _ingested_at, "
                + "'r1' AS _run_id FROM VALUES " + values + " AS t(" + columns + ")");
    }

    private static String training(int id, int rep, String type, String start, String end, String hours, String passed) {
        return "(" + id + "L, " + rep + "L, '" + type + "', '课程', DATE '" + start + "', DATE '" + end + "', CAST(" + hours
                + " AS DECIMAL(6,1)), " + (passed == null ? "CAST(NULL AS STRING), CAST(NULL AS DATE)" : "'passed', DATE '" + passed + "'")
                + ", TIMESTAMP '2025-06-01 00:00:00+00:00')";
    }

    private static String order(int id, int rep, String day, String status) {
        return "(" + id + "L, 'SO" + id + "', 1L, " + rep + "L, 'phone', TIMESTAMP '" + day + " 04:00:00+00:00', '" + status
                + "', CAST(10.00 AS DECIMAL(18,2)), TIMESTAMP '2025-06-01 00:00:00+00:00')";
    }

    @BeforeAll
    void transform(@TempDir Path dir) {
        Settings settings = Settings.builder().overrides(Map.of("data.dir", dir.toString(), "training.induction.min.days", "5")).build();
        spark = Sparks.session(settings);
        Sparks.createNamespace(spark, "raw");
        String t = "TIMESTAMP '2025-06-01 00:00:00+00:00'";
        table("crm_reps", "rep_id, rep_name, team_id, position_level, hired_on, left_on, status, deleted, updated_at",
                "(1L, '张伟', 10L, 'rep', DATE '2024-01-01', CAST(NULL AS DATE), 'active', false, " + t + "), "
                        + "(2L, '李娜', 10L, 'rep', DATE '2025-01-06', NULL, 'active', false, " + t + "), "
                        + "(3L, '王芳', 10L, 'rep', DATE '2025-02-10', NULL, 'active', false, " + t + ")");
        table("crm_training_records", "training_id, rep_id, training_type, course_name, start_date, end_date, hours, assessment_result, "
                + "assessment_passed_on, updated_at", String.join(", ",
                training(1, 1, "induction", "2024-01-02", "2024-01-08", "56.0", "2024-01-09"),
                training(2, 2, "induction", "2025-01-06", "2025-01-08", "24.0", "2025-01-10"),
                training(3, 3, "induction", "2025-02-10", "2025-02-14", "40.0", null),
                training(4, 1, "internal", "2025-01-20", "2025-01-20", "8.0", null),
                training(5, 1, "online", "2025-02-05", "2025-02-05", "2.0", null),
                training(6, 1, "external", "2025-04-10", "2025-04-11", "16.0", null),
                training(7, 2, "online", "2025-03-01", "2025-03-01", "1.5", null)));
        table("orders_orders", "order_id, order_no, customer_id, rep_id, channel, ordered_at, status, amount, updated_at", String.join(", ",
                order(1, 2, "2025-01-10", "confirmed"), order(2, 2, "2025-01-11", "confirmed"), order(3, 2, "2025-01-09", "cancelled"),
                order(4, 3, "2025-02-20", "confirmed"), order(5, 1, "2025-01-15", "confirmed")));
        Transforms.run(settings, Progress.silent("test"));
    }

    private List<String> rows(String sql) {
        return spark.sql(sql).collectAsList().stream().map(r -> r.mkString("|")).toList();
    }

    @Test
    void findingsFollowTheBreachDefinitions() {
        // order 1 on the day the induction was passed ("not after"), order 4 of a rep not passed; rep 2's 3-day induction
        assertThat(rows("SELECT rule_id, entity, entity_id, rep_id, occurred_on FROM mart.training_findings ORDER BY rule_id, entity_id"))
                .containsExactly(
                        "induction_too_short|crm.training_records|2|2|2025-01-08",
                        "sale_before_induction_passed|orders.orders|1|2|2025-01-10",
                        "sale_before_induction_passed|orders.orders|4|3|2025-02-20");
    }

    @Test
    void quarterRowsCarryInductionFactsEarlySalesAndRecurringHours() {
        // Q1 2025: rep 1 internal 8.0 + online 2.0 = 10.0 in 2 sessions; rep 2 online 1.5, one early sale, induction 3 days (too
        // short); rep 3 (hired in February) one early sale, 5 days (not too short), not passed
        assertThat(rows("SELECT rep_id, induction_days, induction_passed_on, induction_too_short, sales_before_induction, hours_internal, "
                + "hours_external, hours_online, hours_recurring, sessions FROM mart.training_compliance WHERE period_type = 'quarter' "
                + "AND period_start = DATE '2025-01-01' ORDER BY rep_id")).containsExactly(
                "1|7|2024-01-09|false|0|8.0|0.0|2.0|10.0|2",
                "2|3|2025-01-10|true|1|0.0|0.0|1.5|1.5|1",
                "3|5|null|false|1|0.0|0.0|0.0|0.0|0");
    }

    @Test
    void yearsAddUpTheirQuarters() {
        // 2025: rep 1 10.0 + 16.0 (external, Q2) = 26.0 in 3 sessions; every rep employed in Q2 has a row, zeros if idle
        assertThat(rows("SELECT rep_id, hours_recurring, sessions, sales_before_induction FROM mart.training_compliance "
                + "WHERE period_type = 'year' ORDER BY rep_id")).containsExactly("1|26.0|3|0", "2|1.5|1|1", "3|0.0|0|1");
        assertThat(rows("SELECT rep_id, hours_external FROM mart.training_compliance WHERE period_type = 'quarter' "
                + "AND period_start = DATE '2025-04-01' ORDER BY rep_id")).containsExactly("1|16.0", "2|0.0", "3|0.0");
    }
}
