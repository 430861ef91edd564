package dsmart.web;

import static dsmart.web.TestUsers.ADMIN;
import static dsmart.web.TestUsers.AUDITOR;
import static dsmart.web.TestUsers.EXEC;
import static dsmart.web.TestUsers.HR;
import static dsmart.web.TestUsers.MANAGER;
import static dsmart.web.TestUsers.MANAGER_REGION;
import static org.assertj.core.api.Assertions.assertThat;

import dsmart.reports.ReportArchive;
import dsmart.reports.ReportPacks;
import dsmart.reports.Reports;
import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import java.math.BigDecimal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Each role's main page in real headless Chromium over a hand-made mart and run ledger. */
class DashboardBrowserTest {
    @TempDir
    static Path profile;

    @TempDir
    static Path archive;

    static Connection connection;
    static MartQuery mart;
    static WebApp app;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        connection = SalesMart.open();
        SalesMart.addRuns(connection);
        SalesMart.addQuarantine(connection);
        AppraisalMart.add(connection);
        SalesOverviewMart.add(connection);
        RiskMart.add(connection);
        AuditMart.add(connection);
        addCustomerSalesUnlessPresent(connection);
        mart = new JdbcMartQuery(connection, SalesMart::snapshots);
        Reports generation = new Reports(ReportPacks.standard(), new ReportArchive(archive), ZoneId.of("Asia/Shanghai"), Clock.systemUTC());
        app = WebApp.start(new WebConfig(0, TestUsers.all()).withThrottle(TestUsers.LENIENT).withReportsDir(archive)
                .withReports(generation), mart);
        browser = Browser.open("http://127.0.0.1:" + app.port(), profile);
    }

    /** executive-sales renders from mart.sales_monthly and mart.customer_sales: the small one, unless a mart made it already. */
    private static void addCustomerSalesUnlessPresent(Connection connection) throws java.sql.SQLException {
        try (java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM information_schema.tables "
                        + "WHERE table_schema = 'mart' AND table_name = 'customer_sales'")) {
            rows.next();
            if (rows.getLong(1) == 0) {
                ReportGenerationHttpTest.addCustomerSales(connection);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
        if (mart != null) {
            mart.close();
        }
    }

    @BeforeEach
    void loggedOut() {
        browser.logOut();
    }

    void logIn(String user) {
        browser.logInThroughTheForm(user, TestUsers.password(user));
    }

    @Test
    void withoutLoginTheDashboardLandsOnTheLoginPage() {
        browser.driver().get(browser.base() + "/");

        browser.awaitLoginForm();
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(browser.base() + "/login?next=/");
    }

    @Test
    void executiveSeesPhoneRevenuePerMonthForAllRegions() throws Exception {
        logIn(EXEC);
        browser.awaitChart();

        List<String> expectedMonths = new ArrayList<>();
        List<BigDecimal> expectedPhone = new ArrayList<>();
        for (LocalDate month : SalesMart.MONTHS) {
            expectedMonths.add(month.toString().substring(0, 7));
            expectedPhone.add(SalesMart.revenue(month, "phone"));
        }
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(browser.base() + "/sales");
        assertThat(browser.chartMonths()).isEqualTo(expectedMonths);
        assertThat(browser.chartSeries("电话销售")).usingElementComparator(BigDecimal::compareTo)
                .containsExactlyElementsOf(expectedPhone);
        assertThat(browser.driver().findElements(By.cssSelector("#chart canvas"))).isNotEmpty();
        List<String> channels = new ArrayList<>();
        browser.driver().findElements(By.cssSelector("#totals tbody tr")).forEach(tr -> channels.add(tr.getAttribute("data-channel")));
        assertThat(channels).containsExactlyInAnyOrderElementsOf(SalesMart.CHANNELS);
        browser.screenshot(Path.of(System.getProperty("basedir", "."), "target", "dashboard.png"));
    }

    @Test
    void everyPageShowsTheSnapshotItReadAndWhenItWasCommitted() {
        logIn(EXEC);
        browser.awaitChart();

        String freshness = browser.awaitFreshness();

        assertThat(freshness).contains("mart.sales_monthly @ " + SalesMart.SALES_SNAPSHOT, "提交于", "2025");
    }

    @Test
    void regionManagersChartShowsOnlyTheirRegion() {
        logIn(MANAGER);
        browser.awaitChart();

        for (String channel : SalesMart.CHANNELS) {
            List<BigDecimal> expected = new ArrayList<>();
            for (LocalDate month : SalesMart.MONTHS) {
                expected.add(SalesMart.revenue(month, channel, MANAGER_REGION));
            }
            String label = Messages.get(Lang.ZH_CN, "channel." + channel);
            assertThat(browser.chartSeries(label)).as(channel).usingElementComparator(BigDecimal::compareTo)
                    .containsExactlyElementsOf(expected);
        }
        List<String> regions = new ArrayList<>();
        new Select(browser.driver().findElement(By.name("region"))).getOptions().forEach(o -> regions.add(o.getAttribute("value")));
        assertThat(regions).containsExactly("", MANAGER_REGION);
        assertThat(browser.driver().findElement(By.id("scope-region")).getText()).contains(MANAGER_REGION);
    }

    @Test
    void adminsPipelineStatusShowsTheRunsInserted() throws Exception {
        logIn(ADMIN);

        assertThat(browser.driver().getCurrentUrl()).isEqualTo(browser.base() + "/pipeline");
        List<String> runIds = new ArrayList<>();
        PipelineHttpTest.newestFirst().forEach(r -> runIds.add(r.runId()));
        assertThat(browser.awaitTableKeys("runs")).isEqualTo(runIds);
        assertThat(browser.awaitTableKeys("tables")).containsExactly("mart.sales_monthly", "raw.crm_customers", "raw.orders_orders");
        assertThat(browser.driver().findElement(By.id("runs")).getText()).contains("source crm unreachable");
        assertThat(browser.awaitTableKeys("quarantine")).containsExactly("quarantine.crm_customers", "quarantine.orders_orders");
        assertThat(browser.awaitTableKeys("quarantine-samples")).hasSize(SalesMart.QUARANTINED.size());
        assertThat(browser.driver().findElement(By.id("quarantine-samples")).getText()).contains("customer_id=77", "'alien'");
        assertThat(browser.awaitFreshness()).contains("ops.runs @ 4242");
        browser.screenshot(Path.of(System.getProperty("basedir", "."), "target", "pipeline.png"));
    }

    private static void awaitOverview() {
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(30))
                .withMessage("the sales overview was not drawn")
                .until(d -> "true".equals(browser.js("return document.body.dataset.overviewReady;")));
    }

    /** The values of one series of an overview chart (window.<chart>), as drawn. */
    private static List<BigDecimal> drawn(String chart, int series) {
        @SuppressWarnings("unchecked")
        List<Object> values = (List<Object>) browser.js("return window." + chart + ".getOption().series[" + series + "].data"
                + ".map(function (d) { return d !== null && typeof d === 'object' ? d.value : d; });");
        return values.stream().map(v -> v == null ? null : new BigDecimal(v.toString())).toList();
    }

    private static List<BigDecimal> decimals(String... values) {
        return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
    }

    private static String kpiRow(String kpi) {
        return browser.driver().findElement(By.cssSelector("#kpis tbody tr[data-key='" + kpi + "']")).getText();
    }

    @Test
    void executivesOverviewDrawsKpisTrendMixFunnelTopListsAndTiersWithData() throws Exception {
        logIn(EXEC);
        awaitOverview();

        // figures of SalesOverviewMart, Q1 2025 (the latest year to date) against Q1 2024, summed by hand
        assertThat(browser.awaitTableKeys("kpis")).containsExactly("net_sales", "gross_profit", "orders", "new_customers", "quota",
                "completion_rate");
        assertThat(kpiRow("net_sales")).contains("56,301.25", "35,000.00", "+21,301.25", "+60.9%");
        assertThat(kpiRow("completion_rate")).contains("108.3%", "94.6%");
        assertThat(drawn("salesTrendChart", 0)).usingElementComparator(BigDecimal::compareTo)
                .isEqualTo(decimals("10000.00", "23000.50", "23300.75"));
        assertThat(drawn("salesTrendChart", 1)).usingElementComparator(BigDecimal::compareTo)
                .isEqualTo(decimals("9000.00", "13500.00", "12500.00"));
        assertThat(drawn("salesMixChart", 0)).usingElementComparator(BigDecimal::compareTo)
                .isEqualTo(decimals("31500.75", "13800.50", "11000.00"));
        assertThat(drawn("salesFunnelChart", 0)).usingElementComparator(BigDecimal::compareTo)
                .isEqualTo(decimals("225", "142", "98", "49", "29", "22"));
        assertThat(drawn("salesTierChart", 0)).usingElementComparator(BigDecimal::compareTo).isEqualTo(decimals("2", "1", "3"));
        for (String chart : List.of("trend-chart", "mix-chart", "funnel-chart", "tier-chart")) {
            assertThat(browser.driver().findElements(By.cssSelector("#" + chart + " canvas"))).as(chart).isNotEmpty();
        }
        assertThat(browser.awaitTableKeys("top-reps")).containsExactly("1", "2", "3", "4");
        assertThat(browser.awaitTableKeys("top-customers")).containsExactly("9001", "9005", "9003", "9004", "9002", "9006");
        assertThat(browser.awaitTableKeys("funnel")).containsExactly("leads", "prospects", "visited", "proposals", "contracts",
                "orders", "lead_to_order");
        browser.screenshot(Path.of(System.getProperty("basedir", "."), "target", "sales-overview.png"));
    }

    @Test
    void aRegionManagersOverviewShowsOnlyTheirRegion() {
        logIn(MANAGER);
        awaitOverview();

        // NORTH: reps 3 and 4 — 4000 + 0, 3000 + 0, 9500.25 − 200 against 3000, 2500, 4500
        assertThat(kpiRow("net_sales")).contains("16,300.25", "10,000.00");
        assertThat(drawn("salesTrendChart", 0)).usingElementComparator(BigDecimal::compareTo)
                .isEqualTo(decimals("4000.00", "3000.00", "9300.25"));
        assertThat(drawn("salesMixChart", 0)).usingElementComparator(BigDecimal::compareTo)
                .isEqualTo(decimals("9500.25", "4000.00", "2800.00"));
        assertThat(drawn("salesFunnelChart", 0)).usingElementComparator(BigDecimal::compareTo)
                .isEqualTo(decimals("75", "37", "23", "12", "6", "4"));
        assertThat(drawn("salesTierChart", 0)).usingElementComparator(BigDecimal::compareTo).isEqualTo(decimals("1", "0", "2"));
        assertThat(browser.awaitTableKeys("top-reps")).containsExactly("3", "4");
        assertThat(browser.awaitTableKeys("top-customers")).containsExactly("9005", "9004", "9006");
    }

    private static List<BigDecimal> ageingBars() {
        @SuppressWarnings("unchecked")
        List<Object> bars = (List<Object>) browser.js("return window.ageingChart.getOption().series[0].data;");
        return bars.stream().map(v -> new BigDecimal(v.toString())).toList();
    }

    private static List<BigDecimal> expectedBars(String region) {
        java.util.TreeMap<Integer, BigDecimal> buckets = new java.util.TreeMap<>();
        RiskMart.AGEING.stream().filter(a -> a.asOf().equals("2025-02-28") && (region == null || a.region().equals(region)))
                .forEach(a -> buckets.merge(a.bucketNo(), a.value(), BigDecimal::add));
        return List.copyOf(buckets.values());
    }

    @Test
    void executiveSeesTheAgeingBucketsReconciledAndTheCurrentAlerts() {
        logIn(EXEC);
        browser.open("/risk");
        browser.awaitChart();

        assertThat(ageingBars()).usingElementComparator(BigDecimal::compareTo).isEqualTo(expectedBars(null));
        assertThat(browser.js("return document.getElementById('reconciliation').dataset.reconciled;")).isEqualTo("true");
        assertThat(browser.awaitTableKeys("alerts")).containsExactlyInAnyOrder("sales_drop:EAST:2025-02-01", "returns:家电:2025-02-01");
        assertThat(browser.awaitTableKeys("breaches")).containsExactly("1", "3", "2");
    }

    @Test
    void aRegionManagerSeesOnlyTheirRegionsAgeing() {
        logIn(MANAGER);
        browser.open("/risk");
        browser.awaitChart();

        assertThat(ageingBars()).usingElementComparator(BigDecimal::compareTo).isEqualTo(expectedBars(MANAGER_REGION));
        assertThat(browser.awaitTableKeys("breaches")).containsExactly("3", "2");
    }

    @Test
    void hrLandsOnTheAppraisalChartAndDrillsDownToTheRowsBehindARep() {
        logIn(HR);

        assertThat(browser.driver().getCurrentUrl()).isEqualTo(browser.base() + "/appraisal");
        browser.awaitChart();
        List<String> expectedReps = AppraisalMart.CARDS.stream().filter(c -> c.month().equals(AppraisalMart.FEB))
                .sorted(java.util.Comparator.comparing((AppraisalMart.Card c) -> new BigDecimal(c.totalScore())).reversed())
                .map(c -> String.valueOf(c.repId())).toList();
        assertThat(browser.awaitTableKeys("scorecards")).isEqualTo(expectedReps);
        @SuppressWarnings("unchecked")
        List<Object> scores = (List<Object>) browser.js("return window.appraisalChart.getOption().series[0].data;");
        assertThat(scores).hasSize(expectedReps.size());
        assertThat(new BigDecimal(scores.get(0).toString())).isEqualByComparingTo("71.10");

        browser.driver().findElement(By.cssSelector("#scorecards tbody tr[data-key='1']")).click();

        assertThat(browser.awaitTableKeys("evidence")).hasSize(AppraisalMart.EVIDENCE.size());
        assertThat(browser.driver().findElement(By.id("evidence")).getText()).contains("上海华信贸易有限公司", "orders.order_returns");
    }

    @Test
    void hrIsRefusedTheSalesAndPipelinePages() throws Exception {
        logIn(HR);

        for (String page : List.of("/sales", "/pipeline", "/audit-log")) {
            browser.open(page);
            assertThat(browser.errorStatus()).as(page).isEqualTo("403");
            assertThat(browser.driver().findElement(By.id("error-message")).getText()).as(page).contains("无权访问");
        }
        browser.open("/downloads");
        assertThat(browser.errorStatus()).isNull();
        List<String> archived = archived();
        List<String> expected = archived.isEmpty() ? java.util.Collections.singletonList(null) : archived; // null: the "no data" row
        assertThat(browser.awaitTableKeys("reports")).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** The files in the archive, relative with '/', walked on disk (the page lists them through the API). */
    private static List<String> archived() throws IOException {
        try (Stream<Path> files = Files.walk(archive)) {
            return files.filter(Files::isRegularFile).map(f -> archive.relativize(f).toString().replace('\\', '/')).sorted().toList();
        }
    }

    /** Waits until the generate form (generate.js) reaches the state, within the seconds given; an error ends the wait. */
    private static WebElement awaitGenerateForm(String state, int seconds) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(seconds)).withMessage("the generate form did not become " + state)
                .until(d -> List.of(state, "error").contains(d.findElement(By.id("generate")).getAttribute("data-state")));
        WebElement form = browser.driver().findElement(By.id("generate"));
        assertThat(form.getAttribute("data-state")).as("state of the generate form, whose status line says: %s",
                browser.driver().findElement(By.id("generate-status")).getText()).isEqualTo(state);
        return form;
    }

    private static List<String> offeredPacks(WebElement form) {
        List<String> packs = new ArrayList<>();
        new Select(form.findElement(By.name("pack"))).getOptions().forEach(o -> packs.add(o.getAttribute("value")));
        return packs;
    }

    @Test
    void anExecutiveGeneratesExecutiveSalesOnTheDownloadsPageAndTheArchiveListShowsTheNewFiles() throws Exception {
        logIn(EXEC);
        browser.open("/downloads");
        WebElement form = awaitGenerateForm("ready", 30);
        List<String> before = archived();

        assertThat(offeredPacks(form)).containsExactlyInAnyOrder("executive-sales", "customer-sales", "customer-tiers", "risk");
        Select pack = new Select(form.findElement(By.name("pack")));
        WebElement period = form.findElement(By.name("period"));
        pack.selectByValue("customer-sales");
        assertThat(period.getAttribute("placeholder")).isEqualTo("YYYY-MM"); // a month only
        pack.selectByValue("executive-sales");
        assertThat(period.getAttribute("placeholder")).isEqualTo("YYYY-MM / YYYY");
        assertThat(form.findElement(By.name("region")).isDisplayed()).isTrue();
        period.sendKeys("2025-02");
        new Select(form.findElement(By.name("lang"))).selectByValue("en");
        form.findElement(By.cssSelector("button[type='submit']")).click();
        awaitGenerateForm("done", 180);

        List<String> generated = List.of("executive-sales/2025-02/executive-sales_2025-02_all_en.pdf",
                "executive-sales/2025-02/executive-sales_2025-02_all_en.xlsx",
                "executive-sales/2025-02/executive-sales_2025-02_all_en_detail.csv");
        assertThat(before).doesNotContainAnyElementsOf(generated);
        assertThat(archived()).containsAll(generated);
        assertThat(browser.awaitTableKeys("reports")).containsAll(generated);
        List<String> marked = new ArrayList<>();
        browser.driver().findElements(By.cssSelector("#reports tbody tr.new")).forEach(tr -> marked.add(tr.getAttribute("data-key")));
        assertThat(marked).containsExactlyInAnyOrderElementsOf(Stream.concat(generated.stream(),
                Stream.of("executive-sales/2025-02/executive-sales_2025-02_all_en.manifest.json")).toList());
        assertThat(browser.driver().findElement(By.id("generate-status")).getText()).contains("executive-sales 2025-02");
        assertThat(browser.driver().findElement(By.cssSelector("#reports a.download[href$='all_en.pdf']")).getAttribute("href"))
                .endsWith("/api/reports/download?file=" + java.net.URLEncoder.encode(generated.get(0), java.nio.charset.StandardCharsets.UTF_8));
        browser.screenshot(Path.of(System.getProperty("basedir", "."), "target", "downloads.png"));
    }

    @Test
    void hrIsOfferedTheAppraisalPackOnlyAndAMonthThatDoesNotExistShowsTheServersReason() throws Exception {
        logIn(HR);
        browser.open("/downloads");
        WebElement form = awaitGenerateForm("ready", 30);
        List<String> before = archived();

        assertThat(offeredPacks(form)).containsExactly("hr-appraisal");
        form.findElement(By.name("period")).sendKeys("2025-13");
        form.findElement(By.cssSelector("button[type='submit']")).click();
        awaitGenerateForm("error", 30);

        // the 400 of ReportGeneration: parameter period="2025-13" is not a month YYYY-MM or a year YYYY
        assertThat(browser.driver().findElement(By.id("generate-status")).getText())
                .startsWith("出错了：").contains("period=\"2025-13\"", "YYYY-MM");
        assertThat(archived()).isEqualTo(before);
    }

    @Test
    void auditIsRefusedTheSalesPageAndSeesTheLoginsInTheAuditLog() {
        logIn(AUDITOR);
        browser.open("/audit-log");

        browser.awaitTableKeys("events");
        assertThat(browser.driver().findElement(By.id("events")).getText()).contains("login", AUDITOR);
        browser.open("/sales");
        assertThat(browser.errorStatus()).isEqualTo("403");
        browser.open("/pipeline");
        assertThat(browser.errorStatus()).isEqualTo("403");
    }

    @Test
    void auditLandsOnTheFindingsChartDrawnWithTheLatestMonthsCountsPerRule() throws Exception {
        logIn(AUDITOR);

        assertThat(browser.driver().getCurrentUrl()).isEqualTo(browser.base() + "/audit");
        browser.awaitChart();
        // February 2025 by hand: order_without_signed_contract 2 open + 1 resolved, tracking_not_sent 1 + 1, duplicate_order 1 + 0
        assertThat(browser.js("return window.findingsChart.getOption().yAxis[0].data;"))
                .isEqualTo(List.of("order_without_signed_contract", "tracking_not_sent", "duplicate_order"));
        assertThat(browser.js("return window.findingsChart.getOption().series[0].data;")).isEqualTo(List.of(2L, 1L, 1L));
        assertThat(browser.js("return window.findingsChart.getOption().series[1].data;")).isEqualTo(List.of(1L, 1L, 0L));
        assertThat(browser.driver().findElements(By.cssSelector("#findings-chart canvas"))).isNotEmpty();
        assertThat(browser.awaitTableKeys("findings")).containsExactly("order_without_signed_contract", "tracking_not_sent", "duplicate_order");
        assertThat(browser.driver().findElement(By.id("findings")).getText()).contains("已确认订单在下单前无已签署合同");
        assertThat(browser.driver().findElements(By.cssSelector("#findings a.download"))).hasSize(3);
        assertThat(browser.awaitTableKeys("summary")).containsExactly("order_desk", "sales");
        assertThat(browser.driver().findElement(By.id("archive-link")).getAttribute("href")).endsWith("/downloads");
        assertThat(offeredPacks(awaitGenerateForm("ready", 30)))
                .containsExactlyInAnyOrder("executive-sales", "customer-sales", "customer-tiers", "hr-appraisal", "risk",
                        "audit-compliance");
        browser.screenshot(Path.of(System.getProperty("basedir", "."), "target", "audit.png"));
    }

    @Test
    void anExecutiveSeesTheFindingsButNoEvidenceLinks() {
        logIn(EXEC);
        browser.open("/audit");
        browser.awaitChart();

        assertThat(browser.awaitTableKeys("findings")).hasSize(3);
        assertThat(browser.driver().findElements(By.cssSelector("#findings a.download"))).isEmpty();
    }

    @Test
    void theLanguageSwitchTurnsThePageEnglish() {
        logIn(EXEC);
        browser.driver().findElement(By.cssSelector("nav.langs a[lang='en']")).click();
        browser.awaitChart();

        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Sales overview");
        assertThat(browser.chartSeries("Phone")).hasSize(SalesMart.MONTHS.size());
        browser.driver().findElement(By.cssSelector("nav.langs a[lang='zh-CN']")).click();
        browser.awaitChart();
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("销售概览");
    }
}
