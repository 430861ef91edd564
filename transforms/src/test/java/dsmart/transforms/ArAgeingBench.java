package dsmart.transforms;

import dsmart.lake.Progress;
import dsmart.lake.Settings;
import dsmart.lake.spark.Sparks;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark of the receivables marts (issue 5): a synthetic finance ledger of N invoices over 24 months, then
 * mart.ar_ledger, mart.ar_on_account and mart.ar_ageing built one after the other, each with its data checks (the
 * reconciliation gate included). Invoices run from 2023-12-31 to 2025-12-31, so the as-of dates are 25 month ends
 * plus the data's as-of date early in 2026 (the day of the last bounce). Prints each mart's time and rows and the
 * peak heap. Usage: {@code ArAgeingBench [invoices=1050000] [dir]}; run by bench/ageing.sh.
 *
 * <p>The ledger: invoices spread evenly over 730 days, due 30 days later, 1 customer per 20 invoices (500 reps);
 * 3 % get a credit note of 10 % ten days later; 92 % are paid in one receipt (10 % of those only half) 5–94 days
 * after issue, 5 % of them 200 days later still, 1 % bounced (allocation deleted); unpaid invoices are written
 * off (one in ten) 400 days after issue. Receipts and write-offs after 2025-12-31 are not in the data.
 */
final class ArAgeingBench {
    private ArAgeingBench() {}

    public static void main(String[] args) throws Exception {
        long invoices = args.length > 0 ? Long.parseLong(args[0]) : 1_050_000L;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("dsmart-ageing-bench");
        Settings settings = Settings.builder().overrides(Map.of("data.dir", dir.toString())).build();
        SparkSession spark = Sparks.session(settings);
        long started = System.nanoTime();
        ledger(spark, invoices);
        System.out.printf("ledger of %,d invoices written in %.1f s%n", invoices, seconds(started));
        for (String table : List.of("finance_invoices", "finance_credit_notes", "finance_receipts", "finance_receipt_allocations",
                "finance_write_offs")) {
            System.out.printf("  raw.%s: %,d rows%n", table, spark.sql("SELECT COUNT(*) FROM raw." + table).first().getLong(0));
        }
        for (Mart mart : List.of(new ArLedger(), new ArOnAccount(), new ArAgeing())) {
            long t = System.nanoTime();
            List<Transforms.MartResult> results = Transforms.run(settings, Progress.silent("bench"), List.of(mart));
            System.out.printf("%s: %,d rows in %.1f s%n", mart.table(), results.get(0).rows(), seconds(t));
        }
        System.out.printf("as-of dates: %d; peak heap %,d MB%n",
                spark.sql("SELECT COUNT(DISTINCT as_of_date) FROM mart.ar_ageing").first().getLong(0), peakHeapMb());
        spark.stop();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Σ of the heap pools' peaks: an upper bound of the heap used (includes garbage not yet collected). */
    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }

    private static void ledger(SparkSession spark, long n) {
        ReceivablesLedger.create(spark);
        for (String table : List.of("crm_customers", "crm_reps", "crm_teams", "finance_invoices", "finance_credit_notes",
                "finance_receipts", "finance_receipt_allocations", "finance_write_offs")) {
            spark.sql("DELETE FROM raw." + table);
        }
        String meta = "'U', current_timestamp(), 'bench'";
        String ts = "TIMESTAMP '2026-01-01 00:00:00+00:00'";
        long customers = Math.max(1, n / 20);
        spark.sql("INSERT INTO raw.crm_teams SELECT id, concat('T', id), IF(id % 2 = 0, 'EAST', 'NORTH'), " + ts + ", " + meta
                + " FROM range(1, 101)");
        spark.sql("INSERT INTO raw.crm_reps SELECT id, concat('R', id), 1 + pmod(id, 100), " + ts + ", false, DATE '2023-01-01', NULL, "
                + meta + " FROM range(1, 501)");
        spark.sql("INSERT INTO raw.crm_customers SELECT id, concat('C', id), IF(id % 2 = 0, 'EAST', 'NORTH'), 1 + pmod(id, 500), "
                + "'business', " + ts + ", " + ts + ", false, 'standard', " + meta + " FROM range(1, " + (customers + 1) + ")");
        spark.sql("SELECT id, 1 + pmod(hash(id), " + customers + ") AS customer_id, "
                + "date_add(DATE '2024-01-01', CAST(floor(id * 730.0 / " + n + ") AS INT) - 1) AS issued_on, "
                + "CAST(100 + pmod(hash(id, 1), 900000) / 100.0 AS DECIMAL(18,2)) AS amount, "
                + "pmod(hash(id, 7), 100) < 3 AS credited, pmod(hash(id, 2), 100) < 92 AS paid, pmod(hash(id, 5), 10) = 0 AS half, "
                + "5 + pmod(hash(id, 3), 90) + IF(pmod(hash(id, 4), 100) < 5, 200, 0) AS pay_days, pmod(hash(id, 6), 100) = 0 AS bounced, "
                + "pmod(hash(id, 8), 10) = 0 AS written_off FROM range(1, " + (n + 1) + ")").createOrReplaceTempView("bench_invoice");
        spark.sql("SELECT *, CAST(IF(credited, round(amount * 0.1, 2), 0) AS DECIMAL(18,2)) AS credit, "
                + "date_add(issued_on, pay_days) AS received_on FROM bench_invoice").createOrReplaceTempView("bench_ledger");
        spark.sql("INSERT INTO raw.finance_invoices SELECT id, concat('INV', id), id, customer_id, issued_on, date_add(issued_on, 30), "
                + "amount, " + ts + ", 'NET30', " + meta + " FROM bench_ledger");
        spark.sql("INSERT INTO raw.finance_credit_notes SELECT id, concat('CN', id), id, customer_id, NULL, date_add(issued_on, 10), "
                + "credit, 'price_adjustment', " + ts + ", " + meta + " FROM bench_ledger WHERE credited AND date_add(issued_on, 10) <= DATE '2025-12-31'");
        String receipt = "CAST(IF(half, round((amount - credit) / 2, 2), amount - credit) AS DECIMAL(18,2))";
        spark.sql("INSERT INTO raw.finance_receipts SELECT id, concat('RC', id), customer_id, received_on, " + receipt
                + ", 'transfer', concat('B', id), IF(bounced, 'bounced', 'cleared'), IF(bounced, date_add(received_on, 3), NULL), " + ts
                + ", " + meta + " FROM bench_ledger WHERE paid AND received_on <= DATE '2025-12-31'");
        spark.sql("INSERT INTO raw.finance_receipt_allocations SELECT id, id, id, received_on, " + receipt + ", " + ts + ", bounced, "
                + meta + " FROM bench_ledger WHERE paid AND received_on <= DATE '2025-12-31'");
        spark.sql("INSERT INTO raw.finance_write_offs SELECT id, id, customer_id, date_add(issued_on, 400), amount - credit, '无法收回', "
                + "'财务经理', date_add(issued_on, 399), concat('WO', id), " + ts + ", " + meta
                + " FROM bench_ledger WHERE NOT paid AND written_off AND date_add(issued_on, 400) <= DATE '2025-12-31'");
    }
}
