package dsmart.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dsmart.lake.Progress;
import dsmart.lake.Settings;
import dsmart.lake.spark.Sparks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-checked receivables ledger (business dates, amounts in yuan):
 * <pre>
 * I1 cust 1  issued 01-05 due 02-04  100.00  R1 40.00 on 01-20 (before due), R2 60.00 on 03-10 (partial payments)
 * I2 cust 1  issued 01-10 due 02-09  200.00  credit note 50.00 on 02-15; R4 30.00 on 02-01 bounced 02-05 (allocation deleted)
 * I3 cust 2  issued 02-20 due 04-21   80.00  R3 100.00 on 03-05, 80.00 allocated (over-payment: 20.00 on account)
 * I4 cust 2  issued 01-02 due 01-17   30.00  written off 03-20
 * R5 cust 2  10.00 on 03-25, not allocated (advance payment: on account)
 * </pre>
 * Events run from 2025-01-02 to 2025-03-25: as-of dates 2025-01-31, 2025-02-28 and 2025-03-25 (the data's).
 */
@Disabled("receivables marts unregistered from Transforms.MARTS until a Spark optimizer assertion at generated scale is understood (issue 5)")
class ReceivablesTest {
    private static final String META = ", _op STRING, _ingested_at TIMESTAMP, _run_id STRING) USING iceberg";
    private static final String U = "'U', current_timestamp(), 'r1'";
    private static final String TS = "TIMESTAMP '2025-03-26 00:00:00+00:00', ";

    @TempDir
    Path dir;
    private Settings settings;
    private SparkSession spark;

    @BeforeEach
    void rawTables() {
        settings = Settings.builder().overrides(Map.of("data.dir", dir.toString())).build();
        spark = Sparks.session(settings);
        Sparks.createNamespace(spark, "raw");
        spark.sql("CREATE TABLE raw.crm_regions (region_code STRING, region_name STRING, updated_at TIMESTAMP" + META);
        spark.sql("CREATE TABLE raw.crm_customers (customer_id BIGINT, customer_name STRING, region_code STRING, owner_rep_id BIGINT, "
                + "customer_type STRING, created_at TIMESTAMP, updated_at TIMESTAMP, deleted BOOLEAN" + META);
        spark.sql("CREATE TABLE raw.crm_reps (rep_id BIGINT, rep_name STRING, team_id BIGINT, updated_at TIMESTAMP, deleted BOOLEAN" + META);
        spark.sql("CREATE TABLE raw.crm_teams (team_id BIGINT, team_name STRING, region_code STRING, updated_at TIMESTAMP" + META);
        spark.sql("CREATE TABLE raw.finance_invoices (invoice_id BIGINT, invoice_no STRING, order_id BIGINT, customer_id BIGINT, "
                + "issued_on DATE, due_on DATE, amount DECIMAL(18,2), updated_at TIMESTAMP, terms_code STRING" + META);
        spark.sql("CREATE TABLE raw.finance_credit_notes (credit_note_id BIGINT, credit_note_no STRING, invoice_id BIGINT, "
                + "customer_id BIGINT, return_id BIGINT, issued_on DATE, amount DECIMAL(18,2), reason STRING, updated_at TIMESTAMP" + META);
        spark.sql("CREATE TABLE raw.finance_receipts (receipt_id BIGINT, receipt_no STRING, customer_id BIGINT, received_on DATE, "
                + "amount DECIMAL(18,2), payment_method STRING, bank_reference STRING, status STRING, bounced_on DATE, "
                + "updated_at TIMESTAMP" + META);
        spark.sql("CREATE TABLE raw.finance_receipt_allocations (allocation_id BIGINT, receipt_id BIGINT, invoice_id BIGINT, "
                + "allocated_on DATE, amount DECIMAL(18,2), updated_at TIMESTAMP, deleted BOOLEAN" + META);
        spark.sql("CREATE TABLE raw.finance_write_offs (write_off_id BIGINT, invoice_id BIGINT, customer_id BIGINT, written_off_on DATE, "
                + "amount DECIMAL(18,2), reason STRING, approved_by STRING, approved_on DATE, evidence_ref STRING, updated_at TIMESTAMP"
                + META);
        spark.sql("INSERT INTO raw.crm_regions VALUES ('EAST', '华东', " + TS + U + "), ('NORTH', '华北', " + TS + U + ")");
        spark.sql("INSERT INTO raw.crm_teams VALUES (10, '华东一组', 'EAST', " + TS + U + "), (20, '华北一组', 'NORTH', " + TS + U + ")");
        spark.sql("INSERT INTO raw.crm_reps VALUES (1, '张伟', 10, " + TS + "false, " + U + "), (2, '李娜', 20, " + TS + "false, " + U + ")");
        spark.sql("INSERT INTO raw.crm_customers VALUES "
                + "(1, '上海华信贸易有限公司', 'EAST', 1, 'business', " + TS + TS + "false, " + U + "), "
                + "(2, '北京宏达科技有限公司', 'NORTH', 2, 'business', " + TS + TS + "false, " + U + ")");
        spark.sql("INSERT INTO raw.finance_invoices VALUES " + invoice(1, 1, "2025-01-05", "2025-02-04", "100.00")
                + ", " + invoice(2, 1, "2025-01-10", "2025-02-09", "200.00") + ", " + invoice(3, 2, "2025-02-20", "2025-04-21", "80.00")
                + ", " + invoice(4, 2, "2025-01-02", "2025-01-17", "30.00"));
        spark.sql("INSERT INTO raw.finance_credit_notes VALUES (1, 'CN1', 2, 1, 7, DATE '2025-02-15', 50.00, 'return', " + TS + U + ")");
        spark.sql("INSERT INTO raw.finance_receipts VALUES " + receipt(1, 1, "2025-01-20", "40.00", "cleared", null)
                + ", " + receipt(2, 1, "2025-03-10", "60.00", "cleared", null) + ", " + receipt(3, 2, "2025-03-05", "100.00", "cleared", null)
                + ", " + receipt(4, 1, "2025-02-01", "30.00", "bounced", "2025-02-05") + ", " + receipt(5, 2, "2025-03-25", "10.00", "cleared", null));
        spark.sql("INSERT INTO raw.finance_receipt_allocations VALUES " + allocation(1, 1, 1, "2025-01-20", "40.00", false)
                + ", " + allocation(2, 2, 1, "2025-03-10", "60.00", false) + ", " + allocation(3, 3, 3, "2025-03-05", "80.00", false)
                + ", " + allocation(4, 4, 2, "2025-02-01", "30.00", true));
        spark.sql("INSERT INTO raw.finance_write_offs VALUES (1, 4, 2, DATE '2025-03-20', 30.00, '无法收回', '财务经理', DATE '2025-03-19', "
                + "'WO-2025-1', " + TS + U + ")");
    }

    private static String invoice(int id, int customer, String issued, String due, String amount) {
        return "(" + id + ", 'INV" + id + "', " + id + ", " + customer + ", DATE '" + issued + "', DATE '" + due + "', "
                + amount + ", " + TS + "'NET30', " + U + ")";
    }

    private static String receipt(int id, int customer, String on, String amount, String status, String bounced) {
        return "(" + id + ", 'R" + id + "', " + customer + ", DATE '" + on + "', " + amount + ", 'transfer', 'B" + id + "', '" + status
                + "', " + (bounced == null ? "NULL" : "DATE '" + bounced + "'") + ", " + TS + U + ")";
    }

    private static String allocation(int id, int receipt, int invoice, String on, String amount, boolean deleted) {
        return "(" + id + ", " + receipt + ", " + invoice + ", DATE '" + on + "', " + amount + ", " + TS + deleted + ", " + U + ")";
    }

    private List<String> rows(String sql) {
        return spark.sql(sql).collectAsList().stream().map(r -> r.mkString("|")).toList();
    }

    @Test
    void asOfDatesAreMonthEndsAndTheDataAsOfDate() {
        Transforms.run(settings, Progress.silent("test"));
        // events from 2025-01-02 to 2025-03-25: January and February month ends, then the data's own day
        assertThat(rows("SELECT DISTINCT as_of_date FROM mart.ar_ledger ORDER BY as_of_date"))
                .containsExactly("2025-01-31", "2025-02-28", "2025-03-25");
    }

    @Test
    void ledgerNetsCreditNotesLiveAllocationsAndWriteOffs() {
        Transforms.run(settings, Progress.silent("test"));
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
        Transforms.run(settings, Progress.silent("test"));
        // cust 1 always fully allocated (R4 bounced: neither received nor allocated); cust 2 on 03-25:
        // received R3 100 + R5 10 = 110, allocated 80 -> 30 on account (20 over-payment + 10 advance)
        assertThat(rows("SELECT as_of_date, customer_id, received, allocated, on_account FROM mart.ar_on_account "
                + "ORDER BY as_of_date, customer_id")).containsExactly("2025-03-25|2|110.00|80.00|30.00");
    }

    @Test
    void ageingByDueDateFillsBucketsIncludingNotYetDue() {
        Transforms.run(settings, Progress.silent("test"));
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
        Transforms.run(settings.with(Map.of("receivables.ageing.basis", "posting", "receivables.ageing.buckets", "30,60")),
                Progress.silent("test"));
        // 03-25: I2 issued 01-10 -> 21 + 28 + 25 = 74 days, beyond the last bound 60
        assertThat(rows("SELECT bucket, min_days, max_days, amount FROM mart.ar_ageing WHERE as_of_date = DATE '2025-03-25'"))
                .containsExactly("over 60|61|null|150.00");
    }

    @Test
    void bucketsReconcileToTheLedgerBalanceForEveryAsOfDate() {
        Transforms.run(settings, Progress.silent("test"));
        // balance = invoices - credit notes - live allocations - write-offs, by date:
        // 01-31: (I1 100 + I2 200 + I4 30) - 0 - 40 - 0 = 290; 02-28: (330 + I3 80) - 50 - 40 - 0 = 320;
        // 03-25: 410 - 50 - (40 + 60 + 80) - 30 = 150
        assertThat(rows("SELECT as_of_date, SUM(amount) FROM mart.ar_ageing GROUP BY as_of_date ORDER BY as_of_date"))
                .containsExactly("2025-01-31|290.00", "2025-02-28|320.00", "2025-03-25|150.00");
    }

    @Test
    void lateReceiptForAClosedMonthRestatesThatMonth() {
        Transforms.run(settings, Progress.silent("test"));
        // a January receipt for I2 reaches finance only after the January figures were published
        spark.sql("INSERT INTO raw.finance_receipts VALUES " + receipt(6, 1, "2025-01-30", "25.00", "cleared", null));
        spark.sql("INSERT INTO raw.finance_receipt_allocations VALUES " + allocation(6, 6, 2, "2025-01-30", "25.00", false));
        Transforms.run(settings, Progress.silent("test"));
        // history restated: 01-31 I2 200 - 25 = 175 (not yet due), cust 1 260 - 25 = 235
        assertThat(rows("SELECT open_amount FROM mart.ar_ledger WHERE as_of_date = DATE '2025-01-31' AND invoice_id = 2"))
                .containsExactly("175.00");
        assertThat(rows("SELECT bucket, amount FROM mart.ar_ageing WHERE as_of_date = DATE '2025-01-31' AND customer_id = 1"))
                .containsExactly("not yet due|235.00");
    }

    @Test
    void ledgerThatDoesNotReconcileFailsTheJobAndKeepsThePublishedMarts() {
        Transforms.run(settings, Progress.silent("test"));
        long ledger = Sparks.currentSnapshot(spark, "mart.ar_ledger");
        long ageing = Sparks.currentSnapshot(spark, "mart.ar_ageing");
        // a credit note dated before its invoice: the balance counts it on 01-31, no invoice of the ledger does
        spark.sql("INSERT INTO raw.finance_credit_notes VALUES (2, 'CN2', 3, 2, NULL, DATE '2025-01-15', 5.00, 'price_adjustment', "
                + TS + U + ")");
        assertThatThrownBy(() -> Transforms.run(settings, Progress.silent("test")))
                .isInstanceOf(TransformException.class)
                .hasMessageContaining("mart.ar_ledger")
                .hasMessageContaining("reconcile to the ledger balance");
        assertThat(Sparks.currentSnapshot(spark, "mart.ar_ledger")).isEqualTo(ledger);
        assertThat(Sparks.currentSnapshot(spark, "mart.ar_ageing")).isEqualTo(ageing);
    }
}
