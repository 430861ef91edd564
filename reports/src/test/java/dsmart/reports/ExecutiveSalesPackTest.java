package dsmart.reports;

import static dsmart.reports.Fixtures.money;
import static org.assertj.core.api.Assertions.assertThat;

import dsmart.reports.ReportPack.Format;
import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executive-sales pack for 2024-02, whole company, rendered once in Chinese and once in English. */
class ExecutiveSalesPackTest {
    private static final Period FEBRUARY = Period.month(2024, 2);
    private static final List<TestMarts.SalesRow> ROWS = TestMarts.month("2024-02-01");
    private static final List<TestMarts.SalesRow> LAST_YEAR = TestMarts.month("2023-02-01");

    @TempDir
    static Path archive;

    private static MartQuery port;
    private static ArchivedReport chinese;
    private static ArchivedReport english;
    private static String zh;
    private static String en;

    @BeforeAll
    static void renderBoth() throws Exception {
        port = Fixtures.port();
        Reports reports = Fixtures.reports(archive);
        chinese = reports.generate(ReportRequest.of(ExecutiveSalesPack.NAME, FEBRUARY, Scope.company(), Language.ZH_CN, "alice"), port);
        english = reports.generate(ReportRequest.of(ExecutiveSalesPack.NAME, FEBRUARY, Scope.company(), Language.EN, "alice"), port);
        zh = ReportFiles.pdfText(chinese.file(Format.PDF));
        en = ReportFiles.pdfText(english.file(Format.PDF));
    }

    @AfterAll
    static void close() {
        port.close();
    }

    private static BigDecimal sum(List<TestMarts.SalesRow> rows, java.util.function.Function<TestMarts.SalesRow, BigDecimal> measure) {
        return rows.stream().map(measure).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void writesPdfXlsxAndTheDetailCsvUnderPackAndPeriod() {
        Path folder = archive.resolve("executive-sales/2024-02");
        assertThat(chinese.files()).containsExactly(
                folder.resolve("executive-sales_2024-02_all_zh-CN.pdf"),
                folder.resolve("executive-sales_2024-02_all_zh-CN.xlsx"),
                folder.resolve("executive-sales_2024-02_all_zh-CN_detail.csv"));
        assertThat(chinese.manifestFile()).isEqualTo(folder.resolve("executive-sales_2024-02_all_zh-CN.manifest.json"));
    }

    @Test
    void chinesePdfShowsChineseLabelsAndChannels() {
        assertThat(zh).contains("销售经营报表", "本期与去年同期", "月份", "区域", "渠道", "订单数", "销售额", "毛利", "新客户",
                "合计", "重点客户（累计）", "电话销售", "网络销售", "上门拜访", "全公司");
        assertThat(zh).doesNotContain("Revenue", "Executive sales", "door_to_door");
    }

    @Test
    void englishPdfShowsEnglishLabelsAndChannels() {
        assertThat(en).contains("Executive sales", "This period against the same period last year", "Month", "Region", "Channel",
                "Orders", "Revenue", "Gross profit", "Total", "Top customers (to date)", "Phone", "Online", "Door-to-door", "Whole company");
        assertThat(en).doesNotContain("销售额", "合计", "电话销售");
    }

    @Test
    void englishPdfStillShowsChineseNamesFromTheData() {
        assertThat(en).contains("华东", "华南", TestMarts.TOP_CUSTOMER);
    }

    @Test
    void pdfEmbedsTheCjkFontOfTheFontExtension() {
        assertThat(ReportFiles.pdfFonts(chinese.file(Format.PDF)))
                .containsPattern("NotoSansSC-Regular\\s+CID TrueType\\s+Identity-H\\s+yes")
                .containsPattern("NotoSansSC-Bold\\s+CID TrueType\\s+Identity-H\\s+yes");
    }

    @Test
    void detailHoldsOnlyThePeriodsMonth() {
        List<String> detail = zh.lines().filter(line -> line.matches("\\d{4}-\\d{2}\\s.*")).toList();

        assertThat(detail).hasSize(ROWS.size()).allSatisfy(line -> assertThat(line).startsWith("2024-02"));
    }

    @Test
    void totalsRowShowsThePeriodsRevenueAndGrossProfit() {
        String revenue = money(sum(ROWS, TestMarts.SalesRow::revenue));
        String grossProfit = money(sum(ROWS, TestMarts.SalesRow::grossProfit));

        assertThat(zh).containsPattern("合计.*" + Pattern.quote(revenue) + ".*" + Pattern.quote(grossProfit));
    }

    @Test
    void comparesRevenueWithTheSameMonthLastYear() {
        BigDecimal now = sum(ROWS, TestMarts.SalesRow::revenue);
        BigDecimal before = sum(LAST_YEAR, TestMarts.SalesRow::revenue);
        String change = String.format(java.util.Locale.ROOT, "+%.1f%%", now.subtract(before).multiply(BigDecimal.valueOf(100))
                .divide(before, 4, java.math.RoundingMode.HALF_UP));

        assertThat(en).containsPattern("Revenue\\s+" + Pattern.quote(money(now)) + "\\s+" + Pattern.quote(money(before)) + "\\s+"
                + Pattern.quote(change));
    }

    @Test
    void comparesNewCustomersWithTheSameMonthLastYear() {
        long now = ROWS.stream().mapToLong(TestMarts.SalesRow::newCustomers).sum();
        long before = LAST_YEAR.stream().mapToLong(TestMarts.SalesRow::newCustomers).sum();

        assertThat(en).containsPattern("New cust\\.\\s+" + now + "\\s+" + before);
    }

    @Test
    void channelsOfARegionAreInPhoneOnlineDoorToDoorOrder() {
        List<String> channels = zh.lines().filter(line -> line.contains("2024-02") && line.contains("华南"))
                .map(line -> line.replaceAll(".*(电话销售|网络销售|上门拜访).*", "$1")).toList();

        assertThat(channels).containsExactly("网络销售", "上门拜访");
    }

    @Test
    void topCustomersListTheHighestRevenueCustomerFirstButNotTheEleventh() {
        String section = zh.substring(zh.indexOf("重点客户"));

        assertThat(section).contains(money(new BigDecimal("912345.67")));
        assertThat(section.indexOf(TestMarts.TOP_CUSTOMER)).isLessThan(section.indexOf("深圳前海物流有限公司"));
        assertThat(zh).doesNotContain(TestMarts.ELEVENTH_CUSTOMER);
    }

    @Test
    void pdfIsStampedWithPeriodGenerationTimeSnapshotsAndRequester() {
        assertThat(zh).contains("期间: 2024-02", "生成时间: 2024-03-06 09:30:00 +08:00 (Asia/Shanghai)",
                "mart.customer_sales@42, mart.sales_monthly@7001", "申请人: alice");
    }

    @Test
    void xlsxHoldsTheChineseReportWithItsStamp() throws Exception {
        assertThat(ReportFiles.xlsxXml(chinese.file(Format.XLSX))).contains("销售经营报表", "华东", TestMarts.TOP_CUSTOMER,
                "mart.sales_monthly@7001");
    }

    @Test
    void detailCsvHoldsThePeriodsRowsWithPlainNumbers() throws Exception {
        List<List<String>> table = ReportFiles.csvTable(chinese.file(Format.CSV));

        assertThat(table.get(0)).containsExactly("月份", "区域代码", "区域", "渠道", "订单数", "销售额", "毛利", "新客户");
        assertThat(table.subList(1, table.size())).hasSize(ROWS.size())
                .contains(List.of("2024-02", "SOUTH", "华南", "上门拜访", "30", "75310.20", "-1250.75", "2"));
    }

    @Test
    void emptyMartsGiveAPackThatSaysNoData(@TempDir Path elsewhere) throws Exception {
        try (MartQuery empty = JdbcMartQuery.over(TestMarts.empty())) {
            ArchivedReport report = Fixtures.reports(elsewhere).generate(
                    ReportRequest.of(ExecutiveSalesPack.NAME, FEBRUARY, Scope.company(), Language.ZH_CN, "alice"), empty);

            assertThat(report.files()).allSatisfy(file -> assertThat(Files.size(file)).isPositive());
            assertThat(ReportFiles.pdfText(report.file(Format.PDF))).contains("销售经营报表", "无数据").doesNotContain("合计");
        }
    }

    @Test
    void anAnnualPeriodCoversItsTwelveMonths(@TempDir Path elsewhere) {
        ArchivedReport report = Fixtures.reports(elsewhere).generate(
                ReportRequest.of(ExecutiveSalesPack.NAME, Period.year(2024), Scope.company(), Language.EN, "alice"), port);
        BigDecimal year = TestMarts.SALES.stream().filter(row -> row.month().getYear() == 2024).map(TestMarts.SalesRow::revenue)
                .reduce(BigDecimal.ZERO, BigDecimal::add);

        assertThat(report.manifest().files().get(0).rows()).isEqualTo(TestMarts.SALES.stream().filter(r -> r.month().getYear() == 2024).count());
        assertThat(ReportFiles.pdfText(report.file(Format.PDF))).containsPattern("Total.*" + Pattern.quote(money(year)));
    }

    @Test
    void theTemplateIsCompiledOncePerJvm() {
        assertThat(Templates.compiled(ExecutiveSalesPack.TEMPLATE)).isSameAs(Templates.compiled(ExecutiveSalesPack.TEMPLATE));
    }

    @Test
    void withoutFunnelAndTierMartsTheirSectionsSayNotAvailable() {
        assertThat(en).contains("Lead funnel (leads created in the period)", "Tier mix in 2024-02")
                .contains("Not available (its mart is not in the lake)");
        assertThat(chinese.snapshots()).containsOnlyKeys("mart.customer_sales", "mart.sales_monthly");
    }

    /**
     * March 2024 with a funnel mart and the tier marts of {@link CustomerTiersPackTest}. Funnel roll-ups of March: company
     * 200 leads → 120 prospects → 80 visited → 50 proposals → 20 contracts → 15 orders; EAST 120 → 70 → 50 → 30 → 12 → 9.
     * Tiers in March: A customers 1, 2, 5 (88,000 + 150,000 + 80,000 = 318,000.00), B 3, 4, 9 (50,000 + 40,000 + 30,000 =
     * 120,000.00), C the other six (20,000 + 15,000 + 8,000 + 22,000 + 3,000 + 1,000 = 69,000.00); total 12 and 507,000.00.
     */
    static MartQuery funnelAndTiers() throws Exception {
        java.sql.Connection connection = CustomerTiersPackTest.marts();
        try (java.sql.Statement s = connection.createStatement()) {
            s.execute("""
                    CREATE TABLE mart.sales_funnel (month DATE, region_code VARCHAR, channel VARCHAR, lead_source VARCHAR, leads BIGINT,
                        prospects BIGINT, visited BIGINT, proposals BIGINT, contracts BIGINT, orders BIGINT)""");
            s.execute("""
                    INSERT INTO mart.sales_funnel VALUES
                    ('2024-03-01', 'all', 'all', 'all', 200, 120, 80, 50, 20, 15),
                    ('2024-03-01', 'EAST', 'all', 'all', 120, 70, 50, 30, 12, 9),
                    ('2024-03-01', 'SOUTH', 'all', 'all', 80, 50, 30, 20, 8, 6),
                    ('2024-03-01', 'EAST', 'phone', 'web', 60, 35, 25, 15, 6, 4),
                    ('2024-03-01', 'all', 'phone', 'all', 90, 50, 40, 20, 10, 7),
                    ('2024-02-01', 'all', 'all', 'all', 999, 900, 800, 700, 600, 500)""");
        }
        return new JdbcMartQuery(connection, tables -> {
            java.util.Map<String, Long> read = new java.util.TreeMap<>();
            tables.forEach(table -> read.put(table, 900L + table.length()));
            return read;
        });
    }

    @Test
    void showsTheFunnelOfThePeriodWithItsRates(@TempDir Path elsewhere) throws Exception {
        try (MartQuery marts = funnelAndTiers()) {
            String text = ReportFiles.pdfText(Fixtures.reports(elsewhere).generate(
                    ReportRequest.of(ExecutiveSalesPack.NAME, Period.month(2024, 3), Scope.company(), Language.EN, "alice"), marts).file(Format.PDF));
            String funnel = text.substring(text.indexOf("Lead funnel"), text.indexOf("Tier mix"));

            assertThat(funnel).containsPattern("Leads\\s+200\\s+100.0%")
                    .containsPattern("Prospects\\s+120\\s+60.0%\\s+60.0%")
                    .containsPattern("Visited\\s+80\\s+66.7%\\s+40.0%")
                    .containsPattern("Proposals\\s+50\\s+62.5%\\s+25.0%")
                    .containsPattern("Contracts\\s+20\\s+40.0%\\s+10.0%")
                    .containsPattern("Orders\\s+15\\s+75.0%\\s+7.5%")
                    .doesNotContain("999");
        }
    }

    @Test
    void showsTheTierMixOfThePeriodsLastMonth(@TempDir Path elsewhere) throws Exception {
        try (MartQuery marts = funnelAndTiers()) {
            String text = ReportFiles.pdfText(Fixtures.reports(elsewhere).generate(
                    ReportRequest.of(ExecutiveSalesPack.NAME, Period.month(2024, 3), Scope.company(), Language.EN, "alice"), marts).file(Format.PDF));
            String tiers = text.substring(text.indexOf("Tier mix in 2024-03"));

            assertThat(tiers).containsPattern("A\\s+3\\s+25.0%\\s+318,000.00\\s+62.7%")
                    .containsPattern("B\\s+3\\s+25.0%\\s+120,000.00\\s+23.7%")
                    .containsPattern("C\\s+6\\s+50.0%\\s+69,000.00\\s+13.6%")
                    .containsPattern("Total\\s+12\\s+100.0%\\s+507,000.00\\s+100.0%");
        }
    }

    @Test
    void regionScopeLimitsFunnelAndTierMix(@TempDir Path elsewhere) throws Exception {
        try (MartQuery marts = funnelAndTiers()) {
            ArchivedReport east = Fixtures.reports(elsewhere).generate(
                    ReportRequest.of(ExecutiveSalesPack.NAME, Period.month(2024, 3), Scope.regions("EAST"), Language.ZH_CN, "alice"), marts);
            String text = ReportFiles.pdfText(east.file(Format.PDF));

            assertThat(text).contains("销售漏斗（本期新增线索）", "客户等级结构（2024-03，近 12 个月净采购额）")
                    .containsPattern("线索\\s+120\\s+100.0%")
                    .containsPattern("已下单\\s+9\\s+75.0%\\s+7.5%")
                    .containsPattern("A\\s*类\\s+2\\s+33.3%\\s+238,000.00")
                    .containsPattern("合计\\s+6\\s+100.0%\\s+328,000.00\\s+100.0%");
            assertThat(east.snapshots()).containsKeys("mart.sales_funnel", "mart.customer_tier_history");
        }
    }

    /** The populated test marts with mart.sales_kpi ({@link TestMarts#withSalesKpi}); any table reads as snapshot 900 + its name's length. */
    static MartQuery withSalesKpi() throws Exception {
        return new JdbcMartQuery(TestMarts.withSalesKpi(TestMarts.populated()), tables -> {
            java.util.Map<String, Long> read = new java.util.TreeMap<>();
            tables.forEach(table -> read.put(table, 900L + table.length()));
            return read;
        });
    }

    private static String quotaSection(String text, String heading) {
        return text.substring(text.indexOf(heading));
    }

    @Test
    void withoutTheKpiMartTheQuotaSectionSaysNotAvailable() {
        assertThat(quotaSection(en, "Quota completion by team")).contains("Not available (its mart is not in the lake)");
        assertThat(en).doesNotContain("Company total");
        assertThat(zh).contains("各团队指标完成情况").doesNotContain("完成率");
    }

    @Test
    void showsEachTeamsNetSalesQuotaCompletionAndLastYear(@TempDir Path elsewhere) throws Exception {
        try (MartQuery marts = withSalesKpi()) {
            ArchivedReport report = Fixtures.reports(elsewhere).generate(
                    ReportRequest.of(ExecutiveSalesPack.NAME, FEBRUARY, Scope.company(), Language.EN, "alice"), marts);
            String section = quotaSection(ReportFiles.pdfText(report.file(Format.PDF)), "Quota completion by team");

            // team 11: 120,000.00 of 150,000.00 = 80.0 %; February 2023 100,000.00
            assertThat(section).containsPattern("11\\s+华东\\s+120,000.00\\s+150,000.00\\s+80.0%\\s+100,000.00")
                    // team 12: 45,500.50 of 50,000.00 = 91.0 %; February 2023 50,000.00
                    .containsPattern("12\\s+华东\\s+45,500.50\\s+50,000.00\\s+91.0%\\s+50,000.00")
                    // team 21: quota 0, so no completion; no row last year
                    .containsPattern("21\\s+华南\\s+30,250.00\\s+0.00\\s*\\n")
                    // the regions' own rows: EAST 165,500.50 of 200,000.00 = 82.75 % → 82.8 %; SOUTH quota 0
                    .containsPattern("Region total\\s+华东\\s+165,500.50\\s+200,000.00\\s+82.8%\\s+150,000.00")
                    .containsPattern("Region total\\s+华南\\s+30,250.00\\s+0.00\\s*\\n")
                    // the company's row: 195,750.50 of 200,000.00 = 97.875 % → 97.9 %; February 2023 150,000.00
                    .containsPattern("Company total\\s+195,750.50\\s+200,000.00\\s+97.9%\\s+150,000.00");
            assertThat(report.snapshots()).containsKey("mart.sales_kpi");
        }
    }

    @Test
    void readsOnlyTheMartsTeamRegionAndCompanyRowsOfThePeriod(@TempDir Path elsewhere) throws Exception {
        try (MartQuery marts = withSalesKpi()) {
            String text = ReportFiles.pdfText(Fixtures.reports(elsewhere).generate(
                    ReportRequest.of(ExecutiveSalesPack.NAME, FEBRUARY, Scope.company(), Language.EN, "alice"), marts).file(Format.PDF));
            String section = quotaSection(text, "Quota completion by team");

            // rep rows (rep 101: 70,000.00), the detail row (9,999.99), January and the quarter (55,555.55) are not read
            assertThat(text).doesNotContain("70,000.00", "9,999.99", "55,555.55");
            // three teams, two regions, one company row
            assertThat(section.lines().filter(line -> line.matches("\\s*(11|12|21|Region total|Company total)\\s.*"))).hasSize(6);
        }
    }

    @Test
    void kpiBlockShowsTheCompanysNetSalesQuotaAndCompletionAgainstLastYear(@TempDir Path elsewhere) throws Exception {
        try (MartQuery marts = withSalesKpi()) {
            String text = ReportFiles.pdfText(Fixtures.reports(elsewhere).generate(
                    ReportRequest.of(ExecutiveSalesPack.NAME, FEBRUARY, Scope.company(), Language.EN, "alice"), marts).file(Format.PDF));
            String kpis = text.substring(text.indexOf("This period against"), text.indexOf("By month, region and channel"));

            // net sales 195,750.50 against 150,000.00: +45,750.50 / 150,000 = +30.5 %
            assertThat(kpis).containsPattern("Net sales\\s+195,750.50\\s+150,000.00\\s+\\+30.5%")
                    // quota 200,000.00 both years: +0.0 %
                    .containsPattern("Quota\\s+200,000.00\\s+200,000.00\\s+\\+0.0%")
                    // completion 0.9788 and 0.7500, no change column
                    .containsPattern("Completion\\s+97.9%\\s+75.0%\\s*\\n");
        }
    }

    @Test
    void regionScopeShowsOnlyItsTeamsAndItsTotal(@TempDir Path elsewhere) throws Exception {
        try (MartQuery marts = withSalesKpi()) {
            ArchivedReport east = Fixtures.reports(elsewhere).generate(
                    ReportRequest.of(ExecutiveSalesPack.NAME, FEBRUARY, Scope.regions("EAST"), Language.ZH_CN, "east-manager"), marts);
            String text = ReportFiles.pdfText(east.file(Format.PDF));
            String section = quotaSection(text, "各团队指标完成情况");

            assertThat(section).containsPattern("11\\s+华东\\s+120,000.00\\s+150,000.00\\s+80.0%")
                    .containsPattern("12\\s+华东\\s+45,500.50\\s+50,000.00\\s+91.0%")
                    .containsPattern("区域合计\\s+华东\\s+165,500.50\\s+200,000.00\\s+82.8%\\s+150,000.00")
                    .doesNotContain("华南", "30,250.00", "全公司合计", "195,750.50");
            // EAST's own row in the KPI block: 165,500.50 against 150,000.00 = +10.3 %; completion 82.8 % against 75.0 %
            assertThat(text).containsPattern("净销售额\\s+165,500.50\\s+150,000.00\\s+\\+10.3%")
                    .containsPattern("完成率\\s+82.8%\\s+75.0%");
        }
    }

    @Test
    void anAnnualPeriodReadsTheMartsYearRows(@TempDir Path elsewhere) throws Exception {
        try (MartQuery marts = withSalesKpi()) {
            String text = ReportFiles.pdfText(Fixtures.reports(elsewhere).generate(
                    ReportRequest.of(ExecutiveSalesPack.NAME, Period.year(2024), Scope.company(), Language.EN, "alice"), marts).file(Format.PDF));
            String section = quotaSection(text, "Quota completion by team");

            // 2024: 1,234,567.89 of 1,500,000.00 = 82.3 %; 2023: 987,654.32
            assertThat(section).containsPattern("11\\s+华东\\s+1,234,567.89\\s+1,500,000.00\\s+82.3%\\s+987,654.32")
                    .containsPattern("Company total\\s+1,234,567.89\\s+1,500,000.00\\s+82.3%\\s+987,654.32")
                    .doesNotContain("120,000.00", "华南");
            // (1,234,567.89 − 987,654.32) / 987,654.32 = +25.0 %; completion 82.3 % against 98.8 %
            assertThat(text).containsPattern("Net sales\\s+1,234,567.89\\s+987,654.32\\s+\\+25.0%")
                    .containsPattern("Completion\\s+82.3%\\s+98.8%");
        }
    }

    @Test
    void xlsxHoldsTheQuotaSection(@TempDir Path elsewhere) throws Exception {
        try (MartQuery marts = withSalesKpi()) {
            ArchivedReport report = Fixtures.reports(elsewhere).generate(
                    ReportRequest.of(ExecutiveSalesPack.NAME, FEBRUARY, Scope.company(), Language.ZH_CN, "alice"), marts);

            assertThat(ReportFiles.xlsxXml(report.file(Format.XLSX))).contains("各团队指标完成情况", "区域合计", "全公司合计", "195750.5");
        }
    }
}
