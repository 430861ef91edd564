package dsmart.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Progress;
import dsmart.lake.Settings;
import dsmart.lake.spark.Sparks;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-made CRM and order tables, one transform run for all tests. Team 10 (reps 1, 2, 3) and team 20 (rep 4), all
 * hired 2024. Rep 3 is a rep until 2025-02-14 and a senior rep from 2025-02-15; rep 4 has no position history
 * (its current level, rep, applies). Products 1 (cost 10.00) and 2 (cost 2.50). Times 04:00 UTC (same Shanghai day).
 * <pre>
 * Jan  order 1 rep 1 customer 1: product 1 × 3 = 60.00 (profit 30.00), quota 60.00, survey score 5
 *      order 2 rep 2 customer 2: product 1 × 3 = 60.00 (profit 30.00), quota 60.00, survey score 5
 *      order 5 rep 4 customer 4: product 1 × 3 = 60.00 (profit 30.00), quota 100.00, no survey
 *      rep 3: nothing
 * Feb  order 3 rep 1 customer 1: product 2 × 2 = 10.00 (profit 5.00), quota 20.00;
 *      return of order 1 received 02-20: product 1 × 2 = 40.00 (profit −20.00)  → rep 1 net −30.00, profit −15.00
 *      order 4 rep 3 customer 3: product 1 × 5 = 100.00 (profit 50.00), no quota
 *      rep 2: nothing, quota 50.00; rep 4: nothing, no quota
 * </pre>
 * Settings: full marks sales 100, profit 50, new customers 2, completion cap 100 %; weights (sales/profit/new/
 * satisfaction/completion) rep 40/20/20/10/10 from 2025-01, rep 20/20/20/20/20 from 2025-02 (the mid-year change),
 * senior_rep 50/20/10/10/10 from 2025-01; annual = mean of the monthly totals, award candidates from 2 months.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepScorecardTest {
    private SparkSession spark;

    private void table(String name, String columns, String values) {
        spark.sql("CREATE TABLE raw." + name + " USING iceberg AS SELECT *, 'U' AS _op, current_timestamp() AS _ingested_at, "
                + "'r1' AS _run_id FROM VALUES " + values + " AS t(" + columns + ")");
    }

    private static String ts(String utc) {
        return "TIMESTAMP '" + utc + "+00:00'";
    }

    private static String money(String amount) {
        return "CAST(" + amount + " AS DECIMAL(18,2))";
    }

    @BeforeAll
    void transform(@TempDir Path dir) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("data.dir", dir.toString());
        overrides.put("scorecard.full.sales", "100");
        overrides.put("scorecard.full.profit", "50");
        overrides.put("scorecard.full.new.customers", "2");
        overrides.put("scorecard.completion.cap", "100");
        overrides.put("scorecard.weights", "2025-01-01:rep:40/20/20/10/10, 2025-02-01:rep:20/20/20/20/20, 2025-01-01:senior_rep:50/20/10/10/10");
        overrides.put("scorecard.annual.method", "mean");
        overrides.put("scorecard.annual.min.months", "2");
        Settings settings = Settings.builder().overrides(overrides).build();
        spark = Sparks.session(settings);
        Sparks.createNamespace(spark, "raw");
        String t = ts("2025-03-01 00:00:00");
        table("crm_regions", "region_code, region_name, updated_at", "('EAST', '华东', " + t + ")");
        table("crm_teams", "team_id, team_name, region_code, updated_at", "(10L, '华东一组', 'EAST', " + t + "), (20L, '华东二组', 'EAST', " + t + ")");
        StringBuilder reps = new StringBuilder();
        for (int r = 1; r <= 4; r++) {
            reps.append(r == 1 ? "" : ", ").append("(" + r + "L, '销售" + r + "', " + (r == 4 ? 20 : 10) + "L, '" + (r == 3 ? "senior_rep" : "rep")
                    + "', DATE '2024-01-01', CAST(NULL AS DATE), 'active', false, " + t + ")");
        }
        table("crm_reps", "rep_id, rep_name, team_id, position_level, hired_on, left_on, status, deleted, updated_at", reps.toString());
        table("crm_rep_positions", "rep_position_id, rep_id, position_level, valid_from, valid_to, updated_at",
                "(1L, 1L, 'rep', DATE '2024-01-01', CAST(NULL AS DATE), " + t + "), (2L, 2L, 'rep', DATE '2024-01-01', CAST(NULL AS DATE), " + t + "), "
                        + "(3L, 3L, 'rep', DATE '2024-01-01', DATE '2025-02-14', " + t + "), "
                        + "(4L, 3L, 'senior_rep', DATE '2025-02-15', CAST(NULL AS DATE), " + t + ")");
        StringBuilder customers = new StringBuilder();
        for (int c = 1; c <= 4; c++) {
            customers.append(c == 1 ? "" : ", ").append("(" + c + "L, '客户" + c + "', 'EAST', " + c + "L, 'business', " + t + ", " + t + ", false)");
        }
        table("crm_customers", "customer_id, customer_name, region_code, owner_rep_id, customer_type, created_at, updated_at, deleted",
                customers.toString());
        table("orders_products", "product_id, product_name, category, unit_cost, list_price, updated_at",
                "(1L, '净水器', '家电', " + money("10.00") + ", " + money("20.00") + ", " + t + "), "
                        + "(2L, '蜂蜜', '食品', " + money("2.50") + ", " + money("5.00") + ", " + t + ")");
        table("orders_orders", "order_id, order_no, customer_id, rep_id, channel, ordered_at, status, amount, updated_at",
                "(1L, 'SO1', 1L, 1L, 'phone', " + ts("2025-01-10 04:00:00") + ", 'confirmed', " + money("60.00") + ", " + t + "), "
                        + "(2L, 'SO2', 2L, 2L, 'phone', " + ts("2025-01-12 04:00:00") + ", 'confirmed', 60.00, " + t + "), "
                        + "(3L, 'SO3', 1L, 1L, 'phone', " + ts("2025-02-05 04:00:00") + ", 'confirmed', 10.00, " + t + "), "
                        + "(4L, 'SO4', 3L, 3L, 'online', " + ts("2025-02-18 04:00:00") + ", 'confirmed', 100.00, " + t + "), "
                        + "(5L, 'SO5', 4L, 4L, 'phone', " + ts("2025-01-15 04:00:00") + ", 'confirmed', 60.00, " + t + ")");
        table("orders_order_lines", "order_id, line_no, product_id, quantity, unit_price, discount, line_amount, updated_at",
                "(1L, 1, 1L, 3, " + money("20.00") + ", " + money("0.00") + ", " + money("60.00") + ", " + t + "), "
                        + "(2L, 1, 1L, 3, 20.00, 0.00, 60.00, " + t + "), (3L, 1, 2L, 2, 5.00, 0.00, 10.00, " + t + "), "
                        + "(4L, 1, 1L, 5, 20.00, 0.00, 100.00, " + t + "), (5L, 1, 1L, 3, 20.00, 0.00, 60.00, " + t + ")");
        table("orders_order_returns", "return_id, return_no, order_id, customer_id, requested_at, received_at, reason, amount, status, updated_at",
                "(1L, 'RT1', 1L, 1L, " + ts("2025-02-15 04:00:00") + ", " + ts("2025-02-20 04:00:00") + ", '质量问题', " + money("40.00")
                        + ", 'received', " + t + ")");
        table("orders_order_return_lines", "return_id, line_no, order_id, order_line_no, product_id, quantity, amount, updated_at",
                "(1L, 1, 1L, 1, 1L, 2, " + money("40.00") + ", " + t + ")");
        table("crm_quotas", "quota_id, rep_id, quota_month, amount, updated_at",
                "(1L, 1L, DATE '2025-01-01', " + money("60.00") + ", " + t + "), (2L, 2L, DATE '2025-01-01', 60.00, " + t + "), "
                        + "(3L, 4L, DATE '2025-01-01', 100.00, " + t + "), (4L, 1L, DATE '2025-02-01', 20.00, " + t + "), "
                        + "(5L, 2L, DATE '2025-02-01', 50.00, " + t + ")");
        table("crm_satisfaction_surveys", "survey_id, customer_id, rep_id, order_id, survey_type, sent_at, answered_at, score, updated_at",
                "(1L, 1L, 1L, 1L, 'post_delivery', " + ts("2025-01-13 04:00:00") + ", " + ts("2025-01-15 04:00:00") + ", 5, " + t + "), "
                        + "(2L, 2L, 2L, 2L, 'post_delivery', " + ts("2025-01-14 04:00:00") + ", " + ts("2025-01-20 04:00:00") + ", 5, " + t + ")");
        Transforms.run(settings, Progress.silent("test"));
    }

    private List<String> rows(String sql) {
        return spark.sql(sql).collectAsList().stream().map(r -> r.mkString("|")).toList();
    }

    private List<String> monthly(String month, String columns) {
        return rows("SELECT rep_id, " + columns + " FROM mart.rep_scorecard_monthly WHERE month = DATE '" + month + "' ORDER BY rep_id");
    }

    @Test
    void weightChangeInMidYearLeavesEarlierMonthsTheirScores() {
        // rep 1 January: sales 60/100 → 60.00, profit 30/50 → 60.00, new 1/2 → 50.00, satisfaction (5−1)/4 → 100.00,
        // completion 60/60 = 100 % → 100.00; January weights 40/20/20/10/10:
        // (60×40 + 60×20 + 50×20 + 100×10 + 100×10) / 100 = 66.00 (February's 20 each would give 74.00)
        assertThat(monthly("2025-01-01", "position_level, weights_from, score_sales, score_profit, score_new_customers, "
                + "score_satisfaction, score_completion, weight_sales, weight_completion, total_score").get(0))
                .isEqualTo("1|rep|2025-01-01|60.00|60.00|50.00|100.00|100.00|40|10|66.00");
        // February: rep-level reps are scored with the new weights
        assertThat(monthly("2025-02-01", "weights_from, weight_sales, weight_satisfaction").get(0)).isEqualTo("1|2025-02-01|20|20");
    }

    @Test
    void repWithNoSalesGetsARowOfZeros() {
        // rep 2 in February: no order, no survey, quota 50.00 → completion 0
        assertThat(monthly("2025-02-01", "net_sales, gross_profit, new_customers, score_sales, score_profit, score_new_customers, "
                + "score_satisfaction, score_completion, total_score").get(1))
                .isEqualTo("2|0.00|0.00|0|0.00|0.00|0.00|0.00|0.00|0.00");
    }

    @Test
    void returnsLargerThanPurchasesScoreZeroNotNegative() {
        // rep 1 in February: 10.00 sold − 40.00 returned = −30.00, profit 5.00 − 20.00 = −15.00, completion −30/20 = −1.5
        assertThat(monthly("2025-02-01", "net_sales, gross_profit, completion_rate, score_sales, score_profit, score_completion, total_score")
                .get(0)).isEqualTo("1|-30.00|-15.00|-1.5000|0.00|0.00|0.00|0.00");
    }

    @Test
    void tiesInRankAreBrokenByNetSalesThenRepId() {
        // January, level rep: reps 1 and 2 both 66.00 with net sales 60.00 → rep id decides (1 before 2);
        // rep 4: (60×40 + 60×20 + 50×20 + 0 + 60×10) / 100 = 52.00; rep 3 nothing → 0.00
        assertThat(monthly("2025-01-01", "total_score, rank_in_level, reps_in_level, rank_in_team, reps_in_team")).containsExactly(
                "1|66.00|1|4|1|3", "2|66.00|2|4|2|3", "3|0.00|4|4|3|3", "4|52.00|3|4|1|1");
        // February, level rep: reps 1, 2, 4 all 0.00; net sales 0.00 (reps 2, 4) before −30.00 (rep 1), then rep id
        assertThat(rows("SELECT rep_id, rank_in_level FROM mart.rep_scorecard_monthly WHERE month = DATE '2025-02-01' "
                + "AND position_level = 'rep' ORDER BY rank_in_level")).containsExactly("2|1", "4|2", "1|3");
    }

    @Test
    void aPromotedRepIsScoredAtTheLevelHeldAtTheMonthEnd() {
        // rep 3, senior rep from 2025-02-15: February sales 100/100 → 100, profit 50/50 → 100, new 1/2 → 50, no survey,
        // no quota → 0; senior weights 50/20/10/10/10: (100×50 + 100×20 + 50×10) / 100 = 75.00
        assertThat(rows("SELECT month, position_level, total_score, rank_in_level, reps_in_level FROM mart.rep_scorecard_monthly "
                + "WHERE rep_id = 3 ORDER BY month")).containsExactly("2025-01-01|rep|0.00|4|4", "2025-02-01|senior_rep|75.00|1|1");
    }

    @Test
    void annualScoreIsTheMeanOfTheMonthsWithAwardCandidates() {
        // means: rep 1 (66 + 0)/2 = 33.00, rep 2 33.00, rep 3 (0 + 75)/2 = 37.50, rep 4 (52 + 0)/2 = 26.00.
        // Year net sales: rep 1 60 − 30 = 30.00, rep 2 60.00, rep 3 100.00 (champion), rep 4 60.00 (rep 2 before rep 4:
        // equal net sales, higher total). Level rep: reps 1 and 2 tie at 33.00, rep 2 has more net sales → first.
        // Teams: 10 net 30 + 60 + 100 = 190 over quotas 60 + 60 + 20 + 50 = 190 → 1.0000; 20: 60/100 → 0.6000 → team 10 best.
        assertThat(rows("SELECT rep_id, position_level, months_scored, net_sales, total_score, rank_in_level, rank_in_team, "
                + "sales_rank, sales_champion, team_completion_rate, team_rank, best_team FROM mart.rep_scorecard_annual ORDER BY rep_id"))
                .containsExactly(
                        "1|rep|2|30.00|33.00|2|3|4|false|1.0000|1|true",
                        "2|rep|2|60.00|33.00|1|2|2|false|1.0000|1|true",
                        "3|senior_rep|2|100.00|37.50|1|1|1|true|1.0000|1|true",
                        "4|rep|2|60.00|26.00|3|1|3|false|0.6000|2|false");
    }

    @Test
    void evidenceListsTheRowsBehindARepMonth() {
        // rep 1 February: order 3 (+10.00, profit 5.00) and the return of order 1 (−40.00, profit −20.00) sum to the
        // KPI's −30.00 / −15.00; the quota 20.00; no new customer (customer 1 first bought in January), no survey
        assertThat(rows("SELECT kpi, source_table, source_id, order_id, customer_name, event_date, amount, gross_profit FROM mart.rep_kpi_evidence "
                + "WHERE rep_id = 1 AND month = DATE '2025-02-01' ORDER BY kpi, source_table")).containsExactly(
                "completion|crm.quotas|4|null|null|2025-02-01|20.00|null",
                "sales|orders.order_returns|1|1|客户1|2025-02-20|-40.00|-20.00",
                "sales|orders.orders|3|3|客户1|2025-02-05|10.00|5.00");
        // January: the order, its customer as new, the survey
        assertThat(rows("SELECT kpi, source_id, score FROM mart.rep_kpi_evidence WHERE rep_id = 1 AND month = DATE '2025-01-01' "
                + "AND kpi IN ('new_customers', 'satisfaction') ORDER BY kpi")).containsExactly("new_customers|1|null", "satisfaction|1|5");
    }
}
