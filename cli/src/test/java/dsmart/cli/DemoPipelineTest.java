package dsmart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Settings;
import dsmart.serving.EmbeddedEngine;
import dsmart.serving.MartQuery;
import dsmart.serving.QueryResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** `dsmart demo --no-serve` end to end, its figures checked against a recomputation from the source rows. */
class DemoPipelineTest {
    private static final String SALES = "SELECT month, region_code, channel, orders, revenue, gross_profit, new_customers "
            + "FROM mart.sales_monthly ORDER BY month, region_code, channel";

    private static Map<SourceFigures.Key, String> mart(Settings settings) {
        try (MartQuery port = EmbeddedEngine.open(settings)) {
            QueryResult result = port.query(SALES);
            Map<SourceFigures.Key, String> rows = new TreeMap<>();
            for (List<Object> row : result.rows()) {
                rows.put(new SourceFigures.Key((LocalDate) row.get(0), (String) row.get(1), (String) row.get(2)),
                        row.get(3) + "|" + row.get(4) + "|" + row.get(5) + "|" + row.get(6));
            }
            return rows;
        }
    }

    @Test
    void salesMonthlyEqualsARecomputationFromTheSourceRows() throws SQLException {
        Settings settings = DemoRun.settings();
        SourceFigures expected = SourceFigures.compute(settings);
        Map<SourceFigures.Key, String> expectedRows = new TreeMap<>();
        expected.salesMonthly.forEach((key, figures) -> expectedRows.put(key, figures.toString()));
        assertThat(expectedRows).hasSizeGreaterThan(6 * 5 * 3 / 2);
        assertThat(mart(settings)).containsExactlyEntriesOf(expectedRows);
    }

    @Test
    void pdfShowsChineseLabelsTopCustomerAndTheTotal() throws Exception {
        Settings settings = DemoRun.settings();
        SourceFigures expected = SourceFigures.compute(settings);
        String text = pdfText(settings.path("reports.dir").resolve("sales_monthly.pdf"));
        DecimalFormat money = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.SIMPLIFIED_CHINESE));
        assertThat(text)
                .contains("月度销售报表", "电话销售", "网络销售", "上门拜访", "华东")
                .contains(expected.customerNames.get(expected.topCustomer()))
                .contains(money.format(expected.totalRevenue()));
    }

    @Test
    void xlsxHoldsTheSameReport() throws IOException {
        Path xlsx = DemoRun.settings().path("reports.dir").resolve("sales_monthly.xlsx");
        try (ZipFile zip = new ZipFile(xlsx.toFile())) {
            String strings = new String(zip.getInputStream(zip.getEntry("xl/sharedStrings.xml")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(strings).contains("月度销售报表", "华东");
        }
    }

    @Test
    void runningTheDemoAgainGivesTheSameFigures() {
        Settings settings = DemoRun.settings();
        Map<SourceFigures.Key, String> before = mart(settings);
        assertThat(Main.run(DemoRun.args(DemoRun.dataDir(), "demo", "--no-serve"))).isZero();
        assertThat(mart(settings)).containsExactlyEntriesOf(before);
    }

    @Test
    void statusListsTheMartWithItsSnapshot() {
        Settings settings = DemoRun.settings();
        Captured out = Captured.run(DemoRun.args(DemoRun.dataDir(), "status"));
        assertThat(out.exitCode()).isZero();
        long snapshot;
        try (MartQuery port = EmbeddedEngine.open(settings)) {
            snapshot = port.query("SELECT COUNT(*) FROM mart.sales_monthly").snapshots().get("mart.sales_monthly");
        }
        assertThat(out.stdout()).containsPattern("mart\\.sales_monthly\\s+" + snapshot + "\\s+\\d+");
        assertThat(out.stdout()).contains("ingest", "transform", "raw.orders_orders");
    }

    @Test
    void sqlPrintsCsvWithBoundParameters() {
        Settings settings = DemoRun.settings();
        Captured out = Captured.run(DemoRun.args(DemoRun.dataDir(), "sql", "--csv",
                "SELECT COUNT(*) AS n FROM mart.sales_monthly WHERE channel = ?", "phone"));
        assertThat(out.exitCode()).isZero();
        long phoneRows;
        try (MartQuery port = EmbeddedEngine.open(settings)) {
            phoneRows = (Long) port.query("SELECT COUNT(*) FROM mart.sales_monthly WHERE channel = 'phone'").rows().get(0).get(0);
        }
        assertThat(out.stdout()).isEqualTo("n\r\n" + phoneRows + "\r\n");
    }

    static String pdfText(Path pdf) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("pdftotext", "-layout", "-enc", "UTF-8", pdf.toString(), "-").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("pdftotext is missing: install poppler-utils (apt-get install -y poppler-utils)", e);
        }
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("pdftotext exit code: %s", text).isZero();
        return text;
    }

}
