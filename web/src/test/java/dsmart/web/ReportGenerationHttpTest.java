package dsmart.web;

import static dsmart.web.TestUsers.AUDITOR;
import static dsmart.web.TestUsers.EXEC;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dsmart.reports.ReportArchive;
import dsmart.reports.ReportPacks;
import dsmart.reports.Reports;
import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Report generation from the web through the real reports module: executive-sales over the hand-made sales mart
 * ({@link SalesMart}) and a small mart.customer_sales, archived, downloaded again and read with pdftotext.
 */
class ReportGenerationHttpTest {
    @TempDir
    static Path dir;

    static Path reports;
    static Connection connection;
    static MartQuery mart;
    static WebApp app;
    static Http exec;
    static JsonNode company;
    static JsonNode north;

    @BeforeAll
    static void start() throws Exception {
        reports = Files.createDirectories(dir.resolve("data/reports"));
        connection = SalesMart.open();
        addCustomerSales(connection);
        mart = JdbcMartQuery.over(connection);
        Reports generation = new Reports(ReportPacks.standard(), new ReportArchive(reports), ZoneId.of("Asia/Shanghai"), Clock.systemUTC());
        app = WebApp.start(new WebConfig(0, TestUsers.all()).withThrottle(TestUsers.LENIENT).withAuditDir(dir.resolve("audit"))
                .withReportsDir(reports).withReports(generation), mart);
        exec = new Http(app.port());
        assertThat(exec.login(EXEC, TestUsers.password(EXEC)).statusCode()).isEqualTo(303);
        company = generate(exec, null);
        north = generate(exec, "NORTH");
    }

    /** A small mart.customer_sales: with {@link SalesMart} it is what executive-sales renders from. */
    static void addCustomerSales(Connection connection) throws java.sql.SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE mart.customer_sales (customer_id BIGINT, customer_name VARCHAR, region_name VARCHAR, orders BIGINT,
                      revenue DECIMAL(18,2), gross_profit DECIMAL(18,2), first_order_date DATE, last_order_date DATE)""");
            statement.execute("INSERT INTO mart.customer_sales VALUES "
                    + "(1, '东方明珠贸易公司', '华东', 20, 52000.00, 13000.00, DATE '2024-06-01', DATE '2025-03-20'), "
                    + "(2, '北国冰城商贸公司', '华北', 11, 31000.00, 7750.00, DATE '2024-07-01', DATE '2025-03-18')");
        }
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (mart != null) {
            mart.close();
        }
    }

    private static JsonNode generate(Http http, String region) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", http.sessionToken());
        form.put("pack", "executive-sales");
        form.put("period", "2025-02");
        form.put("lang", "zh-CN");
        if (region != null) {
            form.put("region", region);
        }
        HttpResponse<String> response = http.post("/api/reports/generate", form);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response);
    }

    private static List<String> files(JsonNode body) {
        List<String> files = new ArrayList<>();
        body.get("files").forEach(f -> files.add(f.get("file").asText()));
        return files;
    }

    private static String pdf(JsonNode body) {
        return files(body).stream().filter(f -> f.endsWith(".pdf")).findFirst().orElseThrow();
    }

    /** The February 2025 revenue of the regions given, summed from the mart's rows. */
    private static String revenue(String... regions) {
        BigDecimal sum = SalesMart.revenue(s -> s.month().equals(SalesMart.FEB) && List.of(regions).contains(s.regionCode()));
        return new java.text.DecimalFormat("#,##0.00", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)).format(sum);
    }

    static String pdfText(Path pdf) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("pdftotext", "-layout", "-enc", "UTF-8", pdf.toString(), "-")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String text;
        try (InputStream out = process.getInputStream()) {
            text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("pdftotext exit code").isZero();
        return text;
    }

    /** Downloads an archived file through the download route into a temporary file. */
    private static Path download(Http http, String file) throws IOException {
        HttpResponse<byte[]> response = http.getBytes("/api/reports/download?file=" + Http.enc(file));
        assertThat(response.statusCode()).isEqualTo(200);
        Path local = Files.createTempFile(dir, "download", ".pdf");
        Files.write(local, response.body());
        return local;
    }

    @Test
    void theAnswerNamesTheArchivedFilesUnderPackAndPeriod() {
        assertThat(company.get("scope").asText()).isEqualTo("all");
        assertThat(files(company)).containsExactly(
                "executive-sales/2025-02/executive-sales_2025-02_all_zh-CN.pdf",
                "executive-sales/2025-02/executive-sales_2025-02_all_zh-CN.xlsx",
                "executive-sales/2025-02/executive-sales_2025-02_all_zh-CN_detail.csv");
        assertThat(company.get("manifest").asText()).isEqualTo("executive-sales/2025-02/executive-sales_2025-02_all_zh-CN.manifest.json");
        company.get("files").forEach(f -> assertThat(Files.isRegularFile(reports.resolve(f.get("file").asText()))).isTrue());
    }

    @Test
    void theCompanyPdfDownloadedAgainShowsBothRegionsAndTheirTotalAndWhoAsked() throws Exception {
        String text = pdfText(download(exec, pdf(company)));

        assertThat(text).contains("期间: 2025-02", "申请人: " + EXEC, "华东", "华北", revenue("EAST", "NORTH"));
        assertThat(revenue("EAST", "NORTH")).isEqualTo("61,721.76"); // 38,700.70 + 23,021.06 by hand
    }

    @Test
    void aRegionAskedForLimitsTheReportToIt() throws Exception {
        String text = pdfText(download(exec, pdf(north)));

        assertThat(north.get("scope").asText()).isEqualTo("region-NORTH");
        assertThat(pdf(north)).isEqualTo("executive-sales/2025-02/executive-sales_2025-02_region-NORTH_zh-CN.pdf");
        assertThat(text).contains("华北", "23,021.06", "北国冰城商贸公司").doesNotContain("华东", "东方明珠贸易公司", "61,721.76");
    }

    @Test
    void theAuditLogRecordsWhoGeneratedWhatWithItsParameters() {
        List<AuditLog.Event> events = app.audit().recent(e -> e.event().equals("report") && "ok".equals(e.outcome()), 10);

        assertThat(events).hasSize(2);
        AuditLog.Event regional = events.get(0); // newest first
        assertThat(regional.user()).isEqualTo(EXEC);
        assertThat(regional.role()).isEqualTo("EXECUTIVE");
        assertThat(regional.target()).isEqualTo("executive-sales");
        assertThat(regional.params()).containsEntry("period", "2025-02").containsEntry("scope", "region-NORTH")
                .containsEntry("region", "NORTH").containsEntry("lang", "zh-CN");
        assertThat(regional.params().get("files")).asString().contains(pdf(north));
        assertThat(events.get(1).params()).containsEntry("scope", "all");
    }

    @Test
    void theAuditLogFileOnDiskHoldsTheGeneration() throws Exception {
        Path file = dir.resolve("audit").resolve(AuditLog.fileName(java.time.Instant.now()));

        assertThat(Files.readString(file)).contains("\"event\":\"report\"", "\"user\":\"" + EXEC + "\"", pdf(company));
    }

    @Test
    void theArchiveListingForAuditShowsTheGeneratedFiles() {
        Http audit = new Http(app.port());
        assertThat(audit.login(AUDITOR, TestUsers.password(AUDITOR)).statusCode()).isEqualTo(303);

        List<String> listed = new ArrayList<>();
        Http.json(audit.get("/api/reports")).get("reports").forEach(r -> listed.add(r.get("file").asText()));

        assertThat(listed).containsAll(files(company)).containsAll(files(north));
    }
}
