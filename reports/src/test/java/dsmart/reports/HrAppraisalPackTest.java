package dsmart.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.reports.ReportPack.Format;
import dsmart.serving.MartQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hr-appraisal pack for 2025-06 over {@link HrMarts}: a PDF per rep, all reps in one XLSX (scorecards, training). */
class HrAppraisalPackTest {
    private static final Period JUNE = Period.month(2025, 6);

    @TempDir
    static Path archive;

    private static Connection connection;
    private static MartQuery port;
    private static ArchivedReport chinese;
    private static ArchivedReport english;

    @BeforeAll
    static void render() throws Exception {
        connection = HrMarts.populated();
        port = HrMarts.port(connection);
        Reports reports = Fixtures.reports(archive);
        chinese = reports.generate(ReportRequest.of(HrAppraisalPack.NAME, JUNE, Scope.company(), Language.ZH_CN, "hr"), port);
        english = reports.generate(ReportRequest.of(HrAppraisalPack.NAME, JUNE, Scope.company(), Language.EN, "hr"), port);
    }

    @AfterAll
    static void close() {
        port.close();
    }

    private static Path file(ArchivedReport report, String name) {
        return report.files().stream().filter(f -> f.getFileName().toString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not among " + report.files()));
    }

    private static String repPdf(ArchivedReport report, long repId) {
        String lang = report == english ? "en" : "zh-CN";
        return ReportFiles.pdfText(file(report, "hr-appraisal_2025-06_all_" + lang + "_rep-" + repId + ".pdf"));
    }

    @Test
    void writesOnePdfPerRepOfTheMonthAndOneXlsxOfAllReps() {
        assertThat(chinese.files()).extracting(f -> f.getFileName().toString()).containsExactly(
                "hr-appraisal_2025-06_all_zh-CN_rep-101.pdf",
                "hr-appraisal_2025-06_all_zh-CN_rep-102.pdf",
                "hr-appraisal_2025-06_all_zh-CN_rep-201.pdf",
                "hr-appraisal_2025-06_all_zh-CN.xlsx");
    }

    @Test
    void chinesePdfShowsTheFiveKpisWithScoresWeightsAndPoints() {
        String text = repPdf(chinese, 101);

        assertThat(text).contains("绩效考核报表", "考核记分卡: 张伟 (101)", "职级 销售代表", "排名", "培训情况");
        // points = score × weight / 100: 50 × 40 → 20.00, 50 × 20 → 10.00, 40 × 15 → 6.00, 87.5 × 10 → 8.75, 100 × 15 → 15.00
        assertThat(text).containsPattern("净销售额\\s+500,000.00\\s+50.00\\s+40\\s+20.00")
                .containsPattern("毛利\\s+175,000.00\\s+50.00\\s+20\\s+10.00")
                .containsPattern("新客户数\\s+4\\s+40.00\\s+15\\s+6.00")
                .containsPattern("客户满意度（答卷数）\\s+4.50 \\(10\\)\\s+87.50\\s+10\\s+8.75")
                .containsPattern("指标完成率 / 指标\\s+125.0% / 400,000.00\\s+100.00\\s+15\\s+15.00")
                .containsPattern("总分\\s+59.75");
    }

    @Test
    void pdfShowsRanksAndTheQuartersTrainingNotAnotherQuarters() {
        String text = repPdf(chinese, 101);

        assertThat(text).containsPattern("职级内排名\\s+1\\s*/\\s*2").containsPattern("团队内排名\\s+1\\s*/\\s*2")
                .containsPattern("持续培训学时\\s+12.5").containsPattern("培训次数\\s+4")
                .doesNotContain("99.0");
    }

    @Test
    void tooShortInductionAndEarlySalesShowForTheRep() {
        String text = repPdf(chinese, 102);

        assertThat(text).containsPattern("入职培训不足\\s+是").containsPattern("考核通过前销售单数\\s+2")
                .containsPattern("总分\\s+37.02").doesNotContain("张伟");
    }

    @Test
    void englishPdfHasEnglishLabelsAndTheStamp() {
        String text = repPdf(english, 201);

        assertThat(text).contains("HR appraisal", "Scorecard: 王芳 (201)", "Level Supervisor", "Period: 2025-06",
                "Generated at: 2024-03-06 09:30:00 +08:00 (Asia/Shanghai)", "Requested by: hr",
                "mart.rep_scorecard_monthly@501, mart.training_compliance@503")
                .containsPattern("Total score\\s+58.00").doesNotContain("总分");
    }

    @Test
    void scorecardsXlsxRowsEqualTheMartsRowsOfTheMonth() throws Exception {
        List<List<String>> sheet = data(chinese.file(Format.XLSX), 1);
        List<String> expected = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT rep_id, rep_name, net_sales, total_score FROM mart.rep_scorecard_monthly WHERE month = DATE '2025-06-01' ORDER BY rep_id")) {
            while (rs.next()) {
                expected.add(rs.getLong(1) + " " + rs.getString(2) + " " + Fixtures.money(rs.getBigDecimal(3)) + " " + rs.getBigDecimal(4));
            }
        }

        assertThat(sheet.get(0)).startsWith("月份", "员工编号", "销售代表");
        List<String> actual = sheet.subList(1, sheet.size()).stream()
                .map(row -> row.get(1) + " " + row.get(2) + " " + row.get(6) + " " + row.get(row.size() - 5)).toList();
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void trainingXlsxHoldsTheQuartersRowOfEveryRep() throws Exception {
        List<List<String>> sheet = data(chinese.file(Format.XLSX), 2);

        assertThat(sheet).hasSize(1 + 3);
        assertThat(sheet.subList(1, 4)).extracting(row -> row.get(2)).containsExactly("101", "102", "201");
        assertThat(sheet.get(2)).contains("是", "1.50");
    }

    @Test
    void teamScopeGivesOnlyTheTeamsReps(@TempDir Path elsewhere) throws Exception {
        ArchivedReport team = Fixtures.reports(elsewhere).generate(
                ReportRequest.of(HrAppraisalPack.NAME, JUNE, Scope.teams("9"), Language.ZH_CN, "hr"), port);

        assertThat(team.files()).extracting(f -> f.getFileName().toString()).filteredOn(n -> n.endsWith(".pdf"))
                .containsExactly("hr-appraisal_2025-06_team-9_zh-CN_rep-201.pdf");
        assertThat(data(team.file(Format.XLSX), 1)).hasSize(2);
        assertThat(data(team.file(Format.XLSX), 2)).hasSize(2);
    }

    @Test
    void regionScopeLimitsTrainingThroughTheScorecardsRegion(@TempDir Path elsewhere) throws Exception {
        ArchivedReport east = Fixtures.reports(elsewhere).generate(
                ReportRequest.of(HrAppraisalPack.NAME, JUNE, Scope.regions("EAST"), Language.EN, "hr"), port);
        List<List<String>> training = data(east.file(Format.XLSX), 2);

        assertThat(east.files()).filteredOn(f -> f.toString().endsWith(".pdf")).hasSize(2);
        assertThat(training.subList(1, training.size())).extracting(row -> row.get(2)).containsExactly("101", "102");
    }

    @Test
    void aYearGivesTheAnnualScorecardAndAwardCandidacy(@TempDir Path elsewhere) {
        ArchivedReport year = Fixtures.reports(elsewhere).generate(
                ReportRequest.of(HrAppraisalPack.NAME, Period.year(2025), Scope.company(), Language.ZH_CN, "hr"), port);
        String text = ReportFiles.pdfText(year.files().get(0));

        assertThat(year.files()).filteredOn(f -> f.toString().endsWith(".pdf")).hasSize(2);
        assertThat(text).containsPattern("净销售额\\s+3,600,000.00").containsPattern("总分\\s+48.50")
                .containsPattern("考核月数\\s+6").containsPattern("年度销售冠军\\s+是").containsPattern("持续培训学时\\s+111.5");
        assertThat(year.snapshots()).containsEntry("mart.rep_scorecard_annual", 502L);
    }

    @Test
    void theSameSnapshotsGiveTheSameFigures(@TempDir Path elsewhere) throws Exception {
        ArchivedReport again = Fixtures.reports(elsewhere).generate(
                ReportRequest.of(HrAppraisalPack.NAME, JUNE, Scope.company(), Language.ZH_CN, "hr"), port);

        assertThat(again.snapshots()).isEqualTo(chinese.snapshots());
        for (int i = 0; i < 3; i++) {
            assertThat(ReportFiles.pdfText(again.files().get(i))).isEqualTo(ReportFiles.pdfText(chinese.files().get(i)));
        }
        assertThat(data(again.file(Format.XLSX), 1)).isEqualTo(data(chinese.file(Format.XLSX), 1));
        assertThat(data(again.file(Format.XLSX), 2)).isEqualTo(data(chinese.file(Format.XLSX), 2));
    }

    @Test
    void xlsxHasAnAboutSheetStampedWithEveryMartReadThenTheTwoDataSheets() throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(chinese.file(Format.XLSX).toFile())) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
            assertThat(List.of(workbook.getSheetName(0), workbook.getSheetName(1), workbook.getSheetName(2)))
                    .containsExactly("说明", "考核记分卡", "培训合规");
        }
        assertThat(ReportFiles.xlsxXml(chinese.file(Format.XLSX))).contains("mart.rep_scorecard_monthly@501, mart.training_compliance@503");
    }

    /** The data sheet (after 说明 / About) as formatted text. */
    static List<List<String>> data(Path xlsx) throws Exception {
        return data(xlsx, 1);
    }

    /** Sheet {@code index} as formatted text. */
    static List<List<String>> data(Path xlsx, int index) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        DataFormatter formatter = new DataFormatter(java.util.Locale.ROOT);
        try (XSSFWorkbook workbook = new XSSFWorkbook(xlsx.toFile())) {
            Sheet sheet = workbook.getSheetAt(index);
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    cells.add(row.getCell(c) == null ? "" : formatter.formatCellValue(row.getCell(c)));
                }
                rows.add(cells);
            }
        }
        return rows;
    }
}
