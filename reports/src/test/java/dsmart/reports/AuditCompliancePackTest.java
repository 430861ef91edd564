package dsmart.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.reports.ReportPack.Format;
import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
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
 * The audit-compliance pack for 2024-03 over hand-made compliance marts. March's six findings: order_without_signed_contract
 * three (EAST 9001 open, EAST 9002 resolved, SOUTH 9003 open), tracking_not_sent one (SOUTH, open), order_number_gap one
 * (no rep, so no region; open), collection_action_missed one (EAST, open); February holds a duplicate_order. By hand: 6
 * findings, 5 open, 1 resolved; by department sales 1 rule 3 findings (2 open, 1 resolved, 3 high), order desk 2 rules 2
 * findings (2 open), finance 1 rule 1 finding. The summary mart's department and department_rule rows must not be added in.
 */
class AuditCompliancePackTest {
    private static final Period MARCH = Period.month(2024, 3);
    private static final Map<String, Long> IDS = Map.of("mart.compliance_finding", 31L, "mart.compliance_summary", 32L);

    @TempDir
    static Path archive;

    private static Connection connection;
    private static MartQuery port;
    private static ArchivedReport english;
    private static String en;

    @BeforeAll
    static void render() throws Exception {
        connection = marts();
        port = new JdbcMartQuery(connection, tables -> {
            Map<String, Long> read = new TreeMap<>();
            tables.forEach(table -> read.put(table, IDS.get(table)));
            return read;
        });
        english = Fixtures.reports(archive).generate(ReportRequest.of(AuditCompliancePack.NAME, MARCH, Scope.company(), Language.EN, "audit"), port);
        en = ReportFiles.pdfText(english.file(Format.PDF));
    }

    @AfterAll
    static void close() {
        port.close();
    }

    static Connection marts() throws Exception {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE SCHEMA mart");
            s.execute("""
                    CREATE TABLE mart.compliance_finding (rule_id VARCHAR, clause VARCHAR, severity VARCHAR, department VARCHAR, period DATE,
                        occurred_on DATE, rep_id BIGINT, team_id BIGINT, region_code VARCHAR, customer_id BIGINT, entity VARCHAR,
                        entity_id VARCHAR, evidence VARCHAR, first_seen TIMESTAMP, last_seen TIMESTAMP, status VARCHAR, resolved_at TIMESTAMP)""");
            s.execute("""
                    INSERT INTO mart.compliance_finding VALUES
                    ('order_without_signed_contract', 'P-3.3', 'high', 'sales', '2024-03-01', '2024-03-04', 7, 10, 'EAST', 1, 'orders.orders',
                        '9001', 'contract_id null; ordered 2024-03-04 10:00', '2024-03-05 02:00', '2024-04-02 02:00', 'open', NULL),
                    ('order_without_signed_contract', 'P-3.3', 'high', 'sales', '2024-03-01', '2024-03-11', 7, 10, 'EAST', 2, 'orders.orders',
                        '9002', 'signed 2024-03-12 after ordered 2024-03-11', '2024-03-12 02:00', '2024-03-20 02:00', 'resolved', '2024-03-21 02:00'),
                    ('order_without_signed_contract', 'P-3.3', 'high', 'sales', '2024-03-01', '2024-03-15', 8, 20, 'SOUTH', 3, 'orders.orders',
                        '9003', 'contract 77 not found', '2024-03-16 02:00', '2024-04-02 02:00', 'open', NULL),
                    ('tracking_not_sent', 'P-3.3', 'low', 'order_desk', '2024-03-01', '2024-03-18', 8, 20, 'SOUTH', 3, 'orders.shipments',
                        '7001', 'tracking_no null', '2024-03-19 02:00', '2024-04-02 02:00', 'open', NULL),
                    ('order_number_gap', 'P-6.1', 'medium', 'order_desk', '2024-03-01', '2024-03-20', NULL, NULL, NULL, NULL, 'orders.orders',
                        'SO-2024030005', 'sequence 0000005 never issued', '2024-03-21 02:00', '2024-04-02 02:00', 'open', NULL),
                    ('collection_action_missed', 'P-5.2', 'medium', 'finance', '2024-03-01', '2024-03-25', 7, 10, 'EAST', 2, 'finance.invoices',
                        '3001@30', 'level 30 call due 2024-03-25, none logged', '2024-03-28 02:00', '2024-04-02 02:00', 'open', NULL),
                    ('duplicate_order', 'P-6.1', 'high', 'order_desk', '2024-02-01', '2024-02-14', 7, 10, 'EAST', 1, 'orders.orders',
                        '8001', 'copy of 8000 after 3 minutes', '2024-02-15 02:00', '2024-04-02 02:00', 'open', NULL)""");
            s.execute("""
                    CREATE TABLE mart.compliance_summary (period DATE, department VARCHAR, level VARCHAR, region_code VARCHAR, team_id BIGINT,
                        rule_id VARCHAR, clause VARCHAR, severity VARCHAR, findings BIGINT, open_findings BIGINT, resolved_findings BIGINT,
                        high_findings BIGINT, first_seen TIMESTAMP)""");
            s.execute("""
                    INSERT INTO mart.compliance_summary VALUES
                    ('2024-03-01', 'sales', 'team_rule', 'EAST', 10, 'order_without_signed_contract', 'P-3.3', 'high', 2, 1, 1, 2, '2024-03-05 02:00'),
                    ('2024-03-01', 'sales', 'team_rule', 'SOUTH', 20, 'order_without_signed_contract', 'P-3.3', 'high', 1, 1, 0, 1, '2024-03-16 02:00'),
                    ('2024-03-01', 'order_desk', 'team_rule', 'SOUTH', 20, 'tracking_not_sent', 'P-3.3', 'low', 1, 1, 0, 0, '2024-03-19 02:00'),
                    ('2024-03-01', 'order_desk', 'team_rule', NULL, NULL, 'order_number_gap', 'P-6.1', 'medium', 1, 1, 0, 0, '2024-03-21 02:00'),
                    ('2024-03-01', 'finance', 'team_rule', 'EAST', 10, 'collection_action_missed', 'P-5.2', 'medium', 1, 1, 0, 0, '2024-03-28 02:00'),
                    ('2024-03-01', 'sales', 'department_rule', NULL, NULL, 'order_without_signed_contract', 'P-3.3', 'high', 3, 2, 1, 3, '2024-03-05 02:00'),
                    ('2024-03-01', 'order_desk', 'department_rule', NULL, NULL, 'tracking_not_sent', 'P-3.3', 'low', 1, 1, 0, 0, '2024-03-19 02:00'),
                    ('2024-03-01', 'order_desk', 'department_rule', NULL, NULL, 'order_number_gap', 'P-6.1', 'medium', 1, 1, 0, 0, '2024-03-21 02:00'),
                    ('2024-03-01', 'finance', 'department_rule', NULL, NULL, 'collection_action_missed', 'P-5.2', 'medium', 1, 1, 0, 0, '2024-03-28 02:00'),
                    ('2024-03-01', 'sales', 'department', NULL, NULL, 'all', NULL, NULL, 3, 2, 1, 3, '2024-03-05 02:00'),
                    ('2024-03-01', 'order_desk', 'department', NULL, NULL, 'all', NULL, NULL, 2, 2, 0, 0, '2024-03-19 02:00'),
                    ('2024-03-01', 'finance', 'department', NULL, NULL, 'all', NULL, NULL, 1, 1, 0, 0, '2024-03-28 02:00'),
                    ('2024-02-01', 'order_desk', 'team_rule', 'EAST', 10, 'duplicate_order', 'P-6.1', 'high', 1, 1, 0, 1, '2024-02-15 02:00'),
                    ('2024-02-01', 'order_desk', 'department_rule', NULL, NULL, 'duplicate_order', 'P-6.1', 'high', 1, 1, 0, 1, '2024-02-15 02:00'),
                    ('2024-02-01', 'order_desk', 'department', NULL, NULL, 'all', NULL, NULL, 1, 1, 0, 1, '2024-02-15 02:00')""");
        }
        return connection;
    }

    @Test
    void writesAPdfAndAnXlsxOfRulesEvidenceAndSelfInspection() throws Exception {
        assertThat(english.files()).extracting(f -> f.getFileName().toString())
                .containsExactly("audit-compliance_2024-03_all_en.pdf", "audit-compliance_2024-03_all_en.xlsx");
        List<String> sheets = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(english.file(Format.XLSX).toFile())) {
            workbook.forEach(sheet -> sheets.add(sheet.getSheetName()));
        }
        assertThat(sheets).containsExactly("About", "Findings by rule", "Evidence", "Self-inspection");
    }

    @Test
    void countsTheMonthsFindingsPerRuleWithTheRulesDescription() {
        assertThat(en).contains("Findings by rule")
                .containsPattern("order_without_signed_contract\\s+P-3.3\\s+High\\s+Sales\\s+3\\s+2\\s+1\\s+Confirmed order without a contract signed before it")
                .containsPattern("collection_action_missed\\s+P-5.2\\s+Medium\\s+Finance\\s+1\\s+1\\s+0\\s+Collection action of a level missed")
                .containsPattern("order_number_gap\\s+P-6.1\\s+Medium\\s+Order desk\\s+1\\s+1\\s+0\\s+Gap in the order number sequence")
                .containsPattern("tracking_not_sent\\s+P-3.3\\s+Low\\s+Order desk\\s+1\\s+1\\s+0\\s+Tracking number not sent to the customer")
                .containsPattern("Total\\s+6\\s+5\\s+1")
                .doesNotContain("duplicate_order");
        assertThat(en.indexOf("order_without_signed_contract")).isLessThan(en.indexOf("collection_action_missed"));
        assertThat(en.indexOf("order_number_gap")).isLessThan(en.indexOf("tracking_not_sent"));
    }

    @Test
    void summarisesTheSelfInspectionPerDepartment() {
        String section = en.substring(en.indexOf("Self-inspection summary by department"));

        assertThat(section).containsPattern("Sales\\s+1\\s+3\\s+2\\s+1\\s+3")
                .containsPattern("Order desk\\s+2\\s+2\\s+2\\s+0\\s+0")
                .containsPattern("Finance\\s+1\\s+1\\s+1\\s+0\\s+0");
        assertThat(section.indexOf("Sales")).isLessThan(section.indexOf("Order desk"));
    }

    @Test
    void evidenceXlsxRowsEqualTheMonthsFindingRows() throws Exception {
        List<List<String>> sheet = HrAppraisalPackTest.data(english.file(Format.XLSX), 2);
        List<String> expected = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT rule_id, entity_id, evidence FROM mart.compliance_finding WHERE period = DATE '2024-03-01' ORDER BY rule_id, entity_id")) {
            while (rs.next()) {
                expected.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
        }

        assertThat(sheet.get(0)).startsWith("Rule", "Clause", "Severity", "Department", "Month", "Occurred on");
        assertThat(sheet.get(0)).contains("Evidence table", "Evidence key", "Evidence", "Status", "First seen", "Resolved at");
        assertThat(sheet.subList(1, sheet.size()).stream().map(r -> r.get(0) + " " + r.get(11) + " " + r.get(12)).sorted().toList())
                .hasSize(6).containsExactlyElementsOf(expected);
    }

    @Test
    void rulesSheetNamesEachRuleWithItsDescription() throws Exception {
        assertThat(HrAppraisalPackTest.data(english.file(Format.XLSX), 1)).extracting(r -> r.get(0) + " | " + r.get(1) + " | " + r.get(5))
                .containsExactly("Rule | Description | Findings",
                        "order_without_signed_contract | Confirmed order without a contract signed before it | 3",
                        "collection_action_missed | Collection action of a level missed | 1",
                        "order_number_gap | Gap in the order number sequence | 1",
                        "tracking_not_sent | Tracking number not sent to the customer | 1");
    }

    @Test
    void regionScopeKeepsTheRegionsFindingsOnly(@TempDir Path elsewhere) throws Exception {
        ArchivedReport east = Fixtures.reports(elsewhere).generate(
                ReportRequest.of(AuditCompliancePack.NAME, MARCH, Scope.regions("EAST"), Language.EN, "audit"), port);
        String text = ReportFiles.pdfText(east.file(Format.PDF));

        assertThat(text).containsPattern("order_without_signed_contract\\s+P-3.3\\s+High\\s+Sales\\s+2\\s+1\\s+1")
                .containsPattern("collection_action_missed\\s+P-5.2\\s+Medium\\s+Finance\\s+1\\s+1\\s+0")
                .containsPattern("Total\\s+3\\s+2\\s+1")
                .doesNotContain("tracking_not_sent", "order_number_gap", "Order desk");
        assertThat(HrAppraisalPackTest.data(east.file(Format.XLSX), 2)).hasSize(1 + 3);
    }

    @Test
    void aYearAddsUpItsMonths(@TempDir Path elsewhere) {
        ArchivedReport year = Fixtures.reports(elsewhere).generate(
                ReportRequest.of(AuditCompliancePack.NAME, Period.year(2024), Scope.company(), Language.EN, "audit"), port);

        assertThat(ReportFiles.pdfText(year.file(Format.PDF))).containsPattern("Total\\s+7\\s+6\\s+1")
                .containsPattern("duplicate_order\\s+P-6.1\\s+High\\s+Order desk\\s+1\\s+1\\s+0")
                .containsPattern("Order desk\\s+3\\s+3\\s+3\\s+0\\s+1");
    }

    @Test
    void chinesePdfShowsChineseRuleDescriptions(@TempDir Path elsewhere) {
        ArchivedReport chinese = Fixtures.reports(elsewhere).generate(
                ReportRequest.of(AuditCompliancePack.NAME, MARCH, Scope.company(), Language.ZH_CN, "audit"), port);

        assertThat(ReportFiles.pdfText(chinese.file(Format.PDF))).contains("合规审计报表", "按规则统计的问题", "订单无下单前签署的合同",
                "各部门自查汇总", "销售部", "订单部", "财务部", "高");
    }

    @Test
    void isStampedWithBothMartsSnapshots() {
        assertThat(en).contains("mart.compliance_finding@31, mart.compliance_summary@32");
    }
}
