package dsmart.cli;

import dsmart.lake.Settings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One business day of change in the order and finance systems, with plain JDBC: about half a percent of the orders (and
 * their lines) touched as a status update would touch them, and as many new orders, copies of existing ones (same
 * customer, rep and lines) entered on the latest order day, their other dates moved with them; in finance, the new orders' invoices (copies of the
 * originals' invoices) and as many new receipts (copies, cleared, not allocated) on the latest finance day (the receivables' data as-of date), and half a
 * percent of the receipts touched with no other change. Every changed row gets a cursor past the watermark.
 */
final class IncrementalDay {
    /** What the day changed. */
    record Changes(long ordersTouched, long linesTouched, long ordersAdded, long linesAdded, long invoicesAdded, long receiptsAdded,
            long receiptsTouched) {
        long rows() {
            return ordersTouched + linesTouched + ordersAdded + linesAdded + invoicesAdded + receiptsAdded + receiptsTouched;
        }
    }

    private IncrementalDay() {}

    /** Applies the day; {@code day} (1, 2, …) keeps the copies of successive days apart. */
    static Changes apply(Settings settings, int day) {
        Orders orders = orders(settings, day);
        return finance(settings, day, orders);
    }

    private record Orders(long maxId, long touched, long linesTouched, long added, long linesAdded) {}

    private static Orders orders(Settings settings, int day) {
        try (Connection orders = DriverManager.getConnection(settings.text("source.orders.url"), settings.text("source.orders.user"),
                settings.text("source.orders.password"));
                Statement statement = orders.createStatement()) {
            orders.setAutoCommit(false);
            long maxId = single(statement, "SELECT MAX(order_id) FROM orders");
            String stamp = "(SELECT MAX(updated_at) + INTERVAL '1' MINUTE FROM orders)";
            statement.execute("CREATE LOCAL TEMPORARY TABLE day_stamp AS SELECT " + stamp + " AS at");
            String at = "(SELECT at FROM day_stamp)";
            long ordersTouched = statement.executeUpdate("UPDATE orders SET updated_at = " + at + " WHERE MOD(order_id, 200) = " + (day % 200));
            long linesTouched = statement.executeUpdate("UPDATE order_lines SET updated_at = " + at + " WHERE MOD(order_id, 200) = " + (day % 200));
            // copies of every 200th order (another residue than the touched ones), entered on the latest order day
            int residue = (day + 100) % 200;
            statement.execute("CREATE LOCAL TEMPORARY TABLE day_orders AS SELECT * FROM orders WHERE MOD(order_id, 200) = " + residue);
            statement.execute("CREATE LOCAL TEMPORARY TABLE day_lines AS SELECT * FROM order_lines WHERE MOD(order_id, 200) = " + residue);
            // order numbers go on from the last one issued (SO + yyyymm + 7-digit sequence without gaps, rule P-6.1)
            statement.execute("CREATE LOCAL TEMPORARY TABLE day_numbers AS SELECT order_id, ROW_NUMBER() OVER (ORDER BY order_id) AS n "
                    + "FROM day_orders");
            String lastNumber = "(SELECT MAX(order_no) FROM orders WHERE CAST(SUBSTRING(order_no, 9) AS BIGINT) = "
                    + "(SELECT MAX(CAST(SUBSTRING(order_no, 9) AS BIGINT)) FROM orders))";
            statement.execute("UPDATE day_orders SET order_no = CONCAT(SUBSTRING(" + lastNumber + ", 1, 8), LPAD(CAST("
                    + "CAST(SUBSTRING(" + lastNumber + ", 9) AS BIGINT) + (SELECT n FROM day_numbers d WHERE d.order_id = day_orders.order_id)"
                    + " AS VARCHAR), 7, '0'))");
            // the copies' other dates move with their order date, as a new order's would (SET reads the row before the update)
            String shift = "((SELECT MAX(ordered_at) FROM orders) - ordered_at)";
            statement.execute("UPDATE day_orders SET order_id = order_id + " + maxId + ", "
                    + "ordered_at = (SELECT MAX(ordered_at) FROM orders), "
                    + "delivery_promised_on = CAST(delivery_promised_on + " + shift + " AS DATE), "
                    + "cancelled_at = cancelled_at + " + shift + ", updated_at = " + at);
            statement.execute("UPDATE day_lines SET order_id = order_id + " + maxId + ", updated_at = " + at);
            long ordersAdded = statement.executeUpdate("INSERT INTO orders SELECT * FROM day_orders");
            long linesAdded = statement.executeUpdate("INSERT INTO order_lines SELECT * FROM day_lines");
            statement.execute("DROP TABLE day_orders");
            statement.execute("DROP TABLE day_lines");
            statement.execute("DROP TABLE day_stamp");
            statement.execute("DROP TABLE day_numbers");
            orders.commit();
            return new Orders(maxId, ordersTouched, linesTouched, ordersAdded, linesAdded);
        } catch (SQLException e) {
            throw new IllegalStateException("incremental day on the order system: " + e.getMessage(), e);
        }
    }

    /** The finance side of the day: the copied orders' invoices, as many new receipts, receipts re-stamped. */
    private static Changes finance(Settings settings, int day, Orders orders) {
        try (Connection finance = DriverManager.getConnection(settings.text("source.finance.url"), settings.text("source.finance.user"),
                settings.text("source.finance.password"));
                Statement statement = finance.createStatement()) {
            finance.setAutoCommit(false);
            int residue = (day + 100) % 200;
            long maxInvoice = single(statement, "SELECT COALESCE(MAX(invoice_id), 0) FROM invoices");
            long maxReceipt = single(statement, "SELECT COALESCE(MAX(receipt_id), 0) FROM receipts");
            statement.execute("CREATE LOCAL TEMPORARY TABLE day_stamp AS SELECT "
                    + "(SELECT MAX(updated_at) + INTERVAL '1' MINUTE FROM receipts) AS at, "
                    + "GREATEST((SELECT MAX(issued_on) FROM invoices), (SELECT MAX(issued_on) FROM credit_notes), "
                    + "(SELECT MAX(received_on) FROM receipts), (SELECT MAX(bounced_on) FROM receipts), "
                    + "(SELECT MAX(allocated_on) FROM receipt_allocations), (SELECT MAX(written_off_on) FROM write_offs)) AS day_on");
            String at = "(SELECT at FROM day_stamp)";
            String on = "(SELECT day_on FROM day_stamp)";
            long receiptsTouched = statement.executeUpdate("UPDATE receipts SET updated_at = " + at + " WHERE MOD(receipt_id, 200) = "
                    + (day % 200));
            statement.execute("CREATE LOCAL TEMPORARY TABLE day_invoices AS SELECT * FROM invoices WHERE MOD(order_id, 200) = " + residue);
            statement.execute("UPDATE day_invoices SET invoice_id = invoice_id + " + maxInvoice + ", order_id = order_id + " + orders.maxId()
                    + ", invoice_no = CONCAT('D" + day + "-', CAST(invoice_id AS VARCHAR(20))), due_on = due_on + (" + on + " - issued_on), "
                    + "issued_on = " + on + ", updated_at = " + at);
            long invoicesAdded = statement.executeUpdate("INSERT INTO invoices SELECT * FROM day_invoices");
            statement.execute("CREATE LOCAL TEMPORARY TABLE day_receipts AS SELECT * FROM receipts WHERE MOD(receipt_id, 200) = " + residue);
            statement.execute("UPDATE day_receipts SET receipt_id = receipt_id + " + maxReceipt + ", receipt_no = CONCAT('D" + day + "-', "
                    + "CAST(receipt_id AS VARCHAR(20))), received_on = " + on + ", status = 'cleared', bounced_on = NULL, updated_at = " + at);
            long receiptsAdded = statement.executeUpdate("INSERT INTO receipts SELECT * FROM day_receipts");
            statement.execute("DROP TABLE day_invoices");
            statement.execute("DROP TABLE day_receipts");
            statement.execute("DROP TABLE day_stamp");
            finance.commit();
            return new Changes(orders.touched(), orders.linesTouched(), orders.added(), orders.linesAdded(), invoicesAdded, receiptsAdded,
                    receiptsTouched);
        } catch (SQLException e) {
            throw new IllegalStateException("incremental day on the finance system: " + e.getMessage(), e);
        }
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
