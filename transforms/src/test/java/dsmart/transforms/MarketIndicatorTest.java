package dsmart.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.AlertAcks;
import dsmart.lake.Progress;
import dsmart.lake.Settings;
import dsmart.lake.spark.Sparks;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-made raw rows (business dates; order times 04:00 UTC = 12:00 Shanghai, same date):
 * <pre>
 * customers 1 EAST, 2 NORTH; products 1 食品 list 10.00, 2 家电 list 100.00
 * O1 cust 1 phone  2025-01-06 (Mon): p1 10 x 9.00 = 90.00; p2 1 x 100.00 - 10.00 = 90.00
 * O2 cust 2 online 2025-01-08:       p1  5 x 10.00 = 50.00
 * O3 cust 1 phone  2025-02-03:       p2  2 x 95.00 = 190.00
 * O4 cust 2 online 2025-01-08 cancelled: p1 100 x 10.00 (never counted)
 * return of O1 line 1: 2 units, 18.00, received 2025-01-20
 * complaints: cust 2 on 2025-01-09, cust 1 on 2025-02-04
 * leads: EAST phone 01-01 converted 01-05; EAST online 01-03; NORTH online 02-10 converted 02-12;
 *        NORTH phone 2026-02-01 (takes the data's as-of day to 2026-02-01); a deleted one 01-04 (_op D)
 * invoices: I1 O1 180.00 issued 01-06 due 01-20, credit note 18.00 on 01-22, paid 162.00 on 01-25
 *           I2 O2  50.00 issued 01-08 due 03-10, paid 03-05
 *           I3 O3 190.00 issued 02-03 due 02-17, 100.00 paid 02-10
 * </pre>
 * Tiers with full amount 100: customer 1 is A (Jan and Feb), customer 2 is B (Jan); churn interval multiple 1.
 */
class MarketIndicatorTest {
    private static final String META = ", _op STRING, _ingested_at TIMESTAMP, _run_id STRING) USING iceberg";
    private static final String U = "'U', current_timestamp(), 'r1'";
    private static final String TS = "TIMESTAMP '2025-03-26 00:00:00+00:00'";

    @TempDir
    static Path dir;
    private static SparkSession spark;

    @BeforeAll
    static void run() {
        Settings settings = Settings.builder().overrides(Map.of("data.dir", dir.toString(), "tiers.full.amount", "100",
                "market.churn.interval.multiple", "1", "market.rules", "complaints",
                "market.rule.complaints", "indicator=complaint_rate grain=monthly dimension=region kind=absolute direction=above "
                        + "threshold=0.5 pending=1 repeat=0 severity=critical")).build();
        AlertAcks.open(settings).append(new AlertAcks.Ack("complaints:NORTH:2025-01-01", "exec", Instant.parse("2025-02-02T01:00:00Z"),
                "客户已回访, \"quoted\""));
        spark = Sparks.session(settings);
        Sparks.createNamespace(spark, "raw");
        spark.sql("CREATE TABLE raw.crm_customers (customer_id BIGINT, customer_name STRING, region_code STRING, owner_rep_id BIGINT, "
                + "customer_type STRING, created_at TIMESTAMP, updated_at TIMESTAMP, deleted BOOLEAN" + META);
        spark.sql("INSERT INTO raw.crm_customers VALUES (1, '甲', 'EAST', 1, 'business', " + TS + ", " + TS + ", false, " + U + "), "
                + "(2, '乙', 'NORTH', 1, 'business', " + TS + ", " + TS + ", false, " + U + ")");
        spark.sql("CREATE TABLE raw.crm_complaints (complaint_id BIGINT, customer_id BIGINT, opened_at TIMESTAMP" + META);
        spark.sql("INSERT INTO raw.crm_complaints VALUES (1, 2, TIMESTAMP '2025-01-09 04:00:00+00:00', " + U + "), "
                + "(2, 1, TIMESTAMP '2025-02-04 04:00:00+00:00', " + U + ")");
        spark.sql("CREATE TABLE raw.crm_leads (lead_id BIGINT, channel STRING, region_code STRING, created_at TIMESTAMP, "
                + "converted_at TIMESTAMP" + META);
        spark.sql("INSERT INTO raw.crm_leads VALUES "
                + "(1, 'phone', 'EAST', TIMESTAMP '2025-01-01 04:00:00+00:00', TIMESTAMP '2025-01-05 04:00:00+00:00', " + U + "), "
                + "(2, 'online', 'EAST', TIMESTAMP '2025-01-03 04:00:00+00:00', NULL, " + U + "), "
                + "(3, 'online', 'NORTH', TIMESTAMP '2025-02-10 04:00:00+00:00', TIMESTAMP '2025-02-12 04:00:00+00:00', " + U + "), "
                + "(4, 'phone', 'NORTH', TIMESTAMP '2026-02-01 04:00:00+00:00', NULL, " + U + "), "
                + "(5, 'phone', 'NORTH', TIMESTAMP '2025-01-04 04:00:00+00:00', NULL, 'D', current_timestamp(), 'r1')");
        spark.sql("CREATE TABLE raw.orders_products (product_id BIGINT, product_name STRING, category STRING, unit_cost DECIMAL(18,2), "
                + "list_price DECIMAL(18,2), updated_at TIMESTAMP" + META);
        spark.sql("INSERT INTO raw.orders_products VALUES (1, '蜂蜜', '食品', 1.00, 10.00, " + TS + ", " + U + "), "
                + "(2, '冰箱', '家电', 50.00, 100.00, " + TS + ", " + U + ")");
        spark.sql("CREATE TABLE raw.orders_orders (order_id BIGINT, order_no STRING, customer_id BIGINT, rep_id BIGINT, channel STRING, "
                + "ordered_at TIMESTAMP, status STRING, amount DECIMAL(18,2), updated_at TIMESTAMP" + META);
        spark.sql("INSERT INTO raw.orders_orders VALUES "
                + "(1, 'SO1', 1, 1, 'phone', TIMESTAMP '2025-01-06 04:00:00+00:00', 'confirmed', 180.00, " + TS + ", " + U + "), "
                + "(2, 'SO2', 2, 1, 'online', TIMESTAMP '2025-01-08 04:00:00+00:00', 'confirmed', 50.00, " + TS + ", " + U + "), "
                + "(3, 'SO3', 1, 1, 'phone', TIMESTAMP '2025-02-03 04:00:00+00:00', 'confirmed', 190.00, " + TS + ", " + U + "), "
                + "(4, 'SO4', 2, 1, 'online', TIMESTAMP '2025-01-08 04:00:00+00:00', 'cancelled', 1000.00, " + TS + ", " + U + ")");
        spark.sql("CREATE TABLE raw.orders_order_lines (order_id BIGINT, line_no INT, product_id BIGINT, quantity INT, "
                + "unit_price DECIMAL(18,2), discount DECIMAL(18,2), line_amount DECIMAL(18,2), updated_at TIMESTAMP" + META);
        spark.sql("INSERT INTO raw.orders_order_lines VALUES (1, 1, 1, 10, 9.00, 0.00, 90.00, " + TS + ", " + U + "), "
                + "(1, 2, 2, 1, 100.00, 10.00, 90.00, " + TS + ", " + U + "), "
                + "(2, 1, 1, 5, 10.00, 0.00, 50.00, " + TS + ", " + U + "), "
                + "(3, 1, 2, 2, 95.00, 0.00, 190.00, " + TS + ", " + U + "), "
                + "(4, 1, 1, 100, 10.00, 0.00, 1000.00, " + TS + ", " + U + ")");
        spark.sql("CREATE TABLE raw.orders_order_returns (return_id BIGINT, return_no STRING, order_id BIGINT, customer_id BIGINT, "
                + "requested_at TIMESTAMP, received_at TIMESTAMP, reason STRING, amount DECIMAL(18,2), status STRING, updated_at TIMESTAMP"
                + META);
        spark.sql("INSERT INTO raw.orders_order_returns VALUES (1, 'RT1', 1, 1, TIMESTAMP '2025-01-15 04:00:00+00:00', "
                + "TIMESTAMP '2025-01-20 04:00:00+00:00', '破损', 18.00, 'received', " + TS + ", " + U + ")");
        spark.sql("CREATE TABLE raw.orders_order_return_lines (return_id BIGINT, line_no INT, order_id BIGINT, order_line_no INT, "
                + "product_id BIGINT, quantity INT, amount DECIMAL(18,2), updated_at TIMESTAMP" + META);
        spark.sql("INSERT INTO raw.orders_order_return_lines VALUES (1, 1, 1, 1, 1, 2, 18.00, " + TS + ", " + U + ")");
        spark.sql("CREATE TABLE raw.finance_invoices (invoice_id BIGINT, invoice_no STRING, order_id BIGINT, customer_id BIGINT, "
                + "issued_on DATE, due_on DATE, amount DECIMAL(18,2), updated_at TIMESTAMP, terms_code STRING" + META);
        spark.sql("INSERT INTO raw.finance_invoices VALUES "
                + "(1, 'I1', 1, 1, DATE '2025-01-06', DATE '2025-01-20', 180.00, " + TS + ", 'N14', " + U + "), "
                + "(2, 'I2', 2, 2, DATE '2025-01-08', DATE '2025-03-10', 50.00, " + TS + ", 'N60', " + U + "), "
                + "(3, 'I3', 3, 1, DATE '2025-02-03', DATE '2025-02-17', 190.00, " + TS + ", 'N14', " + U + ")");
        spark.sql("CREATE TABLE raw.finance_credit_notes (credit_note_id BIGINT, credit_note_no STRING, invoice_id BIGINT, "
                + "customer_id BIGINT, return_id BIGINT, issued_on DATE, amount DECIMAL(18,2), reason STRING, updated_at TIMESTAMP" + META);
        spark.sql("INSERT INTO raw.finance_credit_notes VALUES (1, 'CN1', 1, 1, 1, DATE '2025-01-22', 18.00, 'return', " + TS + ", " + U + ")");
        spark.sql("CREATE TABLE raw.finance_receipts (receipt_id BIGINT, receipt_no STRING, customer_id BIGINT, received_on DATE, "
                + "amount DECIMAL(18,2), payment_method STRING, bank_reference STRING, status STRING, bounced_on DATE, "
                + "updated_at TIMESTAMP" + META);
        spark.sql("INSERT INTO raw.finance_receipts VALUES "
                + "(1, 'R1', 1, DATE '2025-01-25', 162.00, 'bank', 'B1', 'cleared', NULL, " + TS + ", " + U + "), "
                + "(2, 'R2', 2, DATE '2025-03-05', 50.00, 'bank', 'B2', 'cleared', NULL, " + TS + ", " + U + "), "
                + "(3, 'R3', 1, DATE '2025-02-10', 100.00, 'bank', 'B3', 'cleared', NULL, " + TS + ", " + U + ")");
        spark.sql("CREATE TABLE raw.finance_receipt_allocations (allocation_id BIGINT, receipt_id BIGINT, invoice_id BIGINT, "
                + "allocated_on DATE, amount DECIMAL(18,2), updated_at TIMESTAMP, deleted BOOLEAN" + META);
        spark.sql("INSERT INTO raw.finance_receipt_allocations VALUES (1, 1, 1, DATE '2025-01-25', 162.00, " + TS + ", false, " + U + "), "
                + "(2, 2, 2, DATE '2025-03-05', 50.00, " + TS + ", false, " + U + "), "
                + "(3, 3, 3, DATE '2025-02-10', 100.00, " + TS + ", false, " + U + ")");
        spark.sql("CREATE TABLE raw.finance_write_offs (write_off_id BIGINT, invoice_id BIGINT, customer_id BIGINT, written_off_on DATE, "
                + "amount DECIMAL(18,2), reason STRING, approved_by STRING, approved_on DATE, evidence_ref STRING, updated_at TIMESTAMP" + META);
        Transforms.run(settings, Progress.silent("test"));
    }

    private static List<String> rows(String indicator, String grain, String dimension, String where) {
        return spark.sql("SELECT period_start, dimension_value, value, numerator, denominator FROM mart.market_indicator "
                        + "WHERE indicator = '" + indicator + "' AND grain = '" + grain + "' AND dimension = '" + dimension + "' AND " + where
                        + " ORDER BY dimension_value, period_start")
                .collectAsList().stream().map(r -> r.mkString("|")).toList();
    }

    private static final String EARLY_2025 = "period_start < DATE '2025-03-01'";

    @Test
    void monthlySalesAmountByRegionHasAZeroForAMonthWithoutSales() {
        // EAST: Jan O1 90 + 90 = 180, Feb O3 190; NORTH: Jan O2 50 (the cancelled O4 never counts), Feb nothing
        assertThat(rows("sales_amount", "monthly", "region", EARLY_2025)).containsExactly(
                "2025-01-01|EAST|180.000000|180.00|null",
                "2025-02-01|EAST|190.000000|190.00|null",
                "2025-01-01|NORTH|50.000000|50.00|null",
                "2025-02-01|NORTH|0.000000|0.00|null");
    }

    @Test
    void averageSellingPriceIsAmountOverUnits() {
        // Jan: 230.00 / (10 + 1 + 5) = 14.375; Feb: 190.00 / 2 = 95
        assertThat(rows("avg_selling_price", "monthly", "all", EARLY_2025)).containsExactly(
                "2025-01-01|all|14.375000|230.00|16.00",
                "2025-02-01|all|95.000000|190.00|2.00");
    }

    @Test
    void discountDepthComparesLineAmountsWithListPrices() {
        // category 食品 Jan: list 10 x 10.00 + 5 x 10.00 = 150.00, sold 140.00 → 10/150 = 0.066667
        // category 家电 Jan: list 100.00, sold 90.00 → 0.1; Feb: list 200.00, sold 190.00 → 0.05
        assertThat(rows("discount_depth", "monthly", "category", EARLY_2025)).containsExactly(
                "2025-01-01|家电|0.100000|10.00|100.00",
                "2025-02-01|家电|0.050000|10.00|200.00",
                "2025-01-01|食品|0.066667|10.00|150.00",
                "2025-02-01|食品|null|0.00|0.00");
    }

    @Test
    void weeksStartOnMonday() {
        // week of Monday 2025-01-06: O1 180 + O2 50; week of 2025-02-03: O3 190
        assertThat(rows("sales_amount", "weekly", "all", "numerator > 0")).containsExactly(
                "2025-01-06|all|230.000000|230.00|null",
                "2025-02-03|all|190.000000|190.00|null");
    }

    @Test
    void returnRateIsReturnedAmountOverSalesOfThePeriod() {
        // Jan: 18.00 returned (received 01-20) / 230.00 sold = 0.0782608.. → 0.078261; Feb 0 / 190
        assertThat(rows("return_rate", "monthly", "all", EARLY_2025)).containsExactly(
                "2025-01-01|all|0.078261|18.00|230.00",
                "2025-02-01|all|0.000000|0.00|190.00");
    }

    @Test
    void complaintRateIsComplaintsOverOrdersByRegion() {
        // EAST: Jan 0 / 1 order, Feb 1 / 1; NORTH: Jan 1 / 1, Feb 0 / 0 → no value
        assertThat(rows("complaint_rate", "monthly", "region", EARLY_2025)).containsExactly(
                "2025-01-01|EAST|0.000000|0.00|1.00",
                "2025-02-01|EAST|1.000000|1.00|1.00",
                "2025-01-01|NORTH|1.000000|1.00|1.00",
                "2025-02-01|NORTH|null|0.00|0.00");
    }

    @Test
    void newLeadsAndConversionLeaveOutDeletedLeads() {
        // Jan: 2 new (the deleted lead 5 not counted), 1 converted (01-05) → 0.5; Feb: 1 new, 1 converted → 1
        assertThat(rows("new_leads", "monthly", "all", EARLY_2025)).containsExactly(
                "2025-01-01|all|2.000000|2.00|null",
                "2025-02-01|all|1.000000|1.00|null");
        assertThat(rows("lead_conversion_rate", "monthly", "all", EARLY_2025)).containsExactly(
                "2025-01-01|all|0.500000|1.00|2.00",
                "2025-02-01|all|1.000000|1.00|1.00");
    }

    @Test
    void anABCustomerChurnsWhenNotBackWithinItsExpectedInterval() {
        // customer 1 (A): last order 2025-02-03, 2 orders in 12 months → ceil(365 / 2) = 183 days → churns 2025-08-05
        //   (its Jan order is followed by Feb 3, well within 365 days: no churn)
        // customer 2 (B): order 2025-01-08, 1 order → 365 days → churns 2026-01-08 (before the as-of day 2026-02-01)
        assertThat(rows("ab_churned_customers", "monthly", "region", "numerator > 0")).containsExactly(
                "2025-08-01|EAST|1.000000|1.00|null",
                "2026-01-01|NORTH|1.000000|1.00|null");
        assertThat(rows("ab_churned_customers", "daily", "all", "numerator > 0")).containsExactly(
                "2025-08-05|all|1.000000|1.00|null",
                "2026-01-08|all|1.000000|1.00|null");
    }

    @Test
    void overdueRatioIsOverdueOpenOverOpenAtThePeriodEnd() {
        // Jan 31: I1 180 - 18 - 162 = 0, I2 50 open not due → 0 / 50
        // Feb 28: I2 50 open not due; I3 190 - 100 = 90 open, due 02-17 → overdue 90 / 140 = 0.642857
        assertThat(rows("overdue_ratio", "monthly", "all", EARLY_2025)).containsExactly(
                "2025-01-01|all|0.000000|0.00|50.00",
                "2025-02-01|all|0.642857|90.00|140.00");
        // 01-21: I1 180 overdue (due 01-20) of 180 + 50 open → 0.782609; 01-22 after the credit note: 162 / 212 → 0.764151
        assertThat(rows("overdue_ratio", "daily", "all", "period_start IN (DATE '2025-01-20', DATE '2025-01-21', DATE '2025-01-22')"))
                .containsExactly(
                        "2025-01-20|all|0.000000|0.00|230.00",
                        "2025-01-21|all|0.782609|180.00|230.00",
                        "2025-01-22|all|0.764151|162.00|212.00");
    }

    @Test
    void marketAlertFiresAndResolvesPerRegionWithItsAcknowledgement() {
        // complaint_rate monthly by region above 0.5, pending 1: NORTH Jan 1.0 fires, Feb has no orders (no value) → resolved;
        // EAST Jan 0 → nothing, Feb 1.0 fires, Mar no orders → resolved. The NORTH alert was acknowledged by exec.
        assertThat(spark.sql("SELECT alert_id, period_start, event, state, value, threshold, is_latest, acknowledged_by, ack_note "
                + "FROM mart.market_alert ORDER BY alert_id, period_start").collectAsList().stream().map(r -> r.mkString("|")).toList())
                .containsExactly(
                        "complaints:EAST:2025-02-01|2025-02-01|firing|firing|1.000000|0.500000|false|null|null",
                        "complaints:EAST:2025-02-01|2025-03-01|resolved|resolved|null|0.500000|true|null|null",
                        "complaints:NORTH:2025-01-01|2025-01-01|firing|firing|1.000000|0.500000|false|exec|客户已回访, \"quoted\"",
                        "complaints:NORTH:2025-01-01|2025-02-01|resolved|resolved|null|0.500000|true|exec|客户已回访, \"quoted\"");
        assertThat(spark.sql("SELECT explanation FROM mart.market_alert WHERE alert_id = 'complaints:NORTH:2025-01-01' "
                + "AND event = 'firing'").first().getString(0))
                .isEqualTo("complaint_rate (monthly, region NORTH) for 2025-01-01: value 1, score 1; breaches the threshold for 1 period(s): "
                        + "firing. Rule complaints: complaint_rate monthly by region, value > 0.5 for 1 period(s), critical");
    }

    @Test
    void onlyPeriodsTheDataCoversWhollyAreComplete() {
        // data from Wednesday 2025-01-01 (lead 1) to Sunday 2026-02-01 (lead 4): the week of Monday 2024-12-30 and
        // February 2026 are partial; the week of Monday 2026-01-26 ends on the last day, complete
        assertThat(spark.sql("SELECT grain, period_start, period_end FROM mart.market_indicator WHERE NOT is_complete "
                + "AND indicator = 'sales_amount' AND dimension = 'all' ORDER BY grain, period_start").collectAsList().stream()
                .map(r -> r.mkString("|")).toList()).containsExactly(
                        "monthly|2026-02-01|2026-02-01",
                        "weekly|2024-12-30|2025-01-05");
    }
}
