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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-made orders (no CRM rep tables: mart.sales_kpi is skipped). One line per order, product cost 1.00,
 * times at 04:00 UTC (same Shanghai date). Loyalty = (tenure + recency + continuity) / 3 in months / 12.
 */
class CustomerTierTest {
    @TempDir
    Path dir;
    private SparkSession spark;

    private void table(String name, String columns, String values) {
        spark.sql("CREATE TABLE raw." + name + " USING iceberg AS SELECT *, 'U' AS _op, current_timestamp() AS _ingested_at, "
                + "'r1' AS _run_id FROM VALUES " + values + " AS t(" + columns + ")");
    }

    /** orders: {customer, month day "2025-01-10", amount}. */
    private Settings lake(Map<String, String> tiers, String[][] orders) {
        Map<String, String> overrides = new HashMap<>(tiers);
        overrides.put("data.dir", dir.toString());
        Settings settings = Settings.builder().overrides(overrides).build();
        spark = Sparks.session(settings);
        Sparks.createNamespace(spark, "raw");
        String t = "TIMESTAMP '2025-03-01 00:00:00+00:00'";
        table("crm_regions", "region_code, region_name, updated_at", "('EAST', '华东', " + t + ")");
        StringBuilder customers = new StringBuilder();
        StringBuilder header = new StringBuilder();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < orders.length; i++) {
            String c = orders[i][0];
            String sep = i == 0 ? "" : ", ";
            if (!customers.toString().contains("(" + c + "L,")) {
                customers.append(customers.length() == 0 ? "" : ", ").append("(" + c + "L, '客户" + c + "', 'EAST', 1L, 'business', " + t + ", " + t + ", false)");
            }
            header.append(sep).append("(" + (i + 1) + "L, 'SO" + (i + 1) + "', " + c + "L, 1L, 'phone', TIMESTAMP '" + orders[i][1]
                    + " 04:00:00+00:00', 'confirmed', CAST(" + orders[i][2] + " AS DECIMAL(18,2)), " + t + ")");
            lines.append(sep).append("(" + (i + 1) + "L, 1, 1L, 1, CAST(" + orders[i][2] + " AS DECIMAL(18,2)), CAST(0.00 AS DECIMAL(18,2)), CAST("
                    + orders[i][2] + " AS DECIMAL(18,2)), " + t + ")");
        }
        table("crm_customers", "customer_id, customer_name, region_code, owner_rep_id, customer_type, created_at, updated_at, deleted",
                customers.toString());
        table("orders_products", "product_id, product_name, category, unit_cost, list_price, updated_at",
                "(1L, '蜂蜜', '食品', CAST(1.00 AS DECIMAL(18,2)), CAST(5.00 AS DECIMAL(18,2)), " + t + ")");
        table("orders_orders", "order_id, order_no, customer_id, rep_id, channel, ordered_at, status, amount, updated_at", header.toString());
        table("orders_order_lines", "order_id, line_no, product_id, quantity, unit_price, discount, line_amount, updated_at", lines.toString());
        table("orders_order_returns", "return_id, return_no, order_id, customer_id, requested_at, received_at, reason, amount, status, updated_at",
                "(1L, 'RT1', 1L, 1L, " + t + ", " + t + ", '无', CAST(0.00 AS DECIMAL(18,2)), 'requested', " + t + ")");
        table("orders_order_return_lines", "return_id, line_no, order_id, order_line_no, product_id, quantity, amount, updated_at",
                "(1L, 1, 1L, 1, 1L, 1, CAST(0.00 AS DECIMAL(18,2)), " + t + ")");
        return settings;
    }

    private List<String> history(Settings settings) {
        Transforms.run(settings, Progress.silent("test"));
        return spark.sql("SELECT customer_id, month, tier, score, previous_tier, migration, migration_reason "
                + "FROM mart.customer_tier_history ORDER BY customer_id, month").collectAsList().stream().map(r -> r.mkString("|")).toList();
    }

    @Test
    void scoreOnTheCutOffTakesTheHigherTierAndJustBelowTakesTheLower() {
        // weights amount 50, frequency 50; full amount 100, full orders 5; B from 30.
        // customer 1: 40.00 → 50 × 0.4 + 50 × 1/5 = 20 + 10 = 30.00 → B (on the cut-off)
        // customer 2: 38.00 → 50 × 0.38 + 10 = 19 + 10 = 29.00 → C
        Settings settings = lake(Map.of("tiers.weight.amount", "50", "tiers.weight.frequency", "50", "tiers.weight.potential", "0",
                "tiers.weight.loyalty", "0", "tiers.full.amount", "100", "tiers.full.orders", "5", "tiers.cut.a", "60", "tiers.cut.b", "30"),
                new String[][] {{"1", "2025-01-10", "40.00"}, {"2", "2025-01-11", "38.00"}});
        assertThat(history(settings)).containsExactly(
                "1|2025-01-01|B|30.00|null|new|first order",
                "2|2025-01-01|C|29.00|null|new|first order");
    }

    @Test
    void migrationIsFlaggedWithTheComponentThatMovedMost() {
        // weights 40/20/20/20, full amount 100, full orders 4, A from 60, B from 30; customer 1 buys 60.00 in Jan and Feb.
        // Jan: amount 40 × 60/100 = 24; frequency 20 × 1/4 = 5; potential 60 × 4 = 240 → capped 1 → 20;
        //      loyalty (1/12 + 12/12 + 1/12) / 3 = 14/36 → 20 × 14/36 = 7.78; score 56.78 → B
        // Feb: amount 120 → capped 1 → 40; frequency 2/4 → 10; potential 20; loyalty (2/12 + 1 + 2/12) / 3 = 16/36 → 8.89;
        //      score 78.89 → A, up; points moved: amount +16, frequency +5, potential 0, loyalty +1.11 → reason amount
        Settings settings = lake(Map.of("tiers.full.amount", "100", "tiers.full.orders", "4"),
                new String[][] {{"1", "2025-01-10", "60.00"}, {"1", "2025-02-10", "60.00"}});
        assertThat(history(settings)).containsExactly(
                "1|2025-01-01|B|56.78|null|new|first order",
                "1|2025-02-01|A|78.89|B|up|amount");
        assertThat(spark.sql("SELECT customer_id, customer_name, month, tier FROM mart.customer_tier").collectAsList().stream()
                .map(r -> r.mkString("|")).toList()).containsExactly("1|客户1|2025-02-01|A");
    }
}
