package dsmart.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Progress;
import dsmart.lake.Settings;
import dsmart.lake.spark.Sparks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-made CRM and order tables: team 10 (EAST) with reps 1 and 2; products 1 (家电, cost 10.00) and
 * 2 (食品, cost 2.50). Times are UTC noon-ish, so the Shanghai business date is the same day.
 * <pre>
 * order 1  rep 1 customer 1 phone  2025-01-10  product 1 × 3 = 60.00  (profit 60 − 3×10   = 30.00)
 * order 2  rep 2 customer 2 online 2025-01-12  product 2 × 4 = 20.00  (profit 20 − 4×2.50 = 10.00)
 * order 3  rep 1 customer 1 phone  2025-02-05  product 2 × 2 = 10.00  (profit 10 − 2×2.50 =  5.00)
 * return 1 of order 1, received 2025-02-20: product 1 × 2 = 40.00   (profit reversed −(40 − 2×10) = −20.00)
 * quotas: rep 1 Jan 80.00, Feb 20.00; rep 2 Feb 50.00 (none in Jan)
 * surveys of rep 1 answered in Jan: 4 and 5; one sent but unanswered (not counted)
 * </pre>
 */
class SalesKpiTest {
    @TempDir
    Path dir;
    private SparkSession spark;
    private Settings settings;

    private void table(String name, String columns, String values) {
        spark.sql("CREATE TABLE raw." + name + " USING iceberg AS SELECT *, 'U' AS _op, current_timestamp() AS _ingested_at, "
                + "'r1' AS _run_id FROM VALUES " + values + " AS t(" + columns + ")");
    }

    private static String ts(String utc) {
        return "TIMESTAMP '" + utc + "+00:00'";
    }

    @BeforeEach
    void rawTables() {
        settings = Settings.builder().overrides(Map.of("data.dir", dir.toString())).build();
        spark = Sparks.session(settings);
        Sparks.createNamespace(spark, "raw");
        String t = ts("2025-03-01 00:00:00");
        table("crm_regions", "region_code, region_name, updated_at", "('EAST', '华东', " + t + ")");
        table("crm_teams", "team_id, team_name, region_code, updated_at", "(10L, '华东一组', 'EAST', " + t + ")");
        table("crm_reps", "rep_id, rep_name, team_id, position_level, hired_on, left_on, status, deleted, updated_at",
                "(1L, '张伟', 10L, 'rep', DATE '2024-01-01', CAST(NULL AS DATE), 'active', false, " + t + "), "
                        + "(2L, '李娜', 10L, 'rep', DATE '2024-06-01', CAST(NULL AS DATE), 'active', false, " + t + ")");
        table("crm_customers", "customer_id, customer_name, region_code, owner_rep_id, customer_type, created_at, updated_at, deleted",
                "(1L, '上海华信贸易有限公司', 'EAST', 1L, 'business', " + t + ", " + t + ", false), "
                        + "(2L, '杭州金鼎实业有限公司', 'EAST', 2L, 'business', " + t + ", " + t + ", false)");
        table("orders_products", "product_id, product_name, category, unit_cost, list_price, updated_at",
                "(1L, '净水器', '家电', CAST(10.00 AS DECIMAL(18,2)), CAST(20.00 AS DECIMAL(18,2)), " + t + "), "
                        + "(2L, '蜂蜜', '食品', CAST(2.50 AS DECIMAL(18,2)), CAST(5.00 AS DECIMAL(18,2)), " + t + ")");
        table("orders_orders", "order_id, order_no, customer_id, rep_id, channel, ordered_at, status, amount, updated_at",
                "(1L, 'SO1', 1L, 1L, 'phone', " + ts("2025-01-10 04:00:00") + ", 'confirmed', CAST(60.00 AS DECIMAL(18,2)), " + t + "), "
                        + "(2L, 'SO2', 2L, 2L, 'online', " + ts("2025-01-12 04:00:00") + ", 'confirmed', 20.00, " + t + "), "
                        + "(3L, 'SO3', 1L, 1L, 'phone', " + ts("2025-02-05 04:00:00") + ", 'confirmed', 10.00, " + t + ")");
        table("orders_order_lines", "order_id, line_no, product_id, quantity, unit_price, discount, line_amount, updated_at",
                "(1L, 1, 1L, 3, CAST(20.00 AS DECIMAL(18,2)), CAST(0.00 AS DECIMAL(18,2)), CAST(60.00 AS DECIMAL(18,2)), " + t + "), "
                        + "(2L, 1, 2L, 4, 5.00, 0.00, 20.00, " + t + "), (3L, 1, 2L, 2, 5.00, 0.00, 10.00, " + t + ")");
        table("orders_order_returns", "return_id, return_no, order_id, customer_id, requested_at, received_at, reason, amount, status, updated_at",
                "(1L, 'RT1', 1L, 1L, " + ts("2025-02-15 04:00:00") + ", " + ts("2025-02-20 04:00:00") + ", '质量问题', "
                        + "CAST(40.00 AS DECIMAL(18,2)), 'received', " + t + ")");
        table("orders_order_return_lines", "return_id, line_no, order_id, order_line_no, product_id, quantity, amount, updated_at",
                "(1L, 1, 1L, 1, 1L, 2, CAST(40.00 AS DECIMAL(18,2)), " + t + ")");
        table("crm_quotas", "quota_id, rep_id, quota_month, amount, updated_at",
                "(1L, 1L, DATE '2025-01-01', CAST(80.00 AS DECIMAL(18,2)), " + t + "), (2L, 1L, DATE '2025-02-01', 20.00, " + t + "), "
                        + "(3L, 2L, DATE '2025-02-01', 50.00, " + t + ")");
        table("crm_satisfaction_surveys", "survey_id, customer_id, rep_id, order_id, survey_type, sent_at, answered_at, score, updated_at",
                "(1L, 1L, 1L, 1L, 'post_delivery', " + ts("2025-01-13 04:00:00") + ", " + ts("2025-01-15 04:00:00") + ", 4, " + t + "), "
                        + "(2L, 2L, 1L, 1L, 'post_delivery', " + ts("2025-01-14 04:00:00") + ", " + ts("2025-01-20 04:00:00") + ", 5, " + t + "), "
                        + "(3L, 1L, 1L, 1L, 'post_delivery', " + ts("2025-01-16 04:00:00") + ", CAST(NULL AS TIMESTAMP), CAST(NULL AS INT), " + t + ")");
    }

    private List<String> kpis(String where) {
        Transforms.run(settings, Progress.silent("test"));
        return spark.sql("SELECT rep_id, gross_sales, returns, net_sales, gross_profit, orders, new_customers, survey_responses, "
                + "satisfaction_avg, quota, completion_rate FROM mart.sales_kpi WHERE " + where + " ORDER BY rep_id")
                .collectAsList().stream().map(r -> r.mkString("|")).toList();
    }

    @Test
    void idleRepGetsARowOfZeros() {
        // rep 2 sells nothing in February: zeros, its quota 50.00, completion 0 / 50 = 0
        assertThat(kpis("level = 'rep' AND period_type = 'month' AND period_start = DATE '2025-02-01' AND rep_id = 2"))
                .containsExactly("2|0.00|0.00|0.00|0.00|0|0|0|null|50.00|0.0000");
    }

    @Test
    void returnsLargerThanPurchasesGiveNegativeNetSales() {
        // rep 1 in February: sold 10.00, customer 1 returned 40.00 of January's goods: net 10 − 40 = −30.00;
        // profit 5.00 − 20.00 = −15.00; completion −30 / 20 = −1.5
        assertThat(kpis("level = 'rep' AND period_type = 'month' AND period_start = DATE '2025-02-01' AND rep_id = 1"))
                .containsExactly("1|10.00|40.00|-30.00|-15.00|1|0|0|null|20.00|-1.5000");
    }

    @Test
    void quotaCompletionAndSatisfactionPerRepMonth() {
        // January: rep 1 net 60.00 against quota 80.00 → 0.75; surveys (4 + 5) / 2 = 4.50, 2 responses; 1 new customer.
        // rep 2 has no quota in January → quota and completion null
        assertThat(kpis("level = 'rep' AND period_type = 'month' AND period_start = DATE '2025-01-01'")).containsExactly(
                "1|60.00|0.00|60.00|30.00|1|1|2|4.50|80.00|0.7500",
                "2|20.00|0.00|20.00|10.00|1|1|0|null|null|null");
    }

    @Test
    void satisfactionIsRoundedHalfUpFromTheExactAverage() {
        // rep 2 in February: 39 answers of 4 and one of 5, 161 / 40 = 4.025 exactly → 4.03 (as a DOUBLE, 4.02499…)
        StringBuilder surveys = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            surveys.append(i == 0 ? "" : ", ").append("(").append(100 + i).append("L, 2L, 2L, 2L, 'post_delivery', ")
                    .append(ts("2025-02-10 04:00:00")).append(", ").append(ts("2025-02-11 04:00:00")).append(", ").append(i == 0 ? 5 : 4)
                    .append(", ").append(ts("2025-03-01 00:00:00")).append(", 'U', current_timestamp(), 'r1')");
        }
        spark.sql("INSERT INTO raw.crm_satisfaction_surveys VALUES " + surveys);

        assertThat(kpis("level = 'rep' AND period_type = 'month' AND period_start = DATE '2025-02-01' AND rep_id = 2"))
                .singleElement().satisfies(row -> assertThat(row.split("\\|")[7] + "|" + row.split("\\|")[8]).isEqualTo("40|4.03"));
    }

    @Test
    void companyQuarterRollsUpEveryRepMonth() {
        // gross 60 + 20 + 10 = 90, returns 40, net 50; profit 30 + 10 + 5 − 20 = 25; 3 orders, 2 new customers;
        // quota 80 + 20 + 50 = 150 → completion 50 / 150 = 0.3333
        assertThat(kpis("level = 'company' AND period_type = 'quarter'")).containsExactly(
                "null|90.00|40.00|50.00|25.00|3|2|2|4.50|150.00|0.3333");
    }

    @Test
    void channelCategoryDetailSplitsSalesAndReturns() {
        Transforms.run(settings, Progress.silent("test"));
        // rep 1 February: 食品 sold 10.00 by phone; 家电 returned 40.00 (profit −20.00), its order was January's
        assertThat(spark.sql("SELECT channel, category, gross_sales, returns, net_sales, gross_profit, orders FROM mart.sales_kpi "
                + "WHERE level = 'rep_channel_category' AND rep_id = 1 AND period_start = DATE '2025-02-01' ORDER BY category")
                .collectAsList().stream().map(r -> r.mkString("|")).toList()).containsExactly(
                "phone|家电|0.00|40.00|-40.00|-20.00|0",
                "phone|食品|10.00|0.00|10.00|5.00|1");
    }
}
