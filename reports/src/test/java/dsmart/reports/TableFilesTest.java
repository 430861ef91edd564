package dsmart.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableFilesTest {
    private static final List<TableColumn> COLUMNS = List.of(
            TableColumn.of("customer_name", "col.customer_name", TableColumn.Type.TEXT),
            TableColumn.of("orders", "col.orders", TableColumn.Type.COUNT),
            TableColumn.of("revenue", "col.revenue", TableColumn.Type.MONEY),
            TableColumn.of("first_order_date", "col.first_order_date", TableColumn.Type.DATE));
    private static final Labels ZH = Labels.of("customer_sales", Language.ZH_CN);
    private static final Stamp STAMP = new Stamp("客户销售明细", Period.month(2024, 2), Scope.company(),
            ZonedDateTime.parse("2024-03-06T09:30:00+08:00[Asia/Shanghai]"), Map.of("mart.customer_sales", 42L), "alice");

    @TempDir
    Path dir;

    private Path csv(List<List<Object>> rows) {
        Path file = dir.resolve("t.csv");
        try (CsvTableFile csv = new CsvTableFile(file, COLUMNS, ZH)) {
            csv.start(STAMP);
            rows.forEach(csv::row);
        }
        return file;
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    @Test
    void csvStartsWithAUtf8ByteOrderMark() throws Exception {
        byte[] bytes = Files.readAllBytes(csv(List.of(row("上海明辉", 1L, new BigDecimal("2.50"), LocalDate.of(2024, 1, 2)))));

        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("上海明辉");
    }

    @Test
    void csvLinesEndWithCrlf() throws Exception {
        String text = Files.readString(csv(List.of(row("a", 1L, BigDecimal.ONE, null))), StandardCharsets.UTF_8);

        assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        assertThat(text).endsWith("a,1,1,\r\n");
    }

    @Test
    void csvQuotesCommasQuotesAndLineBreaksAsRfc4180Says() throws Exception {
        String text = Files.readString(csv(List.of(row("Smith, \"Best\" Ltd\nLine 2", 1L, BigDecimal.ONE, null))), StandardCharsets.UTF_8);

        assertThat(text).contains("\"Smith, \"\"Best\"\" Ltd\nLine 2\",1,1,\r\n");
    }

    @Test
    void csvReadsBackToTheSameValues() throws Exception {
        Path file = csv(List.of(row("Smith, \"Best\" Ltd\r\nLine 2", 1234L, new BigDecimal("-1250.75"), LocalDate.of(2024, 1, 2))));

        assertThat(ReportFiles.csvTable(file)).containsExactly(
                List.of("客户", "订单数", "销售额", "首次下单"),
                List.of("Smith, \"Best\" Ltd\r\nLine 2", "1234", "-1250.75", "2024-01-02"));
    }

    @Test
    void csvBeginsWithTheStamp() throws Exception {
        List<List<String>> records = ReportFiles.csv(csv(List.of()));

        assertThat(records.subList(0, 6)).containsExactly(List.of("报表", "客户销售明细"), List.of("期间", "2024-02"), List.of("范围", "全公司"),
                List.of("生成时间", "2024-03-06 09:30:00 +08:00 (Asia/Shanghai)"), List.of("数据快照", "mart.customer_sales@42"),
                List.of("申请人", "alice"));
    }

    @Test
    void csvDefusesTextThatExcelWouldRunAsAFormula() throws Exception {
        List<List<String>> table = ReportFiles.csvTable(csv(List.of(row("=HYPERLINK(\"x\")", 1L, new BigDecimal("-1.00"), null))));

        assertThat(table.get(1)).containsExactly("'=HYPERLINK(\"x\")", "1", "-1.00", "");
    }

    @Test
    void xlsxSplitsIntoSheetsWithTheHeaderOnEach() throws Exception {
        Path file = dir.resolve("t.xlsx");
        try (XlsxTableFile xlsx = new XlsxTableFile(file, COLUMNS, ZH, 4)) {
            xlsx.start(STAMP);
            for (long i = 1; i <= 7; i++) {
                xlsx.row(row("c" + i, i, BigDecimal.valueOf(i), LocalDate.of(2024, 1, 1)));
            }
        }

        try (XSSFWorkbook workbook = new XSSFWorkbook(file.toFile())) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(4);
            assertThat(List.of(workbook.getSheetName(0), workbook.getSheetName(1), workbook.getSheetName(2), workbook.getSheetName(3)))
                    .containsExactly("说明", "数据", "数据 2", "数据 3");
            for (int s = 1; s <= 3; s++) {
                assertThat(workbook.getSheetAt(s).getRow(0).getCell(0).getStringCellValue()).isEqualTo("客户");
            }
            assertThat(workbook.getSheetAt(1).getLastRowNum()).isEqualTo(3);
            assertThat(workbook.getSheetAt(3).getRow(1).getCell(0).getStringCellValue()).isEqualTo("c7");
        }
    }

    @Test
    void excelsRowLimitIsTheDefault() {
        assertThat(XlsxTableFile.EXCEL_ROWS).isEqualTo(1_048_576);
    }

    @Test
    void xlsxHasNumericAndDateCellsAndTheStampSheet() throws Exception {
        Path file = dir.resolve("t.xlsx");
        try (XlsxTableFile xlsx = new XlsxTableFile(file, COLUMNS, ZH)) {
            xlsx.start(STAMP);
            xlsx.row(row("上海明辉", 12345L, new BigDecimal("9876.54"), LocalDate.of(2024, 1, 2)));
        }

        try (XSSFWorkbook workbook = new XSSFWorkbook(file.toFile())) {
            XSSFSheet about = workbook.getSheetAt(0);
            assertThat(about.getRow(4).getCell(1).getStringCellValue()).isEqualTo("mart.customer_sales@42");
            var data = workbook.getSheetAt(1).getRow(1);
            assertThat(data.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(data.getCell(1).getCellStyle().getDataFormatString()).isEqualTo("#,##0");
            assertThat(data.getCell(2).getNumericCellValue()).isEqualTo(9876.54);
            assertThat(data.getCell(2).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(data.getCell(3).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2024, 1, 2));
        }
    }
}
