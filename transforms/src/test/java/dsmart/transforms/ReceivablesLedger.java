package dsmart.transforms;

import dsmart.lake.spark.Sparks;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * A hand-checked receivables ledger (business dates, amounts in yuan):
 * <pre>
 * I1 cust 1  issued 01-05 due 02-04  100.00  R1 40.00 on 01-20 (before due), R2 60.00 on 03-10 (partial payments)
 * I2 cust 1  issued 01-10 due 02-09  200.00  credit note 50.00 on 02-15; R4 30.00 on 02-01 bounced 02-05 (allocation deleted)
 * I3 cust 2  issued 02-20 due 04-21   80.00  R3 100.00 on 03-05, 80.00 allocated (over-payment: 20.00 on account)
 * I4 cust 2  issued 01-02 due 01-17   30.00  written off 03-20
 * R5 cust 2  10.00 on 03-25, not allocated (advance payment: on account)
 * </pre>
 * Credit and collections: customer 1 is in CRM group standard with finance limits 1000.00
 * (2024-12-01 to 2025-03-01) then 800.00, assessed B; customer 2 (group strict) has no limit and no assessment.
 * Orders 1-4 are the invoices' orders (rep 1: orders 1, 2; rep 2: orders 3, 4); order 3 was accepted over its
 * limit (30.00 + 80.00 > 100.00) without an override; order 5 (customer 1, 500.00 on 03-24, not invoiced) over
 * its limit (700.00 + 500.00 > 1000.00) with an approved override; order 6 cancelled.
 * Collection actions: I1 reminder 02-12, I2 reminder 02-17, I2 call 03-14 (after its grace period), I4 call 02-16.
 * Events run from 2025-01-02 to 2025-03-25: as-of dates 2025-01-31, 2025-02-28 and 2025-03-25 (the data's).
 */
final class ReceivablesLedger {
    static final String META = ", _op STRING, _ingested_at TIMESTAMP, _run_id STRING) USING iceberg";
    static final String U = "'U', current_timestamp(), 'r1'";
    static final String TS = "TIMESTAMP '2025-03-26 00:00:00+00:00', ";

    private ReceivablesLedger() {}

    /** The raw tables of the ledger above, in the session's lake. */
    static void create(SparkSession spark) {
        Sparks.createNamespace(spark, "raw");
        spark.sql("CREATE TABLE raw.crm_regions (region_code STRING, region_name STRING, updated_at TIMESTAMP" + META);
        spark.sql("CREATE TABLE raw.crm_customers (customer_id BIGINT, customer_name STRING, region_code STRING, owner_rep_id BIGINT, "
                + "customer_type STRING, created_at TIMESTAMP, updated_at TIMESTAMP, deleted BOOLEAN, credit_group STRING" + META);
        spark.sql("CREATE TABLE raw.crm_reps (rep_id BIGINT, rep_name STRING, team_id BIGINT, updated_at TIMESTAMP, deleted BOOLEAN, "
                + "hired_on DATE, left_on DATE" + META);
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
        spark.sql("INSERT INTO raw.crm_reps VALUES (1, '张伟', 10, " + TS + "false, DATE '2024-01-01', NULL, " + U + "), "
                + "(2, '李娜', 20, " + TS + "false, DATE '2024-01-01', NULL, " + U + ")");
        spark.sql("INSERT INTO raw.crm_customers VALUES "
                + "(1, '上海华信贸易有限公司', 'EAST', 1, 'business', " + TS + TS + "false, 'standard', " + U + "), "
                + "(2, '北京宏达科技有限公司', 'NORTH', 2, 'business', " + TS + TS + "false, 'strict', " + U + ")");
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
        creditAndCollections(spark);
        KEYS.forEach((table, key) -> spark.sql("ALTER TABLE " + table + " SET TBLPROPERTIES ('" + Sparks.KEY_PROPERTY + "'='" + key + "')"));
    }

    /** The raw tables' keys, kept in their properties as ingestion keeps them. */
    private static final Map<String, String> KEYS = Map.ofEntries(
            Map.entry("raw.crm_regions", "region_code"), Map.entry("raw.crm_customers", "customer_id"),
            Map.entry("raw.crm_reps", "rep_id"), Map.entry("raw.crm_teams", "team_id"),
            Map.entry("raw.finance_invoices", "invoice_id"), Map.entry("raw.finance_credit_notes", "credit_note_id"),
            Map.entry("raw.finance_receipts", "receipt_id"),
            Map.entry("raw.finance_receipt_allocations", "allocation_id"),
            Map.entry("raw.finance_write_offs", "write_off_id"), Map.entry("raw.finance_credit_limits", "credit_limit_id"),
            Map.entry("raw.finance_credit_assessments", "assessment_id"),
            Map.entry("raw.finance_collection_actions", "action_id"), Map.entry("raw.orders_orders", "order_id"),
            Map.entry("raw.orders_credit_overrides", "override_id"));

    private static void creditAndCollections(SparkSession spark) {
        spark.sql("CREATE TABLE raw.finance_credit_limits (credit_limit_id BIGINT, customer_id BIGINT, assessment_id BIGINT, "
                + "credit_limit DECIMAL(18,2), terms_code STRING, guarantee_required BOOLEAN, valid_from DATE, valid_to DATE, "
                + "approved_by STRING, updated_at TIMESTAMP" + META);
        spark.sql("CREATE TABLE raw.finance_credit_assessments (assessment_id BIGINT, customer_id BIGINT, assessed_on DATE, grade STRING, "
                + "score INT, operations_note STRING, financial_note STRING, credit_record_note STRING, assessor STRING, "
                + "updated_at TIMESTAMP" + META);
        spark.sql("CREATE TABLE raw.finance_collection_actions (action_id BIGINT, invoice_id BIGINT, customer_id BIGINT, rep_id BIGINT, "
                + "action_type STRING, action_on DATE, days_overdue INT, outcome STRING, updated_at TIMESTAMP" + META);
        spark.sql("CREATE TABLE raw.orders_orders (order_id BIGINT, order_no STRING, customer_id BIGINT, rep_id BIGINT, channel STRING, "
                + "ordered_at TIMESTAMP, status STRING, amount DECIMAL(18,2), updated_at TIMESTAMP, credit_limit DECIMAL(18,2), "
                + "credit_exposure DECIMAL(18,2), credit_status STRING" + META);
        spark.sql("CREATE TABLE raw.orders_credit_overrides (override_id BIGINT, order_id BIGINT, customer_id BIGINT, "
                + "requested_by_rep_id BIGINT, requested_at TIMESTAMP, credit_limit DECIMAL(18,2), exposure DECIMAL(18,2), "
                + "order_amount DECIMAL(18,2), decision STRING, approver STRING, approved_at TIMESTAMP, updated_at TIMESTAMP" + META);
        spark.sql("INSERT INTO raw.finance_credit_assessments VALUES (1, 1, DATE '2024-11-30', 'B', 75, '经营正常', '财务状况一般', "
                + "'偶有逾期', '财务经理', " + TS + U + ")");
        spark.sql("INSERT INTO raw.finance_credit_limits VALUES "
                + "(1, 1, 1, 1000.00, 'NET30', false, DATE '2024-12-01', DATE '2025-03-01', '财务经理', " + TS + U + "), "
                + "(2, 1, 1, 800.00, 'NET30', false, DATE '2025-03-01', NULL, '财务经理', " + TS + U + ")");
        spark.sql("INSERT INTO raw.finance_collection_actions VALUES " + action(1, 1, 1, 1, "reminder", "2025-02-12")
                + ", " + action(2, 2, 1, 1, "reminder", "2025-02-17") + ", " + action(3, 2, 1, 1, "call", "2025-03-14")
                + ", " + action(4, 4, 2, 2, "call", "2025-02-16"));
        spark.sql("INSERT INTO raw.orders_orders VALUES " + order(1, 1, 1, "2025-01-05", "confirmed", "100.00", "1000.00", "0.00")
                + ", " + order(2, 1, 1, "2025-01-10", "confirmed", "200.00", "1000.00", "100.00")
                + ", " + order(3, 2, 2, "2025-02-20", "confirmed", "80.00", "100.00", "30.00")
                + ", " + order(4, 2, 2, "2025-01-02", "confirmed", "30.00", "100.00", "0.00")
                + ", " + order(5, 1, 1, "2025-03-24", "confirmed", "500.00", "1000.00", "700.00")
                + ", " + order(6, 1, 1, "2025-03-24", "cancelled", "900.00", "1000.00", "700.00"));
        spark.sql("INSERT INTO raw.orders_credit_overrides VALUES (1, 5, 1, 1, TIMESTAMP '2025-03-24 01:00:00+00:00', 1000.00, 700.00, "
                + "500.00, 'approved', '王经理', TIMESTAMP '2025-03-24 01:30:00+00:00', " + TS + U + ")");
    }

    private static String action(int id, int invoice, int customer, int rep, String type, String on) {
        return "(" + id + ", " + invoice + ", " + customer + ", " + rep + ", '" + type + "', DATE '" + on + "', 0, '已联系', " + TS + U + ")";
    }

    /** An order entered at 10:00 Shanghai time on the given business date. */
    private static String order(int id, int customer, int rep, String day, String status, String amount, String limit, String exposure) {
        return "(" + id + ", 'SO" + id + "', " + customer + ", " + rep + ", 'phone', TIMESTAMP '" + day + " 10:00:00+08:00', '" + status
                + "', " + amount + ", " + TS + limit + ", " + exposure + ", '"
                + (new java.math.BigDecimal(exposure).add(new java.math.BigDecimal(amount)).compareTo(new java.math.BigDecimal(limit)) > 0
                        ? "over_limit" : "within_limit") + "', " + U + ")";
    }

    static String invoice(int id, int customer, String issued, String due, String amount) {
        return "(" + id + ", 'INV" + id + "', " + id + ", " + customer + ", DATE '" + issued + "', DATE '" + due + "', "
                + amount + ", " + TS + "'NET30', " + U + ")";
    }

    static String receipt(int id, int customer, String on, String amount, String status, String bounced) {
        return "(" + id + ", 'R" + id + "', " + customer + ", DATE '" + on + "', " + amount + ", 'transfer', 'B" + id + "', '" + status
                + "', " + (bounced == null ? "NULL" : "DATE '" + bounced + "'") + ", " + TS + U + ")";
    }

    static String allocation(int id, int receipt, int invoice, String on, String amount, boolean deleted) {
        return "(" + id + ", " + receipt + ", " + invoice + ", DATE '" + on + "', " + amount + ", " + TS + deleted + ", " + U + ")";
    }
}
