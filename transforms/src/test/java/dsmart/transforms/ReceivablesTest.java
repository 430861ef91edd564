package dsmart.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dsmart.lake.Progress;
import dsmart.lake.Settings;
import dsmart.lake.spark.Sparks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receivables marts over {@link ReceivablesLedger}, one behaviour per test. The tests that only read share
 * one transform run of every mart; those that change the raw tables or settings get a lake of their own and run
 * the AR marts only. The data's as-of date D is 2025-03-25.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReceivablesTest {
    private static final List<Mart> AR = List.of(new ArLedger(), new ArOnAccount(), new ArAgeing());
    @TempDir
    static Path dir;
    private SparkSession spark;

    @BeforeAll
    void runOnce() {
        Settings settings = Settings.builder().overrides(Map.of("data.dir", dir.resolve("shared").toString())).build();
        spark = Sparks.session(settings);
        ReceivablesLedger.create(spark);
        Transforms.run(settings, Progress.silent("test"));
    }

    /** A lake of its own holding the ledger's raw tables, for a test that changes them or the settings. */
    private record Lake(Settings settings, SparkSession spark) {}

    private static Lake freshLedger(String name) {
        Settings settings;
        try {
            settings = Settings.builder().overrides(Map.of("data.dir", Files.createDirectories(dir.resolve(name)).toString())).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SparkSession spark = Sparks.session(settings);
        ReceivablesLedger.create(spark);
        return new Lake(settings, spark);
    }

    private static Set<Integer> persistentRdds(SparkSession spark) {
        return JavaSparkContext.fromSparkContext(spark.sparkContext()).getPersistentRDDs().keySet();
    }

    private List<String> rows(String sql) {
        return rows(spark, sql);
    }

    private static List<String> rows(SparkSession session, String sql) {
        return session.sql(sql).collectAsList().stream().map(r -> r.mkString("|")).toList();
    }

    @Test
    void theRunLeavesNothingCachedOrCheckpointed() {
        Lake lake = freshLedger("uncached");
        Set<Integer> heldBefore = Set.copyOf(persistentRdds(lake.spark()));

        Transforms.run(lake.settings(), Progress.silent("test"), AR);

        assertThat(lake.spark().sharedState().cacheManager().isEmpty()).isTrue();
        assertThat(persistentRdds(lake.spark())).isSubsetOf(heldBefore);
    }

    @Test
    void asOfDatesAreMonthEndsAndTheDataAsOfDate() {
        // events from 2025-01-02 to 2025-03-25: January and February month ends, then the data's own day
        assertThat(rows("SELECT DISTINCT as_of_date FROM mart.ar_ledger ORDER BY as_of_date"))
                .containsExactly("2025-01-31", "2025-02-28", "2025-03-25");
    }

    @Test
    void ledgerNetsCreditNotesLiveAllocationsAndWriteOffs() {
        assertThat(rows("SELECT as_of_date, invoice_id, credited, received, written_off, open_amount FROM mart.ar_ledger "
                + "ORDER BY as_of_date, invoice_id")).containsExactly(
                // 01-31: I1 100 - 40 (paid before due) = 60; I2 200 (bounced R4 never counts); I3 not issued yet; I4 30
                "2025-01-31|1|0.00|40.00|0.00|60.00",
                "2025-01-31|2|0.00|0.00|0.00|200.00",
                "2025-01-31|4|0.00|0.00|0.00|30.00",
                // 02-28: I2 200 - 50 credit note = 150; I3 issued 02-20, unpaid
                "2025-02-28|1|0.00|40.00|0.00|60.00",
                "2025-02-28|2|50.00|0.00|0.00|150.00",
                "2025-02-28|3|0.00|0.00|0.00|80.00",
                "2025-02-28|4|0.00|0.00|0.00|30.00",
                // 03-25: I1 100 - 40 - 60 = 0 (second partial payment); I3 80 - 80 = 0; I4 30 - 30 written off = 0
                "2025-03-25|1|0.00|100.00|0.00|0.00",
                "2025-03-25|2|50.00|0.00|0.00|150.00",
                "2025-03-25|3|0.00|80.00|0.00|0.00",
                "2025-03-25|4|0.00|0.00|30.00|0.00");
    }

    @Test
    void unallocatedMoneyStaysOnAccount() {
        // cust 1 always fully allocated (R4 bounced: neither received nor allocated); cust 2 on 03-25:
        // received R3 100 + R5 10 = 110, allocated 80 -> 30 on account (20 over-payment + 10 advance)
        assertThat(rows("SELECT as_of_date, customer_id, received, allocated, on_account FROM mart.ar_on_account "
                + "ORDER BY as_of_date, customer_id")).containsExactly("2025-03-25|2|110.00|80.00|30.00");
    }

    @Test
    void ageingByDueDateFillsBucketsIncludingNotYetDue() {
        assertThat(rows("SELECT as_of_date, customer_id, rep_name, team_name, region_name, bucket, invoices, amount, customer_outstanding "
                + "FROM mart.ar_ageing ORDER BY as_of_date, customer_id, bucket_no")).containsExactly(
                // 01-31: I1 60 due 02-04 and I2 200 due 02-09 not yet due = 260; I4 due 01-17 -> 14 days
                "2025-01-31|1|张伟|华东一组|华东|not yet due|2|260.00|260.00",
                "2025-01-31|2|李娜|华北一组|华北|1-30|1|30.00|30.00",
                // 02-28: I1 24 days + I2 19 days = 60 + 150 = 210; I3 due 04-21 not yet due; I4 42 days
                "2025-02-28|1|张伟|华东一组|华东|1-30|2|210.00|210.00",
                "2025-02-28|2|李娜|华北一组|华北|not yet due|1|80.00|110.00",
                "2025-02-28|2|李娜|华北一组|华北|31-60|1|30.00|110.00",
                // 03-25: only I2 is open, 150 at 44 days past 02-09
                "2025-03-25|1|张伟|华东一组|华东|31-60|1|150.00|150.00");
    }

    @Test
    void ageingByPostingDateUsesTheInvoiceDate() {
        Lake lake = freshLedger("posting");
        Transforms.run(lake.settings().with(Map.of("receivables.ageing.basis", "posting", "receivables.ageing.buckets", "30,60")),
                Progress.silent("test"), AR);
        // 03-25: I2 issued 01-10 -> 21 + 28 + 25 = 74 days, beyond the last bound 60
        assertThat(rows(lake.spark(), "SELECT bucket, min_days, max_days, amount FROM mart.ar_ageing WHERE as_of_date = DATE '2025-03-25'"))
                .containsExactly("over 60|61|null|150.00");
    }

    @Test
    void bucketsReconcileToTheLedgerBalanceForEveryAsOfDate() {
        // balance = invoices - credit notes - live allocations - write-offs, by date:
        // 01-31: (I1 100 + I2 200 + I4 30) - 0 - 40 - 0 = 290; 02-28: (330 + I3 80) - 50 - 40 - 0 = 320;
        // 03-25: 410 - 50 - (40 + 60 + 80) - 30 = 150
        assertThat(rows("SELECT as_of_date, SUM(amount) FROM mart.ar_ageing GROUP BY as_of_date ORDER BY as_of_date"))
                .containsExactly("2025-01-31|290.00", "2025-02-28|320.00", "2025-03-25|150.00");
    }

    @Test
    void fifoAllocatesReceiptsToTheOldestInvoicesWhenTheSourceHasNoAllocations() {
        Lake lake = freshLedger("fifo");
        lake.spark().sql("DROP TABLE raw.finance_receipt_allocations");
        // customer 3: I10 100.00 (01-05), I11 100.00 (01-20), I12 50.00 (03-05); R10 150.00 on 01-25, R11 100.00 on 02-10
        lake.spark().sql("INSERT INTO raw.crm_customers VALUES (3, '广州恒通商贸有限公司', 'EAST', 1, 'business', " + ReceivablesLedger.TS
                + ReceivablesLedger.TS + "false, 'standard', " + ReceivablesLedger.U + ")");
        lake.spark().sql("INSERT INTO raw.finance_invoices VALUES " + ReceivablesLedger.invoice(10, 3, "2025-01-05", "2025-02-04", "100.00")
                + ", " + ReceivablesLedger.invoice(11, 3, "2025-01-20", "2025-02-19", "100.00")
                + ", " + ReceivablesLedger.invoice(12, 3, "2025-03-05", "2025-04-04", "50.00"));
        lake.spark().sql("INSERT INTO raw.finance_receipts VALUES " + ReceivablesLedger.receipt(10, 3, "2025-01-25", "150.00", "cleared", null)
                + ", " + ReceivablesLedger.receipt(11, 3, "2025-02-10", "100.00", "cleared", null));

        Transforms.run(lake.settings().with(Map.of("receivables.allocation", "fifo")), Progress.silent("test"), AR);

        assertThat(rows(lake.spark(), "SELECT as_of_date, invoice_id, received, open_amount FROM mart.ar_ledger "
                + "WHERE as_of_date = DATE '2025-03-25' OR customer_id = 3 ORDER BY as_of_date, invoice_id")).containsExactly(
                // R10 pays I10 100 and I11 50 on 01-25
                "2025-01-31|10|100.00|0.00",
                "2025-01-31|11|50.00|50.00",
                // R11 pays I11's other 50 on 02-10; its remaining 50 waits on account for the next invoice
                "2025-02-28|10|100.00|0.00",
                "2025-02-28|11|100.00|0.00",
                // customers 1 and 2 come out as finance allocated them: I1 R1 + R2, I2 (bounced R4) nothing,
                // I3 80 of R3, I4 written off before any receipt could reach it
                "2025-03-25|1|100.00|0.00",
                "2025-03-25|2|0.00|150.00",
                "2025-03-25|3|80.00|0.00",
                "2025-03-25|4|0.00|0.00",
                "2025-03-25|10|100.00|0.00",
                "2025-03-25|11|100.00|0.00",
                // I12 is paid from R11's remainder on the day it is issued
                "2025-03-25|12|50.00|0.00");
        assertThat(rows(lake.spark(), "SELECT as_of_date, customer_id, on_account FROM mart.ar_on_account ORDER BY as_of_date, customer_id"))
                .containsExactly("2025-02-28|3|50.00", "2025-03-25|2|30.00");
    }

    @Test
    void lateReceiptForAClosedMonthRestatesThatMonth() {
        Lake lake = freshLedger("late");
        Transforms.run(lake.settings(), Progress.silent("test"), AR);
        // a January receipt for I2 reaches finance only after the January figures were published
        lake.spark().sql("INSERT INTO raw.finance_receipts VALUES " + ReceivablesLedger.receipt(6, 1, "2025-01-30", "25.00", "cleared", null));
        lake.spark().sql("INSERT INTO raw.finance_receipt_allocations VALUES " + ReceivablesLedger.allocation(6, 6, 2, "2025-01-30", "25.00", false));
        Transforms.run(lake.settings(), Progress.silent("test"), AR);
        // history restated: 01-31 I2 200 - 25 = 175 (not yet due), cust 1 260 - 25 = 235
        assertThat(rows(lake.spark(), "SELECT open_amount FROM mart.ar_ledger WHERE as_of_date = DATE '2025-01-31' AND invoice_id = 2"))
                .containsExactly("175.00");
        assertThat(rows(lake.spark(), "SELECT bucket, amount FROM mart.ar_ageing WHERE as_of_date = DATE '2025-01-31' AND customer_id = 1"))
                .containsExactly("not yet due|235.00");
    }

    @Test
    void ledgerThatDoesNotReconcileFailsTheJobAndKeepsThePublishedMarts() {
        Lake lake = freshLedger("unreconciled");
        Transforms.run(lake.settings(), Progress.silent("test"), AR);
        long ledger = Sparks.currentSnapshot(lake.spark(), "mart.ar_ledger");
        long ageing = Sparks.currentSnapshot(lake.spark(), "mart.ar_ageing");
        // a credit note dated before its invoice: the balance counts it on 01-31, no invoice of the ledger does
        lake.spark().sql("INSERT INTO raw.finance_credit_notes VALUES (2, 'CN2', 3, 2, NULL, DATE '2025-01-15', 5.00, 'price_adjustment', "
                + ReceivablesLedger.TS + ReceivablesLedger.U + ")");
        assertThatThrownBy(() -> Transforms.run(lake.settings(), Progress.silent("test"), AR))
                .isInstanceOf(TransformException.class)
                .hasMessageContaining("mart.ar_ledger")
                .hasMessageContaining("reconcile to the ledger balance");
        // a new session: the lake's own has loaded both tables and would keep showing the snapshots it loaded
        SparkSession now = Sparks.session(lake.settings());
        assertThat(Sparks.currentSnapshot(now, "mart.ar_ledger")).isEqualTo(ledger);
        assertThat(Sparks.currentSnapshot(now, "mart.ar_ageing")).isEqualTo(ageing);
    }

    @Test
    void dsoIsReceivablesOverTrailingThreeMonthsCreditSalesTimesTheirDays() {
        // window (2024-12-25, 2025-03-25] = 90 days. cust 1: receivables I2 150; sales I1 100 + I2 200 - CN 50 = 250;
        // DSO 150 / 250 x 90 = 54.0. cust 2: receivables 0; sales I3 80 + I4 30 = 110; DSO 0.0.
        // company: 150 / 360 x 90 = 37.5
        assertThat(rows("SELECT level, customer_id, rep_id, region_code, receivables, credit_sales, window_days, dso "
                + "FROM mart.ar_dso WHERE as_of_date = DATE '2025-03-25' ORDER BY level, customer_id, rep_id, region_code"))
                .containsExactly(
                        "company|null|null|null|150.00|360.00|90|37.5",
                        "customer|1|1|EAST|150.00|250.00|90|54.0",
                        "customer|2|2|NORTH|0.00|110.00|90|0.0",
                        "region|null|null|EAST|150.00|250.00|90|54.0",
                        "region|null|null|NORTH|0.00|110.00|90|0.0",
                        "rep|null|1|null|150.00|250.00|90|54.0",
                        "rep|null|2|null|0.00|110.00|90|0.0");
    }

    @Test
    void daysToPayWeighPaymentsOfTheMonthByAmount() {
        // March payments: A2 60.00 on 03-10 for I1 (issued 01-05: 64 days, due 02-04: 34 beyond terms);
        // A3 80.00 on 03-05 for I3 (issued 02-20: 13 days, due 04-21: -47, paid early).
        // company: (60 x 64 + 80 x 13) / 140 = 34.857 -> 34.9; (60 x 34 - 80 x 47) / 140 = -12.286 -> -12.3
        assertThat(rows("SELECT level, customer_id, paid, avg_days_to_pay, avg_days_beyond_terms FROM mart.ar_dso "
                + "WHERE as_of_date = DATE '2025-03-25' AND level IN ('customer', 'company') ORDER BY level, customer_id"))
                .containsExactly("company|null|140.00|34.9|-12.3", "customer|1|60.00|64.0|34.0", "customer|2|80.00|13.0|-47.0");
    }

    @Test
    void exposureIsOpenReceivablesPlusOrdersNotInvoicedAgainstTheValidLimit() {
        // cust 1: the 800.00 limit valid from 03-01; open I2 150.00 + order 5 500.00 not invoiced (order 6 cancelled) = 650.00
        // -> 650 / 800 = 0.8125. cust 2: no finance limit, group strict default 40000.00; nothing open
        assertThat(rows("SELECT customer_id, credit_limit, limit_source, open_receivables, overdue_receivables, uninvoiced_orders, "
                + "uninvoiced_amount, exposure, utilisation, over_limit, excess FROM mart.credit_exposure ORDER BY customer_id"))
                .containsExactly(
                        "1|800.00|finance|150.00|150.00|1|500.00|650.00|0.8125|false|0.00",
                        "2|40000.00|group_default|0.00|0.00|0|0.00|0.00|0.0000|false|0.00");
    }

    @Test
    void ordersAcceptedOverTheLimitShowTheOverrideApproverAndTime() {
        // order 3: 30 + 80 > 100 without override; order 5: 700 + 500 > 1000 approved by 王经理 at 09:30 Shanghai
        assertThat(rows("SELECT order_id, customer_id, order_date, amount, credit_limit, exposure_before, excess, decision, approver, "
                + "CAST(approved_at AS STRING), without_override FROM mart.credit_limit_breach ORDER BY order_id"))
                .containsExactly(
                        "3|2|2025-02-20|80.00|100.00|30.00|10.00|null|null|null|true",
                        "5|1|2025-03-24|500.00|1000.00|700.00|200.00|approved|王经理|2025-03-24 09:30:00|false");
        assertThat(rows("SELECT customer_id, over_limit_orders, over_limit_without_override FROM mart.credit_exposure ORDER BY customer_id"))
                .containsExactly("1|1|0", "2|1|1");
    }

    @Test
    void creditScoreCombinesPaymentBehaviourWithTheAssessmentGrade() {
        // cust 1: days beyond terms (40 x -15 + 60 x 34) / 100 = 14.4 -> 30 x (1 - 14.4/60) = 22.8; overdue share 150/150 = 1 -> 0;
        // one bounced receipt -> 10 x (1 - 1/2) = 5; grade B 70 points -> 30 x 0.7 = 21. Score 48.8: below 50, at least 35 -> guarantee.
        // cust 2: paid 47 days early -> 0 days beyond -> 30; nothing overdue -> 30; no bounce -> 10; never assessed (none 50) -> 15.
        // Score 85.0 -> keep
        assertThat(rows("SELECT customer_id, days_beyond_terms, overdue_share, bounced_receipts, assessment_grade, credit_score, "
                + "suggested_terms FROM mart.credit_exposure ORDER BY customer_id"))
                .containsExactly("1|14.4|1.0000|1|B|48.80|guarantee", "2|-47.0|0.0000|0|null|85.00|keep");
    }

    @Test
    void followUpsDueAreDoneMissedOrDoneLate() {
        // settled: I1 03-10, I3 03-05, I4 03-20 (write-off); I2 open. Levels (day, grace end) due by D 03-25:
        // I1 7 (02-11, 02-13) reminder 02-12; I1 30 (03-06, 03-08) none -> missed; I2 7 (02-16, 02-18) reminder 02-17;
        // I2 30 (03-11, 03-13) call 03-14 (late); I4 7 (01-24, 01-26) none -> missed; I4 30 (02-16, 02-18) call 02-16;
        // I4 60 (03-18, 03-20): settled 03-20, within the grace period -> not due
        assertThat(rows("SELECT invoice_id, level_days, level, level_on, grace_end, rep_id, status, action_type, action_days_after_level "
                + "FROM mart.collection_due ORDER BY invoice_id, level_days"))
                .containsExactly(
                        "1|7|reminder|2025-02-11|2025-02-13|1|done|reminder|1",
                        "1|30|call|2025-03-06|2025-03-08|1|missed|null|null",
                        "2|7|reminder|2025-02-16|2025-02-18|1|done|reminder|1",
                        "2|30|call|2025-03-11|2025-03-13|1|done|call|3",
                        "4|7|reminder|2025-01-24|2025-01-26|2|missed|null|null",
                        "4|30|call|2025-02-16|2025-02-18|2|done|call|0");
    }

    @Test
    void missedFollowUpsAreCountedPerRepAndMonthOfTheLevel() {
        assertThat(rows("SELECT month, rep_id, due, done, done_late, missed, pending FROM mart.collection_rep ORDER BY month, rep_id"))
                .containsExactly(
                        "2025-01-01|2|1|0|0|1|0",
                        "2025-02-01|1|2|2|0|0|0",
                        "2025-02-01|2|1|1|0|0|0",
                        "2025-03-01|1|2|1|1|1|0");
    }

    @Test
    void provisionAppliesTheBucketRatesPerCustomerAndInTotal() {
        // rates not yet due 1 %, 1-30 3 %, 31-60 10 %: 01-31 cust 1 260 x 1 % = 2.60, cust 2 30 x 3 % = 0.90;
        // 02-28 cust 1 210 x 3 % = 6.30, cust 2 80 x 1 % + 30 x 10 % = 3.80; 03-25 cust 1 150 x 10 % = 15.00
        assertThat(rows("SELECT as_of_date, level, customer_id, outstanding, overdue, provision FROM mart.ar_provision "
                + "ORDER BY as_of_date, level DESC, customer_id"))
                .containsExactly(
                        "2025-01-31|customer|1|260.00|0.00|2.60",
                        "2025-01-31|customer|2|30.00|30.00|0.90",
                        "2025-01-31|company|null|290.00|30.00|3.50",
                        "2025-02-28|customer|1|210.00|210.00|6.30",
                        "2025-02-28|customer|2|110.00|30.00|3.80",
                        "2025-02-28|company|null|320.00|240.00|10.10",
                        "2025-03-25|customer|1|150.00|150.00|15.00",
                        "2025-03-25|company|null|150.00|150.00|15.00");
    }

    @Test
    void writeOffsCarryTheirInvoiceApprovalAndEvidence() {
        // I4 30.00 due 01-17, nothing paid: 30.00 open when written off on 03-20 (62 days past due), approved 03-19
        assertThat(rows("SELECT write_off_id, invoice_no, written_off_on, days_past_due, open_before, amount, approved_by, approved_on, "
                + "evidence_ref, evidence_complete, amount_equals_open FROM mart.ar_write_off"))
                .containsExactly("1|INV4|2025-03-20|62|30.00|30.00|财务经理|2025-03-19|WO-2025-1|true|true");
    }
}
