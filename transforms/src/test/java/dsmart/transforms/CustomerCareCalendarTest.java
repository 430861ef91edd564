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
 * Tiers from the amount alone (weight 100, full marks 100.00; A from 60, B from 30); contact every 10 (A), 15 (B),
 * 20 (C) days; occasions spring_festival 2025-01-29 and national_day 2025-10-01. Times 04:00 UTC (same Shanghai day).
 * <pre>
 * customer 1 (consumer, birthday 1980-02-14): order 2025-01-10 100.00 → A in January and February;
 *            calls 01-05 and 02-10; spring festival greeting sent 01-28; birthday greeting planned, never sent
 * customer 2 (business, primary contact's birthday 01-20): order 01-12 50.00 (5 × 10.00) → B in January;
 *            February: order 02-20 10.00 and 40.00 of January's goods returned 02-15 (returns larger than purchases):
 *            trailing amount 50 + 10 − 40 = 20.00 → C; a done visit 01-25
 * </pre>
 * The data's as-of day is 2025-02-20 (the latest order), so February is judged on 02-20, January on 01-31.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerCareCalendarTest {
    private SparkSession spark;

    private void table(String name, String columns, String values) {
        spark.sql("CREATE TABLE raw." + name + " USING iceberg AS SELECT *, 'U' AS _op, current_timestamp() AS _ingested_at, "
                + "'r1' AS _run_id FROM VALUES " + values + " AS t(" + columns + ")");
    }

    private static String ts(String day) {
        return day == null ? "CAST(NULL AS TIMESTAMP)" : "TIMESTAMP '2025-" + day + " 04:00:00+00:00'";
    }

    @BeforeAll
    void transform(@TempDir Path dir) {
        Map<String, String> overrides = new HashMap<>(Map.of("data.dir", dir.toString(), "tiers.weight.amount", "100", "tiers.weight.frequency",
                "0", "tiers.weight.potential", "0", "tiers.weight.loyalty", "0", "tiers.full.amount", "100", "tiers.cut.a", "60",
                "tiers.cut.b", "30"));
        overrides.putAll(Map.of("care.contact.days.a", "10", "care.contact.days.b", "15", "care.contact.days.c", "20",
                "care.occasions", "spring_festival:2025-01-29,national_day:2025-10-01"));
        Settings settings = Settings.builder().overrides(overrides).build();
        spark = Sparks.session(settings);
        Sparks.createNamespace(spark, "raw");
        String t = ts("03-01");
        table("crm_customers", "customer_id, customer_name, region_code, owner_rep_id, customer_type, created_at, updated_at, deleted, birthday",
                "(1L, '王先生', 'EAST', 1L, 'consumer', " + t + ", " + t + ", false, DATE '1980-02-14'), "
                        + "(2L, '杭州金鼎实业有限公司', 'EAST', 1L, 'business', " + t + ", " + t + ", false, NULL)");
        table("crm_contacts", "contact_id, customer_id, contact_name, birthday, is_primary, deleted, updated_at",
                "(1L, 1L, '王先生', DATE '1980-02-14', true, false, " + t + "), (2L, 2L, '李经理', DATE '1975-01-20', true, false, " + t + ")");
        table("crm_communications", "communication_id, customer_id, contact_id, rep_id, comm_type, purpose, occurred_at, updated_at",
                "(1L, 1L, 1L, 1L, 'call', 'regular', " + ts("01-05") + ", " + t + "), (2L, 1L, 1L, 1L, 'call', 'regular', " + ts("02-10") + ", " + t + ")");
        table("crm_visits", "visit_id, rep_id, customer_id, lead_id, planned_at, done_at, status, updated_at",
                "(1L, 1L, 2L, CAST(NULL AS BIGINT), " + ts("01-25") + ", " + ts("01-25") + ", 'done', " + t + ")");
        table("crm_care_events", "care_event_id, customer_id, contact_id, rep_id, occasion, occasion_date, channel, sent_at, status, updated_at",
                "(1L, 1L, 1L, 1L, 'spring_festival', DATE '2025-01-29', 'message', " + ts("01-28") + ", 'sent', " + t + "), "
                        + "(2L, 1L, 1L, 1L, 'birthday', DATE '2025-02-14', 'gift', NULL, 'planned', " + t + ")");
        table("orders_products", "product_id, product_name, category, unit_cost, list_price, updated_at",
                "(1L, '蜂蜜', '食品', CAST(1.00 AS DECIMAL(18,2)), CAST(10.00 AS DECIMAL(18,2)), " + t + ")");
        table("orders_orders", "order_id, order_no, customer_id, rep_id, channel, ordered_at, status, amount, updated_at",
                "(1L, 'SO1', 1L, 1L, 'online', " + ts("01-10") + ", 'confirmed', CAST(100.00 AS DECIMAL(18,2)), " + t + "), "
                        + "(2L, 'SO2', 2L, 1L, 'phone', " + ts("01-12") + ", 'confirmed', 50.00, " + t + "), "
                        + "(3L, 'SO3', 2L, 1L, 'phone', " + ts("02-20") + ", 'confirmed', 10.00, " + t + ")");
        table("orders_order_lines", "order_id, line_no, product_id, quantity, unit_price, discount, line_amount, updated_at",
                "(1L, 1, 1L, 10, CAST(10.00 AS DECIMAL(18,2)), CAST(0.00 AS DECIMAL(18,2)), CAST(100.00 AS DECIMAL(18,2)), " + t + "), "
                        + "(2L, 1, 1L, 5, 10.00, 0.00, 50.00, " + t + "), (3L, 1, 1L, 1, 10.00, 0.00, 10.00, " + t + ")");
        table("orders_order_returns", "return_id, return_no, order_id, customer_id, requested_at, received_at, reason, amount, status, updated_at",
                "(1L, 'RT1', 2L, 2L, " + ts("02-10") + ", " + ts("02-15") + ", '质量问题', CAST(40.00 AS DECIMAL(18,2)), 'received', " + t + ")");
        table("orders_order_return_lines", "return_id, line_no, order_id, order_line_no, product_id, quantity, amount, updated_at",
                "(1L, 1, 2L, 1, 1L, 4, CAST(40.00 AS DECIMAL(18,2)), " + t + ")");
        Transforms.run(settings, Progress.silent("test"));
    }

    private List<String> rows(String sql) {
        return spark.sql(sql).collectAsList().stream().map(r -> r.mkString("|")).toList();
    }

    @Test
    void returnsLargerThanPurchasesInAMonthLowerTheTier() {
        // customer 2 in February: purchases 10.00, returns 40.00; trailing 12 months 50 + 10 − 40 = 20.00 → score 20.00, C
        assertThat(rows("SELECT month, amount_12m, score, tier, migration FROM mart.customer_tier_history WHERE customer_id = 2 ORDER BY month"))
                .containsExactly("2025-01-01|50.00|50.00|B|new", "2025-02-01|20.00|20.00|C|down");
    }

    @Test
    void contactIsJudgedAgainstTheTiersFrequency() {
        // customer 1 January (A, 10 days): last call 01-05, judged 01-31: 26 days, due 01-15 → overdue;
        //            February: call 02-10, judged 02-20: 10 days, due 02-20 → ok (not more than 10 days)
        // customer 2 January (B, 15 days): visit 01-25, 6 days, due 02-09 → ok; February (C, 20 days): 26 days, due 02-14 → overdue
        assertThat(rows("SELECT customer_id, month, tier, judged_on, last_contact_on, days_since_contact, contact_days, due_on, status, "
                + "contacts_in_month FROM mart.customer_care_calendar WHERE item = 'contact' ORDER BY customer_id, month")).containsExactly(
                "1|2025-01-01|A|2025-01-31|2025-01-05|26|10|2025-01-15|overdue|1",
                "1|2025-02-01|A|2025-02-20|2025-02-10|10|10|2025-02-20|ok|1",
                "2|2025-01-01|B|2025-01-31|2025-01-25|6|15|2025-02-09|ok|1",
                "2|2025-02-01|C|2025-02-20|2025-01-25|26|20|2025-02-14|overdue|0");
    }

    @Test
    void greetingsAreDueForACustomersOnly() {
        // customer 1 (A): spring festival sent the day before; birthday 02-14 planned but not sent by 02-20.
        // customer 2 (B, then C) gets no greeting rows although its contact's birthday is in January
        assertThat(rows("SELECT customer_id, month, occasion, due_on, status, sent_on, care_event_id FROM mart.customer_care_calendar "
                + "WHERE item = 'greeting' ORDER BY customer_id, month")).containsExactly(
                "1|2025-01-01|spring_festival|2025-01-29|sent|2025-01-28|1",
                "1|2025-02-01|birthday|2025-02-14|not_sent|null|2");
    }
}
