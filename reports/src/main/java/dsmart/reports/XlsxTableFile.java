package dsmart.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A streamed XLSX (Apache POI SXSSF): only a window of rows is in memory, the rest goes to compressed
 * temporary files until the workbook is written. First sheet: the stamp ("说明"/"About"); then data
 * sheets with the header row frozen, a new sheet (数据 2, 数据 3 …) whenever one reaches Excel's row
 * limit. Counts and money are numeric cells ({@code #,##0}, {@code #,##0.00}), dates are date cells.
 */
final class XlsxTableFile implements TableFile {
    /** Excel's row limit, header included: 1,048,576. */
    static final int EXCEL_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows();
    private static final int WINDOW = 200;

    private final Path target;
    private List<TableColumn> columns;
    private String sheetLabel = "sheet.data";
    private final Labels labels;
    private final int rowsPerSheet;
    private SXSSFWorkbook workbook;
    private CellStyle header;
    private CellStyle count;
    private CellStyle id;
    private CellStyle money;
    private CellStyle date;
    private CellStyle month;
    private SXSSFSheet sheet;
    private int sheets;
    private int rowInSheet;
    private long rows;

    XlsxTableFile(Path target, List<TableColumn> columns, Labels labels) {
        this(target, columns, labels, EXCEL_ROWS);
    }

    /** {@code rowsPerSheet}: rows per data sheet, header included (tests use a small one to see the split). */
    XlsxTableFile(Path target, List<TableColumn> columns, Labels labels, int rowsPerSheet) {
        if (rowsPerSheet < 2 || rowsPerSheet > EXCEL_ROWS) {
            throw new IllegalArgumentException("rows per sheet must be 2.." + EXCEL_ROWS + ", was " + rowsPerSheet);
        }
        this.target = target;
        this.columns = List.copyOf(columns);
        this.labels = labels;
        this.rowsPerSheet = rowsPerSheet;
    }

    @Override
    public void start(Stamp stamp) {
        workbook = new SXSSFWorkbook(null, WINDOW, false, false);
        var format = workbook.createDataFormat();
        Font bold = workbook.createFont();
        bold.setBold(true);
        bold.setColor(IndexedColors.WHITE.getIndex());
        header = workbook.createCellStyle();
        header.setFont(bold);
        header.setFillForegroundColor(IndexedColors.GREY_80_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setBorderBottom(BorderStyle.THIN);
        count = workbook.createCellStyle();
        count.setDataFormat(format.getFormat("#,##0"));
        id = workbook.createCellStyle();
        id.setDataFormat(format.getFormat("0"));
        money = workbook.createCellStyle();
        money.setDataFormat(format.getFormat("#,##0.00"));
        date = workbook.createCellStyle();
        date.setDataFormat(format.getFormat("yyyy-mm-dd"));
        month = workbook.createCellStyle();
        month.setDataFormat(format.getFormat("yyyy-mm"));

        SXSSFSheet about = workbook.createSheet(WorkbookUtil.createSafeSheetName(labels.text("sheet.about")));
        about.setColumnWidth(0, 20 * 256);
        about.setColumnWidth(1, 80 * 256);
        int r = 0;
        for (Map.Entry<String, String> line : stamp.lines(labels)) {
            Row row = about.createRow(r++);
            Cell label = row.createCell(0);
            label.setCellValue(line.getKey());
            label.setCellStyle(header);
            row.createCell(1).setCellValue(line.getValue());
        }
        newSheet();
    }

    /** Names the data sheets {@code label} (a label key); call before {@link #start}. */
    void sheetLabel(String label) {
        sheetLabel = label;
    }

    /** Ends the current table; the rows that follow go to a new data sheet named {@code label} with these columns. */
    void nextTable(List<TableColumn> columns, String label) {
        this.columns = List.copyOf(columns);
        this.sheetLabel = label;
        sheets = 0;
        newSheet();
    }

    private void newSheet() {
        sheets++;
        String name = labels.text(sheetLabel) + (sheets == 1 ? "" : " " + sheets);
        sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(name));
        Row row = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            TableColumn column = columns.get(i);
            Cell cell = row.createCell(i);
            cell.setCellValue(labels.text(column.label()));
            cell.setCellStyle(header);
            sheet.setColumnWidth(i, width(column) * 256);
        }
        sheet.createFreezePane(0, 1);
        rowInSheet = 1;
    }

    private static int width(TableColumn column) {
        return switch (column.type()) {
            case TEXT -> 32;
            case CODE, DATE -> 14;
            case MONTH, COUNT, ID -> 12;
            case MONEY -> 18;
        };
    }

    @Override
    public void row(List<Object> values) {
        if (rowInSheet == rowsPerSheet) {
            newSheet();
        }
        Row row = sheet.createRow(rowInSheet++);
        for (int i = 0; i < columns.size(); i++) {
            Object value = values.get(i);
            if (value == null) {
                continue;
            }
            Cell cell = row.createCell(i);
            switch (columns.get(i).type()) {
                case TEXT, CODE -> cell.setCellValue(value.toString());
                case COUNT -> {
                    cell.setCellValue(((Long) value).doubleValue());
                    cell.setCellStyle(count);
                }
                case ID -> {
                    cell.setCellValue(((Long) value).doubleValue());
                    cell.setCellStyle(id);
                }
                case MONEY -> {
                    cell.setCellValue(((BigDecimal) value).doubleValue());
                    cell.setCellStyle(money);
                }
                case DATE -> {
                    cell.setCellValue((LocalDate) value);
                    cell.setCellStyle(date);
                }
                case MONTH -> {
                    cell.setCellValue((LocalDate) value);
                    cell.setCellStyle(month);
                }
            }
        }
        rows++;
    }

    @Override
    public long rows() {
        return rows;
    }

    int sheets() {
        return sheets;
    }

    /** Writes the workbook and deletes SXSSF's temporary files. */
    @Override
    public void close() {
        if (workbook == null) {
            return;
        }
        try (OutputStream out = Files.newOutputStream(target)) {
            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } finally {
            workbook.dispose();
            try {
                workbook.close();
            } catch (IOException ignored) {
                // nothing left to release: the temporary files are gone with dispose()
            }
            workbook = null;
        }
    }
}
