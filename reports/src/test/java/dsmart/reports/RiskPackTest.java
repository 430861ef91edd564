package dsmart.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.reports.ReportPack.Format;
import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The risk pack for 2024-03 over hand-made receivable, credit and alert marts. As-of dates 2024-02-29, 2024-03-31 and the
 * data's as-of date 2024-04-10; March is read at 2024-03-31. Open on 2024-03-31: customer 1 (EAST) 1,000.10 not yet due
 * and 250.25 in 1-30; customer 2 (EAST) 3,000.00 in 61-90; customer 3 (SOUTH) 499.99 in 1-30 and 12,000.01 in 181-365;
 * customer 4 (EAST) settled (open 0). By hand: ledger balance 16,750.35 (EAST 4,250.35); buckets: not yet due 1,000.10,
 * 1-30 750.24 (2 customers), 61-90 3,000.00, 181-365 12,000.01. Provision (rates 1/3/10/20/50/80/100 %): customer 1
 * 10.00 + 7.51 = 17.51, customer 2 600.00, customer 3 15.00 + 9,600.01 = 9,615.01; total 10,232.52 of 16,750.35 (61.09 %).
 * Breaches in March: SO-2024030001 (EAST, 3,000.00, approved) and SO-2024030002 (SOUTH, 2,600.00, no override).
 * Alerts active at March's end: overdue_ratio EAST (critical, firing), return_rate all (warning, pending) and
 * discount_depth all (info, firing in March, resolved only in April); sales_yoy SOUTH resolved in March and
 * complaint_rate SOUTH firing from April are not active.
 */
class RiskPackTest {
    private static final Period MARCH = Period.month(2024, 3);
    private static final Map<String, Long> IDS = Map.of("mart.ar_ledger", 11L, "mart.ar_ageing", 12L, "mart.credit_exposure", 13L,
            "mart.credit_limit_breach", 14L, "mart.ar_provision", 15L, "mart.market_alert", 16L);

    @TempDir
    static Path archive;

    private static MartQuery port;
    private static ArchivedReport english;
    private static String en;

    @BeforeAll
    static void render() throws Exception {
        port = port(marts());
        english = Fixtures.reports(archive).generate(ReportRequest.of(RiskPack.NAME, MARCH, Scope.company(), Language.EN, "cfo"), port);
        en = ReportFiles.pdfText(english.file(Format.PDF));
    }

    @AfterAll
    static void close() {
        port.close();
    }

    static MartQuery port(Connection connection) {
        return new JdbcMartQuery(connection, tables -> {
            Map<String, Long> read = new TreeMap<>();
            tables.forEach(table -> read.put(table, IDS.get(table)));
            return read;
        });
    }

    static Connection marts() throws Exception {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE SCHEMA mart");
            s.execute("""
                    CREATE TABLE mart.ar_ledger (as_of_date DATE, is_data_as_of BOOLEAN, invoice_id BIGINT, customer_id BIGINT,
                        due_on DATE, open_amount DECIMAL(18,2))""");
            s.execute("""
                    INSERT INTO mart.ar_ledger VALUES
                    ('2024-02-29', FALSE, 100, 1, '2024-02-10', 777.77),
                    ('2024-03-31', FALSE, 101, 1, '2024-04-15', 1000.10),
                    ('2024-03-31', FALSE, 102, 1, '2024-03-10', 250.25),
                    ('2024-03-31', FALSE, 103, 2, '2024-01-20', 3000.00),
                    ('2024-03-31', FALSE, 104, 3, '2024-03-25', 499.99),
                    ('2024-03-31', FALSE, 105, 3, '2023-09-30', 12000.01),
                    ('2024-03-31', FALSE, 106, 4, '2024-03-01', 0.00),
                    ('2024-04-10', TRUE, 107, 2, '2024-05-10', 5.00)""");
            s.execute("""
                    CREATE TABLE mart.ar_ageing (as_of_date DATE, customer_id BIGINT, customer_name VARCHAR, rep_name VARCHAR,
                        region_code VARCHAR, region_name VARCHAR, bucket_no INTEGER, bucket VARCHAR, invoices BIGINT, amount DECIMAL(18,2),
                        customer_outstanding DECIMAL(18,2))""");
            s.execute("""
                    INSERT INTO mart.ar_ageing VALUES
                    ('2024-02-29', 1, '上海明辉贸易有限公司', '张伟', 'EAST', '华东', 0, 'not yet due', 1, 777.77, 777.77),
                    ('2024-03-31', 1, '上海明辉贸易有限公司', '张伟', 'EAST', '华东', 0, 'not yet due', 1, 1000.10, 1250.35),
                    ('2024-03-31', 1, '上海明辉贸易有限公司', '张伟', 'EAST', '华东', 1, '1-30', 1, 250.25, 1250.35),
                    ('2024-03-31', 2, '北京远航科技有限公司', '张伟', 'EAST', '华东', 3, '61-90', 1, 3000.00, 3000.00),
                    ('2024-03-31', 3, '广州南星电器有限公司', '李娜', 'SOUTH', '华南', 1, '1-30', 1, 499.99, 12500.00),
                    ('2024-03-31', 3, '广州南星电器有限公司', '李娜', 'SOUTH', '华南', 5, '181-365', 1, 12000.01, 12500.00),
                    ('2024-04-10', 2, '北京远航科技有限公司', '张伟', 'EAST', '华东', 0, 'not yet due', 1, 5.00, 5.00)""");
            s.execute("""
                    CREATE TABLE mart.credit_exposure (as_of_date DATE, customer_id BIGINT, customer_name VARCHAR, credit_group VARCHAR,
                        rep_id BIGINT, region_code VARCHAR, credit_limit DECIMAL(18,2), limit_source VARCHAR, open_receivables DECIMAL(18,2),
                        overdue_receivables DECIMAL(18,2), uninvoiced_orders BIGINT, uninvoiced_amount DECIMAL(18,2), exposure DECIMAL(18,2),
                        utilisation DECIMAL(9,4), over_limit BOOLEAN, excess DECIMAL(18,2), over_limit_orders BIGINT,
                        over_limit_without_override BIGINT, credit_score DECIMAL(5,2), suggested_terms VARCHAR)""");
            s.execute("""
                    INSERT INTO mart.credit_exposure VALUES
                    ('2024-04-10', 1, '上海明辉贸易有限公司', 'standard', 7, 'EAST', 10000.00, 'finance', 11000.50, 250.25, 1, 1500.00,
                        12500.50, 1.2501, TRUE, 2500.50, 1, 0, 45.50, 'guarantee'),
                    ('2024-04-10', 2, '北京远航科技有限公司', 'strategic', 7, 'EAST', 50000.00, 'finance', 3000.00, 3000.00, 0, 0.00,
                        3000.00, 0.0600, FALSE, 0.00, 0, 0, 88.00, 'keep'),
                    ('2024-04-10', 3, '广州南星电器有限公司', 'strict', 8, 'SOUTH', 10000.00, 'group_default', 12500.00, 12500.00, 0, 0.00,
                        12500.00, 1.2500, TRUE, 2500.00, 2, 1, 30.00, 'prepayment'),
                    ('2024-04-10', 4, '杭州绿源食品有限公司', 'standard', 7, 'EAST', 20000.00, 'finance', 0.00, 0.00, 0, 0.00,
                        0.00, 0.0000, FALSE, 0.00, 0, 0, 70.00, 'keep')""");
            s.execute("""
                    CREATE TABLE mart.credit_limit_breach (order_id BIGINT, order_no VARCHAR, order_date DATE, month DATE, customer_id BIGINT,
                        customer_name VARCHAR, rep_id BIGINT, rep_name VARCHAR, region_code VARCHAR, amount DECIMAL(18,2),
                        credit_limit DECIMAL(18,2), exposure_before DECIMAL(18,2), excess DECIMAL(18,2), approver VARCHAR,
                        approved BOOLEAN, without_override BOOLEAN)""");
            s.execute("""
                    INSERT INTO mart.credit_limit_breach VALUES
                    (501, 'SO-2024030001', '2024-03-05', '2024-03-01', 1, '上海明辉贸易有限公司', 7, '张伟', 'EAST', 3000.00, 10000.00,
                        9500.50, 2500.50, '王总', TRUE, FALSE),
                    (502, 'SO-2024030002', '2024-03-20', '2024-03-01', 3, '广州南星电器有限公司', 8, '李娜', 'SOUTH', 2600.00, 10000.00,
                        9900.00, 2500.00, NULL, FALSE, TRUE),
                    (503, 'SO-2024020009', '2024-02-28', '2024-02-01', 3, '广州南星电器有限公司', 8, '李娜', 'SOUTH', 100.00, 10000.00,
                        9950.00, 50.00, NULL, FALSE, TRUE)""");
            s.execute("""
                    CREATE TABLE mart.ar_provision (level VARCHAR, as_of_date DATE, is_data_as_of BOOLEAN, month DATE, customer_id BIGINT,
                        customer_name VARCHAR, rep_id BIGINT, region_code VARCHAR, outstanding DECIMAL(18,2), overdue DECIMAL(18,2),
                        provision DECIMAL(18,2), coverage DECIMAL(9,4))""");
            s.execute("""
                    INSERT INTO mart.ar_provision VALUES
                    ('customer', '2024-02-29', FALSE, '2024-02-01', 1, '上海明辉贸易有限公司', 7, 'EAST', 777.77, 0.00, 7.78, 0.0100),
                    ('company', '2024-02-29', FALSE, '2024-02-01', NULL, NULL, NULL, NULL, 777.77, 0.00, 7.78, 0.0100),
                    ('customer', '2024-03-31', FALSE, '2024-03-01', 1, '上海明辉贸易有限公司', 7, 'EAST', 1250.35, 250.25, 17.51, 0.0140),
                    ('customer', '2024-03-31', FALSE, '2024-03-01', 2, '北京远航科技有限公司', 7, 'EAST', 3000.00, 3000.00, 600.00, 0.2000),
                    ('customer', '2024-03-31', FALSE, '2024-03-01', 3, '广州南星电器有限公司', 8, 'SOUTH', 12500.00, 12500.00, 9615.01, 0.7692),
                    ('company', '2024-03-31', FALSE, '2024-03-01', NULL, NULL, NULL, NULL, 16750.35, 15750.25, 10232.52, 0.6109)""");
            s.execute("""
                    CREATE TABLE mart.market_alert (alert_id VARCHAR, rule VARCHAR, severity VARCHAR, indicator VARCHAR, grain VARCHAR,
                        dimension VARCHAR, dimension_value VARCHAR, period_start DATE, event VARCHAR, state VARCHAR, episode_start DATE,
                        fired_at DATE, value DECIMAL(30,6), baseline DECIMAL(30,6), score DECIMAL(30,6), threshold DECIMAL(30,6),
                        explanation VARCHAR, is_latest BOOLEAN, acknowledged_by VARCHAR)""");
            s.execute("""
                    INSERT INTO mart.market_alert VALUES
                    ('overdue_ratio:EAST:2024-02-01', 'overdue_ratio', 'critical', 'overdue_ratio', 'monthly', 'region', 'EAST', '2024-02-01',
                        'pending', 'pending', '2024-02-01', NULL, 0.33, NULL, 0.33, 0.30, 'EAST overdue ratio 33 percent in 2024-02', FALSE, NULL),
                    ('overdue_ratio:EAST:2024-02-01', 'overdue_ratio', 'critical', 'overdue_ratio', 'monthly', 'region', 'EAST', '2024-03-01',
                        'firing', 'firing', '2024-02-01', '2024-03-01', 0.35, NULL, 0.35, 0.30, 'EAST overdue ratio 35 percent in 2024-03', TRUE, 'cfo'),
                    ('sales_yoy:SOUTH:2024-01-01', 'sales_yoy', 'warning', 'sales_amount', 'monthly', 'region', 'SOUTH', '2024-01-01',
                        'firing', 'firing', '2024-01-01', '2024-01-01', 80.0, 100.0, -20.0, -20.0, 'SOUTH sales down 20 percent', FALSE, NULL),
                    ('sales_yoy:SOUTH:2024-01-01', 'sales_yoy', 'warning', 'sales_amount', 'monthly', 'region', 'SOUTH', '2024-03-01',
                        'resolved', 'resolved', '2024-01-01', '2024-01-01', 99.0, 100.0, -1.0, -20.0, 'SOUTH sales back', TRUE, NULL),
                    ('return_rate:all:2024-03-01', 'return_rate', 'warning', 'return_rate', 'monthly', 'all', 'all', '2024-03-01',
                        'pending', 'pending', '2024-03-01', NULL, 0.06, NULL, 0.06, 0.05, 'Return rate 6 percent in 2024-03', TRUE, NULL),
                    ('complaint_rate:SOUTH:2024-04-01', 'complaint_rate', 'warning', 'complaint_rate', 'monthly', 'region', 'SOUTH',
                        '2024-04-01', 'firing', 'firing', '2024-04-01', '2024-04-01', 0.07, NULL, 0.07, 0.05, 'SOUTH complaints in April', TRUE, NULL),
                    ('discount_depth:all:2024-03-04', 'discount_depth', 'info', 'discount_depth', 'weekly', 'all', 'all', '2024-03-04',
                        'firing', 'firing', '2024-03-04', '2024-03-04', 0.30, 0.20, 50.0, 25.0, 'Discounts deeper in week 2024-03-04', FALSE, NULL),
                    ('discount_depth:all:2024-03-04', 'discount_depth', 'info', 'discount_depth', 'weekly', 'all', 'all', '2024-04-01',
                        'resolved', 'resolved', '2024-03-04', '2024-03-04', 0.20, 0.20, 0.0, 25.0, 'Discounts back in April', TRUE, NULL)""");
        }
        return connection;
    }

    @Test
    void writesOnePdfAndOneXlsxWithANamedSheetPerSection() throws Exception {
        assertThat(english.files()).extracting(f -> f.getFileName().toString())
                .containsExactly("risk_2024-03_all_en.pdf", "risk_2024-03_all_en.xlsx");
        List<String> sheets = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(english.file(Format.XLSX).toFile())) {
            workbook.forEach(sheet -> sheets.add(sheet.getSheetName()));
        }
        assertThat(sheets).containsExactly("About", "Reconciliation", "Ageing", "Ageing by customer", "Credit exposure", "Breaches",
                "Provision", "Alerts");
    }

    @Test
    void showsTheBucketsOfTheMonthEnd() {
        assertThat(en).contains("Receivables ageing as of 2024-03-31")
                .containsPattern("Not yet due\\s+1\\s+1\\s+1,000.10")
                .containsPattern("1-30\\s+2\\s+2\\s+750.24")
                .containsPattern("61-90\\s+1\\s+1\\s+3,000.00")
                .containsPattern("181-365\\s+1\\s+1\\s+12,000.01")
                .containsPattern("Total\\s+5\\s+16,750.35")
                .doesNotContain("777.77");
    }

    @Test
    void reconciliationLineEqualsTheHandSumToTheCent() {
        BigDecimal handSum = new BigDecimal("1000.10").add(new BigDecimal("250.25")).add(new BigDecimal("3000.00"))
                .add(new BigDecimal("499.99")).add(new BigDecimal("12000.01"));
        String sum = Fixtures.money(handSum);

        assertThat(sum).isEqualTo("16,750.35");
        assertThat(en.replaceAll("\\s+", " ")).contains("Reconciliation: sum of buckets " + sum + " = total outstanding " + sum
                + " = ledger balance " + sum + " (reconciled)");
    }

    @Test
    void aLedgerThatDisagreesShowsTheDifference(@TempDir Path elsewhere) throws Exception {
        Connection connection = marts();
        try (Statement s = connection.createStatement()) {
            s.execute("INSERT INTO mart.ar_ledger VALUES ('2024-03-31', FALSE, 108, 2, '2024-03-01', 0.01)");
        }
        try (MartQuery off = port(connection)) {
            ArchivedReport report = Fixtures.reports(elsewhere).generate(ReportRequest.of(RiskPack.NAME, MARCH, Scope.company(), Language.EN, "cfo"), off);

            assertThat(ReportFiles.pdfText(report.file(Format.PDF)).replaceAll("\\s+", " "))
                    .contains("ledger balance 16,750.36 (DIFFERENCE -0.01)");
        }
    }

    @Test
    void showsExposureAndTheCustomersOverTheirLimit() {
        assertThat(en).contains("Credit exposure as of 2024-04-10")
                .contains("Customers 4; credit limits 90,000.00; exposure 28,000.50; over their limit: 2 customers, excess 5,000.50")
                .containsPattern("上海明辉贸易有限公司\\s+EAST\\s+10,000.00\\s+12,500.50\\s+125.0%\\s+2,500.50\\s+Guarantee")
                .containsPattern("广州南星电器有限公司\\s+SOUTH\\s+10,000.00\\s+12,500.00\\s+125.0%\\s+2,500.00\\s+Prepayment");
    }

    @Test
    void listsTheMonthsBreachesButNotFebruarys() {
        assertThat(en.replaceAll("\\s+", " ")).contains("Orders over the limit: 2, amount 5,600.00; without an approved override: 1");
        assertThat(en).containsPattern("SO-2024030001\\s+2024-03-05\\s+上海明辉贸易有限公司\\s+3,000.00\\s+10,000.00\\s+2,500.50\\s+Approved")
                .containsPattern("SO-2024030002\\s+2024-03-20\\s+广州南星电器有限公司\\s+2,600.00\\s+10,000.00\\s+2,500.00\\s+None")
                .doesNotContain("SO-2024020009");
    }

    @Test
    void showsTheProvisionTotalOfTheCustomers() {
        BigDecimal total = new BigDecimal("17.51").add(new BigDecimal("600.00")).add(new BigDecimal("9615.01"));

        assertThat(en).contains("Bad-debt provision as of 2024-03-31")
                .contains("Outstanding 16,750.35; overdue 15,750.25; provision " + Fixtures.money(total) + "; coverage 61.09%")
                .containsPattern("广州南星电器有限公司\\s+SOUTH\\s+12,500.00\\s+12,500.00\\s+9,615.01\\s+76.9%");
    }

    @Test
    void showsTheAlertsActiveAtTheMonthsEnd() {
        String section = en.substring(en.indexOf("Market alerts active at the end of the period"));

        assertThat(section).containsPattern("Critical\\s+overdue_ratio\\s+region=EAST\\s+Firing\\s+2024-02-01")
                .containsPattern("Warning\\s+return_rate\\s+all=all\\s+Pending\\s+2024-03-01")
                .containsPattern("Info\\s+discount_depth\\s+all=all\\s+Firing\\s+2024-03-04")
                .doesNotContain("sales_yoy", "complaint_rate");
        assertThat(section.indexOf("overdue_ratio")).isLessThan(section.indexOf("return_rate"));
    }

    @Test
    void regionScopeShowsOnlyThatRegion(@TempDir Path elsewhere) throws Exception {
        ArchivedReport east = Fixtures.reports(elsewhere).generate(ReportRequest.of(RiskPack.NAME, MARCH, Scope.regions("EAST"), Language.EN, "cfo"), port);
        String text = ReportFiles.pdfText(east.file(Format.PDF));
        String east4250 = Fixtures.money(new BigDecimal("1000.10").add(new BigDecimal("250.25")).add(new BigDecimal("3000.00")));

        assertThat(text.replaceAll("\\s+", " ")).contains("sum of buckets " + east4250 + " = total outstanding " + east4250
                + " = ledger balance " + east4250 + " (reconciled)",
                "Customers 3; credit limits 80,000.00; exposure 15,500.50; over their limit: 1 customers, excess 2,500.50",
                "Orders over the limit: 1, amount 3,000.00; without an approved override: 0",
                "Outstanding 4,250.35; overdue 3,250.25; provision 617.51; coverage 14.53%");
        assertThat(text).contains("overdue_ratio").doesNotContain("广州南星电器有限公司", "SOUTH", "return_rate", "discount_depth", "12,000.01");
        assertThat(HrAppraisalPackTest.data(east.file(Format.XLSX), 3)).hasSize(1 + 3);
    }

    @Test
    void xlsxSheetsHoldTheRowsOfEachSection() throws Exception {
        Path xlsx = english.file(Format.XLSX);

        List<List<String>> reconciliation = HrAppraisalPackTest.data(xlsx, 1);
        assertThat(reconciliation.get(0)).containsExactly("As of", "Sum of buckets", "Outstanding", "Ledger balance");
        assertThat(reconciliation.get(1)).containsExactly("2024-03-31", "16,750.35", "16,750.35", "16,750.35");
        assertThat(HrAppraisalPackTest.data(xlsx, 2).subList(1, 5)).extracting(row -> row.get(1) + " " + row.get(4))
                .containsExactly("Not yet due 1,000.10", "1-30 750.24", "61-90 3,000.00", "181-365 12,000.01");
        assertThat(HrAppraisalPackTest.data(xlsx, 3)).hasSize(1 + 5);
        assertThat(HrAppraisalPackTest.data(xlsx, 4)).hasSize(1 + 4);
        assertThat(HrAppraisalPackTest.data(xlsx, 5)).extracting(row -> row.get(1)).containsExactly("Order no.", "SO-2024030001", "SO-2024030002");
        assertThat(HrAppraisalPackTest.data(xlsx, 6)).extracting(row -> row.get(6)).containsExactly("Provision", "9,615.01", "600.00", "17.51");
        assertThat(HrAppraisalPackTest.data(xlsx, 7)).extracting(row -> row.get(0)).containsExactly("Alert",
                "overdue_ratio:EAST:2024-02-01", "return_rate:all:2024-03-01", "discount_depth:all:2024-03-04");
    }

    @Test
    void chinesePdfRendersChineseLabels(@TempDir Path elsewhere) {
        ArchivedReport chinese = Fixtures.reports(elsewhere).generate(ReportRequest.of(RiskPack.NAME, MARCH, Scope.company(), Language.ZH_CN, "cfo"), port);
        String text = ReportFiles.pdfText(chinese.file(Format.PDF));

        assertThat(text).contains("风险报表", "应收账款账龄（截至 2024-03-31）", "未到期", "（已核平）", "坏账准备", "期末有效的市场预警", "严重", "预警中");
    }

    @Test
    void isStampedWithTheSnapshotsOfEveryMartRead() {
        assertThat(english.snapshots()).containsOnlyKeys(IDS.keySet());
        assertThat(en).contains("mart.ar_ageing@12", "mart.ar_ledger@11", "mart.market_alert@16");
    }
}
