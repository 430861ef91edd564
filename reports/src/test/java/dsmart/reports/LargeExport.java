package dsmart.reports;

import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The customer-sales pack (XLSX + CSV) over a DuckDB mart of N generated customers, in this JVM; prints
 * {@code rows=… seconds=… peak_heap_mb=…}. Run by {@link LargeExportTest} in a JVM with -Xmx1g, and by bench/reports.sh.
 *
 * <p>{@code java … dsmart.reports.LargeExport ROWS ARCHIVE_DIR}
 */
final class LargeExport {
    private LargeExport() {}

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]);
        Path archive = Path.of(args[1]);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        try (MartQuery port = JdbcMartQuery.over(customers(rows))) {
            ArchivedReport report = Fixtures.reports(archive).generate(
                    ReportRequest.of(CustomerSalesPack.NAME, Period.month(2024, 2), Scope.company(), Language.ZH_CN, "bench"), port);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1e9;
            System.out.printf(Locale.ROOT, "rows=%d seconds=%.2f thread_cpu_s=%.2f peak_heap_mb=%.0f max_heap_mb=%d manifest=%s%n",
                    report.manifest().files().get(0).rows(), seconds, cpu, peakHeap() / 1048576.0,
                    Runtime.getRuntime().maxMemory() / 1048576, report.manifestFile());
        }
    }

    /** Sum of the heap pools' peaks since the reset: an upper bound of the heap used at any one time. */
    static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** An in-memory mart.customer_sales of {@code rows} customers (Chinese names, three regions, skewed revenue). */
    static Connection customers(int rows) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA mart");
            statement.execute("""
                    CREATE TABLE mart.customer_sales AS
                    SELECT i::BIGINT AS customer_id,
                           '客户' || i || '商贸有限公司' AS customer_name,
                           CASE i % 3 WHEN 0 THEN '华东' WHEN 1 THEN '华南' ELSE '华北' END AS region_name,
                           (1 + i % 97)::BIGINT AS orders,
                           ((i * 7919) % 100000000 / 100.0)::DECIMAL(18,2) AS revenue,
                           ((i * 104729) % 20000000 / 100.0)::DECIMAL(18,2) AS gross_profit,
                           DATE '2023-01-01' + (i % 365)::INTEGER AS first_order_date,
                           DATE '2024-01-01' + (i % 59)::INTEGER AS last_order_date
                    FROM range(1, {rows} + 1) r(i)""".replace("{rows}", Integer.toString(rows)));
        }
        return connection;
    }
}
