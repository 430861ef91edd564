package dsmart.reports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * CSV for Excel users: UTF-8 with a byte-order mark (so Excel reads Chinese right), RFC 4180 (fields with
 * a comma, quote, CR or LF are quoted, quotes doubled, lines end CRLF). The stamp comes first as
 * label,value lines, then an empty line, the header and the rows. Numbers are plain ({@code 1234.50}),
 * dates ISO, months {@code yyyy-MM}. A text cell starting with {@code = + - @}, tab or CR gets a leading
 * {@code '} so Excel never runs it as a formula (CSV injection).
 */
final class CsvTableFile implements TableFile {
    static final char BOM = '\uFEFF';
    private static final String CRLF = "\r\n";

    private final Path target;
    private final List<TableColumn> columns;
    private final Labels labels;
    private Writer out;
    private long rows;

    CsvTableFile(Path target, List<TableColumn> columns, Labels labels) {
        this.target = target;
        this.columns = List.copyOf(columns);
        this.labels = labels;
    }

    @Override
    public void start(Stamp stamp) {
        try {
            out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(target), StandardCharsets.UTF_8), 1 << 16);
            out.write(BOM);
            for (Map.Entry<String, String> line : stamp.lines(labels)) {
                out.write(field(line.getKey()) + "," + field(line.getValue()) + CRLF);
            }
            out.write(CRLF);
            StringBuilder header = new StringBuilder();
            for (TableColumn column : columns) {
                header.append(header.length() == 0 ? "" : ",").append(field(labels.text(column.label())));
            }
            out.write(header + CRLF);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    @Override
    public void row(List<Object> values) {
        StringBuilder line = new StringBuilder(128);
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(columns.get(i), values.get(i)));
        }
        try {
            out.append(line).append(CRLF);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
        rows++;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target, e);
            }
        }
    }

    static String cell(TableColumn column, Object value) {
        if (value == null) {
            return "";
        }
        return switch (column.type()) {
            case TEXT, CODE -> field(guarded(value.toString()));
            case COUNT, ID -> value.toString();
            case MONEY -> ((BigDecimal) value).toPlainString();
            case DATE -> value.toString();
            case MONTH -> MONTH.format((LocalDate) value);
        };
    }

    /** A leading quote for text Excel would take for a formula. */
    static String guarded(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    /** RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
    static String field(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return "\"" + text.replace("\"", "\"\"") + "\"";
            }
        }
        return text;
    }
}
