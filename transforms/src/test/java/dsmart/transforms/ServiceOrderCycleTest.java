package dsmart.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Progress;
import dsmart.lake.Settings;
import dsmart.lake.spark.Sparks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-checked after-sales and order-cycle rows, as-of day 2025-02-15 (compliance.as.of). Times are UTC; business
 * time (Asia/Shanghai) is 8 hours later, so 02:00 UTC is 10:00 the same business day.
 * <pre>
 * rep 1, rep 2 in team 10. Products 100 家电, 200 食品. Customer 1 EAST, customer 2 NORTH.
 * order 1 (rep 1, cust 1, lines 100 + 200): contract signed 01-19 02:00, ordered 01-20 02:00, produced 01-22 02:00,
 *   inspection failed 01-22 06:00, passed 01-23 02:00, shipped 01-23 14:00 with tracking sent, delivered 01-24 02:00,
 *   promised 01-27 (on time); follow-up visit 01-30 01:00 (within 7 days)
 * order 2 (rep 2, cust 2, line 100): contract signed 01-24 14:00, ordered 01-25 02:00, no production, passed 01-26 02:00,
 *   shipped 01-27 02:00, tracking not sent, delivered 02-10 02:00, promised 02-01 (late); follow-up window ends 02-17,
 *   after the as-of day (not due)
 * ordinary tickets of rep 1 (answer due by the 3rd working day after opening; Spring Festival 01-28..02-04, Sat 02-08 worked):
 *   T1 opened 01-24 (product 100), answered 02-05, due 02-05: in time, 3 working days
 *   T2 opened 01-27 (product 200), answered 02-10, due 02-07: late, 5 working days (02-05, 06, 07, 08, 10)
 *   T3 opened 02-06, unanswered, due 02-10 &lt; 02-15: overdue
 *   T4 opened 02-13, unanswered, due 02-18: awaiting
 * complex T5 of rep 2 (product 100) opened 01-20, deadline 02-10, resolved 02-07 with a progress update
 * complaint C1 (rep 1, order 1) opened 01-10 02:00, deadline 01-20, closed 01-13 14:00 (3.5 days), survey score 4
 * complaint C2 (rep 2, order 2) opened 01-15, deadline 01-25, still open, survey sent, not answered
 * </pre>
 */
class ServiceOrderCycleTest {
    private static final String U = "'U'";

    @TempDir
    Path dir;
    private SparkSession spark;

    @BeforeEach
    void rawTables() {
        Settings settings = Settings.builder().overrides(Map.of("data.dir", dir.toString(), "compliance.as.of", "2025-02-15")).build();
        spark = Sparks.session(settings);
        Sparks.createNamespace(spark, "raw");
        create("crm_reps (rep_id BIGINT, rep_name STRING, team_id BIGINT, updated_at TIMESTAMP, deleted BOOLEAN",
                "(1, '张伟', 10, " + ts("2025-01-01 00:00") + ", false, 'U'), (2, '李娜', 10, " + ts("2025-01-01 00:00") + ", false, 'U')");
        create("crm_customers (customer_id BIGINT, customer_name STRING, region_code STRING, owner_rep_id BIGINT, customer_type STRING, "
                + "created_at TIMESTAMP, updated_at TIMESTAMP, deleted BOOLEAN",
                "(1, '甲', 'EAST', 1, 'business', NULL, NULL, false, 'U'), (2, '乙', 'NORTH', 2, 'business', NULL, NULL, false, 'U')");
        create("orders_products (product_id BIGINT, category STRING, unit_cost DECIMAL(18,2)",
                "(100, '家电', 1.00, 'U'), (200, '食品', 1.00, 'U')");
        create("orders_orders (order_id BIGINT, order_no STRING, customer_id BIGINT, rep_id BIGINT, channel STRING, ordered_at TIMESTAMP, "
                + "status STRING, amount DECIMAL(18,2), updated_at TIMESTAMP, contract_id BIGINT, delivery_promised_on DATE",
                "(1, 'SO2025010000001', 1, 1, 'phone', " + ts("2025-01-20 02:00") + ", 'confirmed', 30.00, " + ts("2025-02-14 02:00")
                        + ", 1, DATE '2025-01-27', 'U'), "
                        + "(2, 'SO2025010000002', 2, 2, 'phone', " + ts("2025-01-25 02:00") + ", 'confirmed', 10.00, " + ts("2025-02-14 02:00")
                        + ", 2, DATE '2025-02-01', 'U'), "
                        + "(3, 'SO2025010000003', 2, 2, 'phone', " + ts("2025-01-26 02:00") + ", 'cancelled', 10.00, " + ts("2025-02-14 02:00")
                        + ", NULL, DATE '2025-02-01', 'U')");
        create("orders_order_lines (order_id BIGINT, line_no INT, product_id BIGINT, quantity INT, line_amount DECIMAL(18,2)",
                "(1, 1, 100, 1, 20.00, 'U'), (1, 2, 200, 1, 10.00, 'U'), (2, 1, 100, 1, 10.00, 'U'), (3, 1, 100, 1, 10.00, 'U')");
        create("orders_contracts (contract_id BIGINT, signed_at TIMESTAMP",
                "(1, " + ts("2025-01-19 02:00") + ", 'U'), (2, " + ts("2025-01-24 14:00") + ", 'U')");
        create("orders_production_orders (production_order_id BIGINT, order_id BIGINT, completed_at TIMESTAMP",
                "(1, 1, " + ts("2025-01-22 02:00") + ", 'U')");
        create("orders_quality_inspections (inspection_id BIGINT, order_id BIGINT, inspected_at TIMESTAMP, inspection_result STRING",
                "(1, 1, " + ts("2025-01-22 06:00") + ", 'failed', 'U'), (2, 1, " + ts("2025-01-23 02:00") + ", 'passed', 'U'), "
                        + "(3, 2, " + ts("2025-01-26 02:00") + ", 'passed', 'U')");
        create("orders_shipments (shipment_id BIGINT, order_id BIGINT, tracking_no STRING, shipped_at TIMESTAMP, tracking_sent_at TIMESTAMP, "
                + "delivered_at TIMESTAMP",
                "(1, 1, 'SF1', " + ts("2025-01-23 14:00") + ", " + ts("2025-01-23 15:00") + ", " + ts("2025-01-24 02:00") + ", 'U'), "
                        + "(2, 2, 'SF2', " + ts("2025-01-27 02:00") + ", NULL, " + ts("2025-02-10 02:00") + ", 'U')");
        create("crm_visits (visit_id BIGINT, order_id BIGINT, follow_up_after_delivery BOOLEAN, done_at TIMESTAMP",
                "(1, 1, true, " + ts("2025-01-30 01:00") + ", 'U')");
        create("crm_service_tickets (ticket_id BIGINT, rep_id BIGINT, product_id BIGINT, complexity STRING, opened_at TIMESTAMP, "
                + "first_answered_at TIMESTAMP, deadline_on DATE, resolved_at TIMESTAMP",
                "(1, 1, 100, 'ordinary', " + ts("2025-01-24 02:00") + ", " + ts("2025-02-05 03:00") + ", NULL, NULL, 'U'), "
                        + "(2, 1, 200, 'ordinary', " + ts("2025-01-27 02:00") + ", " + ts("2025-02-10 02:00") + ", NULL, NULL, 'U'), "
                        + "(3, 1, NULL, 'ordinary', " + ts("2025-02-06 02:00") + ", NULL, NULL, NULL, 'U'), "
                        + "(4, 1, NULL, 'ordinary', " + ts("2025-02-13 02:00") + ", NULL, NULL, NULL, 'U'), "
                        + "(5, 2, 100, 'complex', " + ts("2025-01-20 02:00") + ", " + ts("2025-01-20 05:00") + ", DATE '2025-02-10', "
                        + ts("2025-02-07 02:00") + ", 'U')");
        create("crm_ticket_updates (ticket_update_id BIGINT, ticket_id BIGINT, update_type STRING",
                "(1, 5, 'answer', 'U'), (2, 5, 'progress', 'U'), (3, 5, 'resolution', 'U')");
        create("crm_complaints (complaint_id BIGINT, rep_id BIGINT, order_id BIGINT, opened_at TIMESTAMP, deadline_on DATE, closed_at TIMESTAMP",
                "(1, 1, 1, " + ts("2025-01-10 02:00") + ", DATE '2025-01-20', " + ts("2025-01-13 14:00") + ", 'U'), "
                        + "(2, 2, 2, " + ts("2025-01-15 02:00") + ", DATE '2025-01-25', NULL, 'U')");
        create("crm_satisfaction_surveys (survey_id BIGINT, complaint_id BIGINT, survey_type STRING, answered_at TIMESTAMP, score INT",
                "(1, 1, 'post_complaint', " + ts("2025-01-15 02:00") + ", 4, 'U'), (2, 2, 'post_complaint', NULL, NULL, 'U')");
        Transforms.run(settings, Progress.silent("test"));
    }

    private void create(String definition, String values) {
        String table = definition.substring(0, definition.indexOf(' '));
        spark.sql("CREATE TABLE raw." + definition + ", _op STRING) USING iceberg");
        spark.sql("INSERT INTO raw." + table + " VALUES " + values);
    }

    private static String ts(String utc) {
        return "TIMESTAMP '" + utc + ":00+00:00'";
    }

    private List<String> rows(String sql) {
        return spark.sql(sql).collectAsList().stream().map(ServiceOrderCycleTest::line).toList();
    }

    private static String line(Row row) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < row.length(); i++) {
            out.append(i == 0 ? "" : "|").append(row.get(i));
        }
        return out.toString();
    }

    private static final String SLA = "SELECT deliveries, follow_ups_due, followed_up, follow_up_rate, tickets, answered_in_time, "
            + "answered_late, unanswered_overdue, awaiting_answer, answer_in_time_rate, avg_answer_working_days, complex_tickets, "
            + "complex_resolved, complex_resolved_with_progress, complex_resolved_by_deadline, complaints, complaints_closed, "
            + "complaints_closed_by_deadline, avg_resolution_days, satisfaction_responses, satisfaction_avg FROM mart.service_sla ";

    @Test
    void repRowsCountFollowUpsTicketsOnTheCalendarAndComplaints() {
        assertThat(rows(SLA + "WHERE level = 'rep' ORDER BY month, rep_id")).containsExactly(
                // Jan rep 1: order 1 followed up; T1 in time (3 wd), T2 late (5 wd); C1 closed in 3.5 days, score 4
                "1|1|1|1.0000|2|1|1|0|0|0.5000|4.00|0|0|0|0|1|1|1|3.50|1|4.00",
                // Jan rep 2: T5 complex resolved by its deadline with progress; C2 open
                "0|0|0|null|0|0|0|0|0|null|null|1|1|1|1|1|0|0|null|0|null",
                // Feb rep 1: T3 overdue, T4 awaiting
                "0|0|0|null|2|0|0|1|1|0.0000|null|0|0|0|0|0|0|0|null|0|null",
                // Feb rep 2: order 2 delivered, follow-up not due yet
                "1|0|0|null|0|0|0|0|0|null|null|0|0|0|0|0|0|0|null|0|null");
    }

    @Test
    void teamAndProductRows() {
        assertThat(rows(SLA + "WHERE level = 'team' AND month = DATE '2025-01-01'")).containsExactly(
                "1|1|1|1.0000|2|1|1|0|0|0.5000|4.00|1|1|1|1|2|1|1|3.50|1|4.00");
        // product 100 in January: delivery of order 1, T1, T5, complaints C1 (order 1) and C2 (order 2)
        // product 200 in January: delivery of order 1, T2, complaint C1
        assertThat(rows("SELECT product_id, deliveries, tickets, answered_in_time, answered_late, complex_tickets, complaints, "
                + "satisfaction_responses FROM mart.service_sla WHERE level = 'product' AND month = DATE '2025-01-01' ORDER BY product_id"))
                .containsExactly("100|1|1|1|0|1|2|1", "200|1|1|0|1|0|1|1");
    }

    @Test
    void orderCycleLeadTimesAndRates() {
        // order 1: contract->entry 1.00, entry->production 2.00, production->inspection 1.00, inspection->shipment 0.50,
        //          shipment->delivery 0.50, entry->delivery 4.00, on time; inspections 2 (1 passed); tracking sent
        // order 2: contract->entry 0.50, not made to order, inspection->shipment 1.00, shipment->delivery 14.00,
        //          entry->delivery 16.00, late; inspections 1 (passed); tracking not sent
        String columns = "SELECT region_code, category, orders, made_to_order, contract_to_entry_days, entry_to_production_days, "
                + "production_to_inspection_days, inspection_to_shipment_days, shipment_to_delivery_days, entry_to_delivery_days, "
                + "delivered, delivered_on_time, on_time_rate, inspections, inspections_passed, inspection_pass_rate, shipped, "
                + "tracking_sent, tracking_sent_rate FROM mart.order_cycle ";
        assertThat(rows(columns + "WHERE month = DATE '2025-01-01' AND category = 'all' ORDER BY region_code")).containsExactly(
                "EAST|all|1|1|1.00|2.00|1.00|0.50|0.50|4.00|1|1|1.0000|2|1|0.5000|1|1|1.0000",
                "NORTH|all|1|0|0.50|null|null|1.00|14.00|16.00|1|0|0.0000|1|1|1.0000|1|0|0.0000",
                "all|all|2|1|0.75|2.00|1.00|0.75|7.25|10.00|2|1|0.5000|3|2|0.6667|2|1|0.5000");
        // order 1 has lines of both categories, order 2 only 家电; the cancelled order 3 counts nowhere
        assertThat(rows("SELECT category, orders FROM mart.order_cycle WHERE region_code = 'all' ORDER BY category"))
                .containsExactly("all|2", "家电|2", "食品|1");
    }
}
