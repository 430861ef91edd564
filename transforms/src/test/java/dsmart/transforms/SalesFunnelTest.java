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
 * Hand-made leads of region EAST (times 04:00 UTC, the same Shanghai day), one transform run for all tests.
 * <pre>
 * lead source            channel       created  prospect   visit done  proposal  contract signed  order
 * 1    online_marketing  phone         01-02    01-04      01-07       01-10 (1) 01-15 (of 1)     01-20 (customer 1)
 * 2    online_marketing  phone         01-03    01-08      01-10       01-16 (2, rejected)
 * 3    online_marketing  phone         01-05    disqualified 01-06
 * 4    trade_show        door_to_door  01-06    not screened
 * 5    referral          phone         01-07    deleted (spam): not counted
 * 6    online_marketing  phone         02-01    02-03      a visit planned, not done
 * </pre>
 * A done visit to customer 1 (no lead) and customer 1's earlier order of 2024-12-30 (before the lead) do not count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SalesFunnelTest {
    private SparkSession spark;

    private void table(String name, String columns, String values) {
        spark.sql("CREATE TABLE raw." + name + " USING iceberg AS SELECT *, 'U' AS _op, current_timestamp() AS _ingested_at, "
                + "'r1' AS _run_id FROM VALUES " + values + " AS t(" + columns + ")");
    }

    private static String ts(String day) {
        return day == null ? "CAST(NULL AS TIMESTAMP)" : "TIMESTAMP '2025-" + day + " 04:00:00+00:00'";
    }

    private static String lead(int id, String source, String channel, String created, String screened, String result, Long customer,
            boolean deleted) {
        return "(" + id + "L, '线索" + id + "', '" + source + "', '" + channel + "', 'EAST', 1L, " + ts(created) + ", " + ts(screened) + ", "
                + (result == null ? "CAST(NULL AS STRING)" : "'" + result + "'") + ", " + (customer == null ? "CAST(NULL AS BIGINT)" : customer + "L")
                + ", " + deleted + ", " + ts("03-01") + ")";
    }

    @BeforeAll
    void transform(@TempDir Path dir) {
        Settings settings = Settings.builder().overrides(Map.of("data.dir", dir.toString())).build();
        spark = Sparks.session(settings);
        Sparks.createNamespace(spark, "raw");
        table("crm_leads", "lead_id, lead_name, lead_source, channel, region_code, rep_id, created_at, screened_at, screening_result, "
                + "customer_id, deleted, updated_at", String.join(", ",
                lead(1, "online_marketing", "phone", "01-02", "01-04", "prospect", 1L, false),
                lead(2, "online_marketing", "phone", "01-03", "01-08", "prospect", null, false),
                lead(3, "online_marketing", "phone", "01-05", "01-06", "disqualified", null, false),
                lead(4, "trade_show", "door_to_door", "01-06", null, null, null, false),
                lead(5, "referral", "phone", "01-07", null, null, null, true),
                lead(6, "online_marketing", "phone", "02-01", "02-03", "prospect", null, false)));
        table("crm_visits", "visit_id, rep_id, customer_id, lead_id, planned_at, done_at, status, updated_at",
                "(1L, 1L, CAST(NULL AS BIGINT), 1L, " + ts("01-07") + ", " + ts("01-07") + ", 'done', " + ts("03-01") + "), "
                        + "(2L, 1L, NULL, 2L, " + ts("01-10") + ", " + ts("01-10") + ", 'done', " + ts("03-01") + "), "
                        + "(3L, 1L, NULL, 2L, " + ts("01-12") + ", " + ts("01-12") + ", 'done', " + ts("03-01") + "), "
                        + "(4L, 1L, NULL, 6L, " + ts("03-05") + ", NULL, 'planned', " + ts("03-01") + "), "
                        + "(5L, 1L, 1L, NULL, " + ts("01-03") + ", " + ts("01-03") + ", 'done', " + ts("03-01") + ")");
        table("crm_proposals", "proposal_id, customer_id, lead_id, rep_id, proposed_at, status, decided_at, updated_at",
                "(1L, 1L, 1L, 1L, " + ts("01-10") + ", 'accepted', " + ts("01-14") + ", " + ts("03-01") + "), "
                        + "(2L, CAST(NULL AS BIGINT), 2L, 1L, " + ts("01-16") + ", 'rejected', " + ts("01-20") + ", " + ts("03-01") + ")");
        table("orders_contracts", "contract_id, contract_no, customer_id, rep_id, proposal_id, amount, signed_at, status, updated_at",
                "(1L, 'HT1', 1L, 1L, 1L, CAST(50.00 AS DECIMAL(18,2)), " + ts("01-15") + ", 'signed', " + ts("03-01") + ")");
        table("orders_orders", "order_id, order_no, customer_id, rep_id, channel, ordered_at, status, amount, contract_id, updated_at",
                "(1L, 'SO1', 1L, 1L, 'phone', " + ts("01-20") + ", 'confirmed', CAST(50.00 AS DECIMAL(18,2)), 1L, " + ts("03-01") + "), "
                        + "(2L, 'SO2', 1L, 1L, 'phone', TIMESTAMP '2024-12-30 04:00:00+00:00', 'confirmed', 20.00, NULL, " + ts("03-01") + ")");
        Transforms.run(settings, Progress.silent("test"));
    }

    private List<String> funnel(String where) {
        return spark.sql("SELECT month, region_code, channel, lead_source, leads, prospects, visited, proposals, contracts, orders, "
                + "prospect_rate, visit_rate, proposal_rate, contract_rate, order_rate, lead_to_order_rate FROM mart.sales_funnel WHERE "
                + where + " ORDER BY month, region_code, channel, lead_source").collectAsList().stream().map(r -> r.mkString("|")).toList();
    }

    @Test
    void stepsAndConversionRatesPerMonthRegionChannelAndSource() {
        // January online_marketing/phone: leads 1, 2, 3; prospects 1, 2; visited 1, 2; proposals 1, 2; contract 1; order 1.
        // rates 2/3, 2/2, 2/2, 1/2, 1/1, lead to order 1/3. trade_show: one lead, nothing else (visit rate of 0 prospects: null)
        assertThat(funnel("month = DATE '2025-01-01' AND region_code <> 'all' AND channel <> 'all' AND lead_source <> 'all'")).containsExactly(
                "2025-01-01|EAST|door_to_door|trade_show|1|0|0|0|0|0|0.0000|null|null|null|null|0.0000",
                "2025-01-01|EAST|phone|online_marketing|3|2|2|2|1|1|0.6667|1.0000|1.0000|0.5000|1.0000|0.3333");
        // February: lead 6 is a prospect whose visit is only planned
        assertThat(funnel("month = DATE '2025-02-01' AND lead_source = 'online_marketing' AND region_code <> 'all' AND channel <> 'all'"))
                .containsExactly("2025-02-01|EAST|phone|online_marketing|1|1|0|0|0|0|1.0000|0.0000|null|null|null|0.0000");
    }

    @Test
    void allRowsRollUpTheDimensions() {
        // January, everything: leads 1-4 (5 is spam) → 4 leads, 1 order → 0.2500
        assertThat(funnel("month = DATE '2025-01-01' AND region_code = 'all' AND channel = 'all' AND lead_source = 'all'"))
                .containsExactly("2025-01-01|all|all|all|4|2|2|2|1|1|0.5000|1.0000|1.0000|0.5000|1.0000|0.2500");
    }

    @Test
    void medianDaysPerStep() {
        // prospect: lead 1 2 days, lead 2 5 → 3.5; visit: 3 and 2 (lead 2's first visit) → 2.5; proposal: 3 and 6 → 4.5;
        // contract: 5 (lead 1 only); order: 5; lead to order: 18
        assertThat(spark.sql("SELECT median_days_to_prospect, median_days_to_visit, median_days_to_proposal, median_days_to_contract, "
                + "median_days_to_order, median_days_lead_to_order FROM mart.sales_funnel WHERE month = DATE '2025-01-01' "
                + "AND region_code = 'EAST' AND channel = 'phone' AND lead_source = 'online_marketing'").first().mkString("|"))
                .isEqualTo("3.5|2.5|4.5|5.0|5.0|18.0");
    }
}
