package dsmart.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SalesMonthlyReportTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-04-02T01:30:00Z"), ZoneId.of("UTC"));

    @TempDir
    static Path directory;

    private static MartQuery port;
    private static RenderedReport report;
    private static String pdfText;

    @BeforeAll
    static void renderOnce() throws Exception {
        port = JdbcMartQuery.over(TestMarts.populated());
        report = SalesMonthlyReport.render(port, directory.resolve("out"), SHANGHAI, CLOCK);
        pdfText = ReportFiles.pdfText(report.files().get(0));
    }

    @AfterAll
    static void close() {
        port.close();
    }

    private static String money(BigDecimal value) {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.SIMPLIFIED_CHINESE)).format(value);
    }

    @Test
    void writesPdfAndXlsxIntoTheDirectory() {
        assertThat(report.name()).isEqualTo("sales_monthly");
        assertThat(report.files()).containsExactly(
                directory.resolve("out/sales_monthly.pdf"), directory.resolve("out/sales_monthly.xlsx"));
        assertThat(report.files()).allSatisfy(file -> assertThat(Files.size(file)).isPositive());
        assertThat(directory.resolve("out")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void countsOneRowPerMonthRegionAndChannel() {
        assertThat(report.rows()).isEqualTo(TestMarts.SALES.size());
    }

    @Test
    void pdfShowsTheChineseTitleAndEnglishSubtitle() {
        assertThat(pdfText).contains("月度销售报表").contains("Monthly sales");
    }

    @Test
    void pdfShowsTheChineseColumnLabels() {
        assertThat(pdfText).contains("月份", "区域", "渠道", "订单数", "销售额", "毛利", "新客户");
    }

    @Test
    void pdfShowsChannelsByTheirChineseNames() {
        assertThat(pdfText).contains("电话销售", "网络销售", "上门拜访")
                .doesNotContain("door_to_door").doesNotContain("online");
    }

    @Test
    void pdfEmbedsTheCjkFontOfTheFontExtension() {
        assertThat(ReportFiles.pdfFonts(report.files().get(0)))
                .containsPattern("NotoSansSC-Regular\\s+CID TrueType\\s+Identity-H\\s+yes")
                .containsPattern("NotoSansSC-Bold\\s+CID TrueType\\s+Identity-H\\s+yes");
    }

    @Test
    void channelsOfAMonthAndRegionAreInPhoneOnlineDoorToDoorOrder() {
        List<String> channels = pdfText.lines()
                .filter(line -> line.contains("2024-01") && line.contains("华东"))
                .map(line -> line.replaceAll(".*(电话销售|网络销售|上门拜访).*", "$1"))
                .toList();

        assertThat(channels).containsExactly("电话销售", "网络销售", "上门拜访");
    }

    @Test
    void pdfShowsRegionsAndMonths() {
        assertThat(pdfText).contains("华东", "华南", "2024-01", "2024-02", "2024-03");
    }

    @Test
    void pdfTotalsRowShowsTheGrandTotalRevenueWithThousandsSeparators() {
        BigDecimal total = TestMarts.SALES.stream().map(TestMarts.SalesRow::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);

        assertThat(money(total)).contains(",");
        assertThat(pdfText).containsPattern("合计 Total.*" + java.util.regex.Pattern.quote(money(total)));
    }

    @Test
    void pdfTotalsRowShowsTheGrandTotalGrossProfit() {
        BigDecimal total = TestMarts.SALES.stream().map(TestMarts.SalesRow::grossProfit).reduce(BigDecimal.ZERO, BigDecimal::add);

        assertThat(pdfText).contains(money(total));
    }

    @Test
    void pdfPrintsMoneyWithTwoDecimals() {
        // 260400.00 has no cents: the pattern still prints two decimals
        assertThat(pdfText).contains("260,400.00");
    }

    @Test
    void topCustomersListTheHighestRevenueCustomerButNotTheEleventh() {
        String section = pdfText.substring(pdfText.indexOf("重点客户 Top customers"));

        assertThat(section).contains(TestMarts.TOP_CUSTOMER).contains(money(new BigDecimal("912345.67")));
        assertThat(pdfText).doesNotContain(TestMarts.ELEVENTH_CUSTOMER);
    }

    @Test
    void topCustomersAreInDescendingRevenueOrder() {
        String section = pdfText.substring(pdfText.indexOf("重点客户 Top customers"));

        assertThat(section.indexOf(TestMarts.TOP_CUSTOMER)).isLessThan(section.indexOf("深圳前海物流有限公司"));
        assertThat(section.indexOf("深圳前海物流有限公司")).isLessThan(section.indexOf("宁波港城进出口有限公司"));
    }

    @Test
    void pdfShowsTheGeneratedAtTimeInTheGivenZone() {
        assertThat(pdfText).contains("2024-04-02 09:30:00 +08:00");
    }

    @Test
    void xlsxIsAZipWhoseSheetsHoldTheTitleAndRegionNames() throws Exception {
        Path xlsx = report.files().get(1);
        try (ZipFile zip = new ZipFile(xlsx.toFile())) {
            assertThat(zip.getEntry("[Content_Types].xml")).isNotNull();
        }

        assertThat(ReportFiles.xlsxXml(xlsx)).contains("月度销售报表", "华东", "北京远航科技有限公司");
    }

    @Test
    void snapshotsAreThoseThePortReturned() {
        // JdbcMartQuery.over reports no snapshot ids
        assertThat(report.snapshots()).isEmpty();
        assertThat(pdfText).contains("数据快照 Snapshots: 无");
    }

    @Test
    void snapshotIdsOfBothMartsAreReturnedAndPrinted(@TempDir Path out) throws Exception {
        Map<String, Long> ids = Map.of("mart.sales_monthly", 7001L, "mart.customer_sales", 42L);
        try (MartQuery withSnapshots = new JdbcMartQuery(TestMarts.populated(), tables -> {
            Map<String, Long> read = new TreeMap<>();
            tables.forEach(table -> read.put(table, ids.get(table)));
            return read;
        })) {
            RenderedReport rendered = SalesMonthlyReport.render(withSnapshots, out, SHANGHAI, CLOCK);

            assertThat(rendered.snapshots()).isEqualTo(ids);
            assertThat(ReportFiles.pdfText(rendered.files().get(0)))
                    .contains("mart.customer_sales@42").contains("mart.sales_monthly@7001");
        }
    }

    @Test
    void emptyMartsGiveAReportThatSaysNoData(@TempDir Path out) throws Exception {
        try (MartQuery empty = JdbcMartQuery.over(TestMarts.empty())) {
            RenderedReport rendered = SalesMonthlyReport.render(empty, out, SHANGHAI);

            assertThat(rendered.rows()).isZero();
            assertThat(rendered.files()).allSatisfy(file -> assertThat(file).isRegularFile());
            String text = ReportFiles.pdfText(rendered.files().get(0));
            assertThat(text).contains("月度销售报表", "无数据", "重点客户 Top customers").doesNotContain("合计");
        }
    }

    @Test
    void renderingAgainReplacesTheFiles(@TempDir Path out) throws Exception {
        Files.writeString(out.resolve("sales_monthly.pdf"), "stale");

        RenderedReport rendered = SalesMonthlyReport.render(port, out, SHANGHAI);

        assertThat(Files.readString(rendered.files().get(0), java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("%PDF-");
    }

    @Test
    void theLayoutIsCompiledOncePerJvm() {
        assertThat(SalesMonthlyReport.template()).isSameAs(SalesMonthlyReport.template());
    }

    @Test
    void anUnknownChannelCodeIsShownAsItIs() {
        assertThat(SalesMonthlyReport.channelLabel("phone")).isEqualTo("电话销售");
        assertThat(SalesMonthlyReport.channelLabel("partner")).isEqualTo("partner");
    }
}
