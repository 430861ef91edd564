package dsmart.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.reports.ReportPack.Format;
import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The customer-tiers pack for 2024-03 over {@link TestMarts} (regions of the twelve customers) plus hand-made tier
 * marts. March: 华东 A 2 (customers 1, 2), B 1 (4), C 3 (6, 8, 10); 华南 A 1 (5), B 2 (3, 9), C 3 (7, 11, 12);
 * migrations: 1 up B→A (amount), 3 down A→B (potential), 6 down B→C (frequency), 8 new (first order).
 * February holds a migration of customer 12 that must not show.
 */
class CustomerTiersPackTest {
    private static final Period MARCH = Period.month(2024, 3);
    private static final Map<String, Long> IDS = Map.of("mart.customer_tier_history", 801L, "mart.customer_tier", 802L,
            "mart.customer_sales", 42L, "mart.sales_monthly", 7001L);

    @TempDir
    static Path archive;

    private static Connection connection;
    private static MartQuery port;
    private static ArchivedReport chinese;
    private static String zh;

    @BeforeAll
    static void render() throws Exception {
        connection = marts();
        port = new JdbcMartQuery(connection, tables -> {
            Map<String, Long> read = new TreeMap<>();
            tables.forEach(table -> read.put(table, IDS.get(table)));
            return read;
        });
        chinese = Fixtures.reports(archive).generate(ReportRequest.of(CustomerTiersPack.NAME, MARCH, Scope.company(), Language.ZH_CN, "sales"), port);
        zh = ReportFiles.pdfText(chinese.file(Format.PDF));
    }

    /** {@link TestMarts} with the two tier marts of the class comment. */
    static Connection marts() throws Exception {
        Connection connection = TestMarts.populated();
        try (Statement s = connection.createStatement()) {
            s.execute("""
                    CREATE TABLE mart.customer_tier_history (
                        customer_id BIGINT, month DATE, tier VARCHAR, score DECIMAL(7,2), amount_12m DECIMAL(18,2), orders_12m BIGINT,
                        potential_value DECIMAL(18,2), loyalty DECIMAL(5,4), previous_tier VARCHAR, migration VARCHAR, migration_reason VARCHAR)""");
            s.execute("""
                    INSERT INTO mart.customer_tier_history VALUES
                    (1, '2024-03-01', 'A', 72.50, 88000.00, 10, 90000.00, 0.8000, 'B', 'up', 'amount'),
                    (2, '2024-03-01', 'A', 91.00, 150000.00, 14, 120000.00, 1.0000, 'A', 'none', NULL),
                    (3, '2024-03-01', 'B', 45.00, 50000.00, 6, 20000.00, 0.7000, 'A', 'down', 'potential'),
                    (4, '2024-03-01', 'B', 40.00, 40000.00, 5, 30000.00, 0.6000, 'B', 'none', NULL),
                    (5, '2024-03-01', 'A', 65.00, 80000.00, 9, 70000.00, 0.9000, 'A', 'none', NULL),
                    (6, '2024-03-01', 'C', 20.00, 20000.00, 1, 10000.00, 0.5000, 'B', 'down', 'frequency'),
                    (7, '2024-03-01', 'C', 15.00, 15000.00, 2, 5000.00, 0.4000, 'C', 'none', NULL),
                    (8, '2024-03-01', 'C', 10.00, 8000.00, 1, 32000.00, 0.0833, NULL, 'new', 'first order'),
                    (9, '2024-03-01', 'B', 33.00, 30000.00, 4, 25000.00, 0.5000, 'B', 'none', NULL),
                    (10, '2024-03-01', 'C', 25.00, 22000.00, 3, 12000.00, 0.5000, 'C', 'none', NULL),
                    (11, '2024-03-01', 'C', 5.00, 3000.00, 1, 0.00, 0.2000, 'C', 'none', NULL),
                    (12, '2024-03-01', 'C', 2.00, 1000.00, 1, 0.00, 0.1000, 'C', 'none', NULL),
                    (12, '2024-02-01', 'C', 3.00, 1000.00, 1, 0.00, 0.1500, 'B', 'down', 'loyalty'),
                    (1, '2024-02-01', 'B', 50.00, 60000.00, 8, 50000.00, 0.7000, 'B', 'none', NULL)""");
            s.execute("""
                    CREATE TABLE mart.customer_tier AS
                    SELECT h.customer_id, c.customer_name, h.month, h.tier, h.score, h.amount_12m, h.orders_12m, h.potential_value,
                           h.loyalty, h.previous_tier, h.migration, h.migration_reason
                    FROM mart.customer_tier_history h JOIN mart.customer_sales c ON c.customer_id = h.customer_id
                    WHERE h.month = DATE '2024-03-01'""");
        }
        return connection;
    }

    @AfterAll
    static void close() {
        port.close();
    }

    @Test
    void writesPdfXlsxAndTheFullListXlsx() {
        assertThat(chinese.files()).extracting(f -> f.getFileName().toString()).containsExactly(
                "customer-tiers_2024-03_all_zh-CN.pdf", "customer-tiers_2024-03_all_zh-CN.xlsx", "customer-tiers_2024-03_all_zh-CN_list.xlsx");
    }

    @Test
    void countsTiersByRegionWithTotals() {
        assertThat(zh).contains("客户分级名单", "各区域客户等级", "A 类", "客户数")
                .containsPattern("华东\\s+2\\s+1\\s+3\\s+6")
                .containsPattern("华南\\s+1\\s+2\\s+3\\s+6")
                .containsPattern("合计\\s+3\\s+3\\s+6\\s+12");
    }

    @Test
    void listsTheACustomersHighestScoreFirstWithinTheirRegion() {
        String section = zh.substring(zh.indexOf("A 类客户"), zh.indexOf("本月等级变动"));

        assertThat(section).containsPattern("北京远航科技有限公司\\s+91.00\\s+150,000.00\\s+14");
        assertThat(section.indexOf("北京远航科技有限公司")).isLessThan(section.indexOf("上海明辉贸易有限公司"));
        assertThat(section).contains("深圳前海物流有限公司").doesNotContain("杭州绿源食品有限公司");
    }

    @Test
    void listsTheMonthsMigrationsWithReasonsButNotAnotherMonths() {
        String section = zh.substring(zh.indexOf("本月等级变动"));

        assertThat(section).containsPattern("上海明辉贸易有限公司\\s+B\\s*→\\s*A\\s+升级\\s+采购金额")
                .containsPattern("广州南星电器有限公司\\s+A\\s*→\\s*B\\s+降级\\s+潜在价值")
                .containsPattern("南京金陵建材有限公司\\s+B\\s*→\\s*C\\s+降级\\s+采购频次")
                .containsPattern("苏州工业园精密制造有限公司\\s+-\\s*→\\s*C\\s+新客户\\s+首次下单")
                .doesNotContain("珠海横琴文旅有限公司", "忠诚度");
    }

    @Test
    void isStampedWithTheSnapshotsOfEveryMartRead() {
        assertThat(zh).contains("期间: 2024-03", "生成时间: 2024-03-06 09:30:00 +08:00 (Asia/Shanghai)",
                "mart.customer_sales@42, mart.customer_tier@802, mart.customer_tier_history@801");
    }

    @Test
    void listXlsxRowsEqualTheMonthsMartRows() throws Exception {
        List<List<String>> sheet = HrAppraisalPackTest.data(chinese.files().get(2));
        List<String> expected = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT customer_id, tier, score FROM mart.customer_tier_history WHERE month = DATE '2024-03-01' ORDER BY customer_id")) {
            while (rs.next()) {
                expected.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getBigDecimal(3));
            }
        }

        assertThat(sheet.get(0)).startsWith("区域", "客户编号", "客户", "等级", "得分");
        assertThat(sheet.subList(1, sheet.size()).stream().map(r -> r.get(1) + " " + r.get(3) + " " + r.get(4)).sorted(
                java.util.Comparator.comparingLong(line -> Long.parseLong(line.split(" ")[0]))).toList()).containsExactlyElementsOf(expected);
    }

    @Test
    void regionScopeKeepsOnlyTheRegionsCustomers(@TempDir Path elsewhere) {
        ArchivedReport south = Fixtures.reports(elsewhere).generate(
                ReportRequest.of(CustomerTiersPack.NAME, MARCH, Scope.regions("SOUTH"), Language.EN, "sales"), port);
        String text = ReportFiles.pdfText(south.file(Format.PDF));

        assertThat(text).contains("Customer tiers", "Tiers by region", "Down", "Potential").doesNotContain("华东", "上海明辉贸易有限公司")
                .containsPattern("Total\\s+1\\s+2\\s+3\\s+6");
    }

    @Test
    void theSameSnapshotsGiveTheSameFigures(@TempDir Path elsewhere) throws Exception {
        ArchivedReport again = Fixtures.reports(elsewhere).generate(
                ReportRequest.of(CustomerTiersPack.NAME, MARCH, Scope.company(), Language.ZH_CN, "sales"), port);

        assertThat(again.snapshots()).isEqualTo(chinese.snapshots());
        assertThat(ReportFiles.pdfText(again.file(Format.PDF))).isEqualTo(zh);
        assertThat(HrAppraisalPackTest.data(again.files().get(2))).isEqualTo(HrAppraisalPackTest.data(chinese.files().get(2)));
    }
}
