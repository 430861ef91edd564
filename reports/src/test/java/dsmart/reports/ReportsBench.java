package dsmart.reports;

import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import dsmart.serving.NamedQuery;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Benchmark, not a test (surefire does not pick it up by name): the executive-sales pack over a year of
 * about 10,000 detail rows (12 months × 278 regions × 3 channels), as a PDF only and as the whole pack
 * (PDF + XLSX + CSV): the first generation (cold: the template is compiled), {@value #WARM_UP} unmeasured, then
 * WARM_RUNS measured (warm). Run by bench/reports.sh:
 * {@code java -Xmx1g … dsmart.reports.ReportsBench WARM_RUNS ARCHIVE_DIR}.
 */
final class ReportsBench {
    static final int REGIONS = 278;
    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Generations after the cold one that are not measured. */
    static final int WARM_UP = 3;

    private ReportsBench() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Path archive = Path.of(args[1]);
        ReportRequest request = ReportRequest.of(ExecutiveSalesPack.NAME, Period.year(2025), Scope.company(), Language.ZH_CN, "bench");
        try (MartQuery port = JdbcMartQuery.over(year())) {
            Reports pdfOnly = new Reports(new ReportPacks(List.of(new PdfOnly())), new ReportArchive(archive.resolve("pdf")),
                    Fixtures.SHANGHAI, Fixtures.CLOCK);
            Reports whole = new Reports(ReportPacks.standard(), new ReportArchive(archive.resolve("whole")), Fixtures.SHANGHAI, Fixtures.CLOCK);
            measure("pdf", pdfOnly, request, port, runs);
            measure("pack (pdf+xlsx+csv)", whole, request, port, runs);
        }
    }

    private static void measure(String what, Reports reports, ReportRequest request, MartQuery port, int runs) throws Exception {
        long start = System.nanoTime();
        ArchivedReport first = reports.generate(request, port);
        double cold = (System.nanoTime() - start) / 1e9;
        for (int i = 0; i < WARM_UP; i++) { // let the JIT compile the fill and export paths
            reports.generate(request, port);
        }
        double[] warm = new double[runs];
        double[] cpu = new double[runs];
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        for (int i = 0; i < runs; i++) {
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            start = System.nanoTime();
            reports.generate(request, port);
            warm[i] = (System.nanoTime() - start) / 1e9;
            cpu[i] = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        }
        Arrays.sort(warm);
        Arrays.sort(cpu);
        long bytes = Files.size(first.files().get(0));
        System.out.printf(Locale.ROOT, "%s: rows=%d first_file_mb=%.1f cold_s=%.2f warm_median_s=%.2f warm_min_s=%.2f warm_max_s=%.2f "
                        + "warm_median_thread_cpu_s=%.2f peak_heap_mb=%.0f%n",
                what, first.manifest().files().get(0).rows(), bytes / 1048576.0, cold, warm[runs / 2], warm[0], warm[runs - 1], cpu[runs / 2],
                LargeExport.peakHeap() / 1048576.0);
    }

    /** mart.sales_monthly for 2025: every month × {@value #REGIONS} regions × 3 channels; mart.customer_sales with 2,000 customers. */
    static Connection year() throws SQLException {
        Connection connection = TestMarts.empty();
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO mart.sales_monthly
                    SELECT DATE '2025-01-01' + TO_MONTHS(m::INTEGER), 'R' || LPAD(r::VARCHAR, 3, '0'), '区域' || r,
                           c, (10 + (m * r + 7 * r) % 90)::BIGINT, ((m + 1) * r * 1234.56 % 999999)::DECIMAL(18,2),
                           ((m + 1) * r * 321.09 % 299999)::DECIMAL(18,2), ((m + r) % 9)::BIGINT
                    FROM range(12) mm(m), range(1, {regions} + 1) rr(r), (VALUES ('phone'), ('online'), ('door_to_door')) ch(c)"""
                    .replace("{regions}", Integer.toString(REGIONS)));
            statement.execute("""
                    INSERT INTO mart.customer_sales
                    SELECT i, '客户' || i || '有限公司', '区域' || (i % 278), 1 + i % 50, (i * 7919 % 1000000)::DECIMAL(18,2),
                           (i * 7919 % 250000)::DECIMAL(18,2), DATE '2024-01-01', DATE '2025-12-01'
                    FROM range(1, 2001) r(i)""");
        }
        return connection;
    }

    /** The executive-sales pack as its PDF alone. */
    static final class PdfOnly implements ReportPack {
        private final ExecutiveSalesPack pack = new ExecutiveSalesPack();

        @Override
        public String name() {
            return pack.name();
        }

        @Override
        public String labels() {
            return pack.labels();
        }

        @Override
        public Cadence cadence() {
            return pack.cadence();
        }

        @Override
        public Set<Period.Kind> periodKinds() {
            return pack.periodKinds();
        }

        @Override
        public Set<Scope.Dimension> scopeDimensions() {
            return pack.scopeDimensions();
        }

        @Override
        public List<NamedQuery> queries(Period period, Scope scope) {
            return pack.queries(period, scope);
        }

        @Override
        public List<Document> documents() {
            return List.of(new Document("", ExecutiveSalesPack.TEMPLATE, EnumSet.of(Format.PDF)));
        }

        @Override
        public Fill fill(Document document, Answers answers, Labels labels, Period period) {
            return pack.fill(document, answers, labels, period);
        }

        @Override
        public List<Table> tables(Period period, Scope scope) {
            return List.of();
        }
    }
}
