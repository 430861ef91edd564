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
import java.time.YearMonth;
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

    /** The demo's history is 2025-01..2025-06, so its scheduled pack is the closed month 2025-06. */
    private static final YearMonth LAST_MONTH = YearMonth.of(2025, 6);

    private static Path archived(Settings settings, String extension) {
        return settings.path("reports.dir").resolve("executive-sales").resolve(LAST_MONTH.toString())
                .resolve("executive-sales_" + LAST_MONTH + "_all_zh-CN" + extension);
    }

    @Test
    void pdfShowsChineseLabelsTopCustomerAndTheClosedMonthsTotal() throws Exception {
        Settings settings = DemoRun.settings();
        SourceFigures expected = SourceFigures.compute(settings);
        String text = pdfText(archived(settings, ".pdf"));
        DecimalFormat money = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.SIMPLIFIED_CHINESE));
        BigDecimal monthRevenue = expected.salesMonthly.entrySet().stream()
                .filter(e -> YearMonth.from(e.getKey().month()).equals(LAST_MONTH))
                .map(e -> e.getValue().revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(text)
                .contains("销售经营报表", "期间: " + LAST_MONTH, "电话销售", "网络销售", "上门拜访", "华东")
                .contains(expected.customerNames.get(expected.topCustomer()))
                .containsPattern("合计.*" + java.util.regex.Pattern.quote(money.format(monthRevenue)));
    }

    @Test
    void theArchivedPackHasAManifestWithTheSha256OfItsPdf() throws Exception {
        Path manifest = archived(DemoRun.settings(), ".manifest.json");
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest.toFile());
        byte[] pdf = Files.readAllBytes(archived(DemoRun.settings(), ".pdf"));
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(pdf));
        assertThat(json.at("/files/0/sha256").asText()).isEqualTo(sha256);
        assertThat(json.at("/snapshots/mart.sales_monthly").isNumber()).isTrue();
        assertThat(json.get("via").asText()).isEqualTo("schedule");
    }

    @Test
    void xlsxHoldsTheSameReport() throws IOException {
        Path xlsx = archived(DemoRun.settings(), ".xlsx");
        try (ZipFile zip = new ZipFile(xlsx.toFile())) {
            String strings = new String(zip.getInputStream(zip.getEntry("xl/sharedStrings.xml")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(strings).contains("销售经营报表", "华东");
        }
    }

    @Test
    void runningTheDemoAgainGivesTheSameFigures() {
        Settings settings = DemoRun.settings();
        Map<SourceFigures.Key, String> before = mart(settings);
        assertThat(Main.run(DemoRun.args(DemoRun.dataDir(), "demo", "--no-serve"))).isZero();
        assertThat(mart(settings)).containsExactlyEntriesOf(before);
        // the closed month was archived by the first run: nothing is due, nothing is generated again
        assertThat(archived(settings, "-v2.pdf")).doesNotExist();
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
        assertThat(out.stdout()).contains("raw.orders_orders").containsPattern("(?m)^ingest\\s+\\S+")
                .containsPattern("(?m)^transform\\s+\\S+");
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
