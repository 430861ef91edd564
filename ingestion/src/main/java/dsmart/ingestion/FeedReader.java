package dsmart.ingestion;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads one dropped file of a feed into typed rows, each with its line (CSV) or row number (XLSX), its original
 * text, and every reason it cannot be loaded: bytes not valid in the feed's encoding, a field count that differs
 * from the header's, values that are not of the column's type, required values missing, values not accepted,
 * keys repeated in the file, a truncated last line. Referential checks need the lake and are made later.
 * A file whose header lacks a mapped column, or that cannot be opened, fails as a whole (IngestionException).
 */
final class FeedReader {
    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Map<String, Boolean> BOOLEANS = Map.of("true", true, "false", false, "1", true, "0", false,
            "yes", true, "no", false, "y", true, "n", false, "是", true, "否", false);

    /** One data row: file line (CSV, first line of the record) or sheet row (XLSX, 1-based), text, values, reasons. */
    record ParsedRow(int line, String record, Object[] values, List<String> reasons) {}

    /** The rows of a file, plus what was skipped or ignored (blank lines, unmapped columns). */
    record Parsed(List<ParsedRow> rows, int blankLines, List<String> unmappedHeaders) {
        long bad() {
            return rows.stream().filter(r -> !r.reasons().isEmpty()).count();
        }
    }

    private final Feed feed;
    private final Path file;

    private FeedReader(Feed feed, Path file) {
        this.feed = feed;
        this.file = file;
    }

    static Parsed read(Feed feed, Path file, byte[] bytes) {
        FeedReader reader = new FeedReader(feed, file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".xlsx") ? reader.xlsx() : reader.csv(bytes);
    }

    static boolean isFeedFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".csv") || name.endsWith(".xlsx"));
    }

    // ---------------------------------------------------------------- CSV

    /** A record of the CSV: its fields (text), first line, text, and problems found while splitting it. */
    private record CsvRecord(int line, String text, List<String> fields, List<String> problems, boolean terminated, boolean unclosedQuote) {}

    private Parsed csv(byte[] bytes) {
        List<CsvRecord> records = splitRecords(bytes);
        int blank = 0;
        int first = 0;
        while (first < records.size() && blank(records.get(first))) {
            first++;
        }
        if (first == records.size()) {
            return new Parsed(List.of(), records.size(), List.of());
        }
        CsvRecord header = records.get(first);
        List<String> headerNames = header.fields().stream().map(FeedReader::normalise).toList();
        int[] index = mapHeader(headerNames, header.fields(), !header.problems().isEmpty());
        List<String> unmapped = unmapped(header.fields(), index);
        List<ParsedRow> rows = new ArrayList<>();
        for (int i = first + 1; i < records.size(); i++) {
            CsvRecord record = records.get(i);
            if (blank(record)) {
                blank++;
                continue;
            }
            List<String> reasons = new ArrayList<>(record.problems());
            if (record.fields().size() != header.fields().size()) {
                reasons.add("has " + record.fields().size() + " fields, the header has " + header.fields().size());
            }
            Object[] values = new Object[feed.columns().size()];
            for (int c = 0; c < values.length; c++) {
                Object cell = index[c] < record.fields().size() ? record.fields().get(index[c]) : null;
                values[c] = value(feed.columns().get(c), cell, index[c] >= record.fields().size(), reasons);
            }
            if (record.unclosedQuote()) {
                reasons.add("truncated: a quoted field is still open at the end of the file");
            }
            if (i == records.size() - 1 && !record.terminated() && !reasons.isEmpty()) {
                reasons.add("truncated last line: the file ends without a line end");
            }
            rows.add(new ParsedRow(record.line(), record.text(), values, reasons));
        }
        markDuplicateKeys(rows);
        return new Parsed(rows, blank, unmapped);
    }

    private static boolean blank(CsvRecord record) {
        return record.problems().isEmpty() && record.text().isBlank();
    }

    /** Splits at line feeds (one byte in every charset the feed may use), decodes each line strictly, joins quoted line breaks. */
    private List<CsvRecord> splitRecords(byte[] bytes) {
        int start = 0;
        if (feed.encoding().equals(StandardCharsets.UTF_8) && bytes.length >= 3
                && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            start = 3;
        }
        List<CsvRecord> records = new ArrayList<>();
        int lineNo = 0;
        Tokenizer open = null;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            boolean terminated = end < bytes.length;
            int contentEnd = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            lineNo++;
            String problem = null;
            String text;
            try {
                text = strict().decode(ByteBuffer.wrap(bytes, start, contentEnd - start)).toString();
            } catch (CharacterCodingException e) {
                int at = firstBadByte(bytes, start, contentEnd);
                problem = "line " + lineNo + " is not valid " + feed.encoding().name() + " (undecodable bytes at byte " + (at + 1) + " of the line)";
                text = new String(bytes, start, contentEnd - start, feed.encoding());
            }
            if (open == null) {
                open = new Tokenizer(feed.delimiter(), lineNo);
            }
            open.feed(text, problem);
            if (!open.inQuotes()) {
                records.add(open.finish(terminated, false));
                open = null;
            } else if (!terminated) {
                records.add(open.finish(false, true));
                open = null;
            }
            start = end + 1;
        }
        if (open != null) {
            records.add(open.finish(false, true));
        }
        return records;
    }

    private CharsetDecoder strict() {
        return feed.encoding().newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private int firstBadByte(byte[] bytes, int start, int end) {
        CharsetDecoder decoder = strict();
        ByteBuffer in = ByteBuffer.wrap(bytes, start, end - start);
        CharBuffer out = CharBuffer.allocate(end - start + 16);
        decoder.decode(in, out, true);
        return in.position() - start;
    }

    /** RFC 4180 fields: quoted fields may hold the delimiter, doubled quotes and line breaks. */
    private static final class Tokenizer {
        private final char delimiter;
        private final int firstLine;
        private final List<String> fields = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private StringBuilder current = new StringBuilder();
        private boolean inQuotes;
        private boolean started;

        Tokenizer(char delimiter, int firstLine) {
            this.delimiter = delimiter;
            this.firstLine = firstLine;
        }

        boolean inQuotes() {
            return inQuotes;
        }

        void feed(String line, String problem) {
            if (started) {
                text.append('\n');
                current.append('\n');
            }
            started = true;
            text.append(line);
            if (problem != null) {
                problems.add(problem);
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (inQuotes) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        current.append('"');
                        i++;
                    } else if (c == '"') {
                        inQuotes = false;
                    } else {
                        current.append(c);
                    }
                } else if (c == delimiter) {
                    fields.add(current.toString());
                    current = new StringBuilder();
                } else if (c == '"' && current.toString().isBlank()) {
                    current = new StringBuilder();
                    inQuotes = true;
                } else {
                    current.append(c);
                }
            }
        }

        CsvRecord finish(boolean terminated, boolean unclosed) {
            fields.add(current.toString());
            return new CsvRecord(firstLine, text.toString(), List.copyOf(fields), List.copyOf(problems), terminated, unclosed && inQuotes);
        }
    }

    // ---------------------------------------------------------------- XLSX

    private Parsed xlsx() {
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ); XSSFWorkbook workbook = new XSSFWorkbook(pkg)) {
            Sheet sheet = feed.sheet().isEmpty() ? workbook.getSheetAt(0) : workbook.getSheet(feed.sheet());
            if (sheet == null) {
                throw new IngestionException("file " + file + " has no sheet " + feed.sheet() + " (setting " + feed.prefix() + "sheet)", null);
            }
            List<ParsedRow> rows = new ArrayList<>();
            List<String> header = null;
            int[] index = null;
            List<String> unmapped = List.of();
            int blank = 0;
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<Object> cells = new ArrayList<>();
                List<String> shown = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < row.getLastCellNum(); c++) {
                        Cell cell = row.getCell(c);
                        cells.add(cell == null ? null : cellValue(cell));
                        shown.add(cell == null ? "" : formatter.formatCellValue(cell));
                    }
                }
                while (!cells.isEmpty() && (cells.get(cells.size() - 1) == null || "".equals(cells.get(cells.size() - 1)))) {
                    cells.remove(cells.size() - 1);
                    shown.remove(shown.size() - 1);
                }
                if (cells.isEmpty()) {
                    if (header != null) {
                        blank++;
                    }
                    continue;
                }
                if (header == null) {
                    header = shown;
                    index = mapHeader(header.stream().map(FeedReader::normalise).toList(), header, false);
                    unmapped = unmapped(header, index);
                    continue;
                }
                List<String> reasons = new ArrayList<>();
                if (cells.size() > header.size()) {
                    reasons.add("has " + cells.size() + " cells, the header has " + header.size());
                }
                Object[] values = new Object[feed.columns().size()];
                for (int c = 0; c < values.length; c++) {
                    Object cell = index[c] < cells.size() ? cells.get(index[c]) : null;
                    values[c] = value(feed.columns().get(c), cell, false, reasons);
                }
                rows.add(new ParsedRow(r + 1, csvLine(shown), values, reasons));
            }
            if (header == null) {
                return new Parsed(List.of(), blank, List.of());
            }
            markDuplicateKeys(rows);
            return new Parsed(rows, blank, unmapped);
        } catch (IOException | org.apache.poi.openxml4j.exceptions.InvalidFormatException | RuntimeException e) {
            if (e instanceof IngestionException ie) {
                throw ie;
            }
            throw new IngestionException("file " + file + " cannot be read as XLSX: " + e.getMessage(), e);
        }
    }

    private static Object cellValue(Cell cell) {
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> DateUtil.isCellDateFormatted(cell) ? cell.getLocalDateTimeCellValue() : (Object) cell.getNumericCellValue();
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> cell.getBooleanCellValue();
            case ERROR -> "#ERROR";
            default -> null;
        };
    }

    private String csvLine(List<String> cells) {
        String delimiter = String.valueOf(feed.delimiter());
        return cells.stream().map(c -> c.contains(delimiter) || c.contains("\"") || c.contains("\n")
                ? "\"" + c.replace("\"", "\"\"") + "\"" : c).collect(Collectors.joining(delimiter));
    }

    // ---------------------------------------------------------------- common

    static String normalise(String header) {
        return header.replace("\uFEFF", "").replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    /** Where each mapped column is in the header; a mapped column missing from it fails the whole file. */
    private int[] mapHeader(List<String> normalised, List<String> original, boolean undecodable) {
        int[] index = new int[feed.columns().size()];
        for (int c = 0; c < index.length; c++) {
            Feed.Column column = feed.columns().get(c);
            int at = normalised.indexOf(normalise(column.header()));
            if (at < 0) {
                String setting = column.header().equals(column.name()) ? feed.prefix() + "columns" : feed.prefix() + "header." + column.name();
                throw new IngestionException("file " + file + " has no column " + column.header() + " (setting " + setting + ") in its header "
                        + original + (undecodable ? "; its header is not valid " + feed.encoding().name()
                        + " (setting " + feed.prefix() + "encoding)" : ""), null);
            }
            if (normalised.lastIndexOf(normalise(column.header())) != at) {
                throw new IngestionException("file " + file + " has column " + column.header() + " twice in its header " + original, null);
            }
            index[c] = at;
        }
        return index;
    }

    private static List<String> unmapped(List<String> header, int[] index) {
        Set<Integer> used = java.util.Arrays.stream(index).boxed().collect(Collectors.toSet());
        List<String> unmapped = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (!used.contains(i)) {
                unmapped.add(header.get(i));
            }
        }
        return unmapped;
    }

    /** Rows sharing a key within one file are all refused: which one is right cannot be told. */
    private void markDuplicateKeys(List<ParsedRow> rows) {
        List<Integer> keyIndex = feed.keys().stream().map(k -> columnIndex(k)).toList();
        Map<List<Object>, List<ParsedRow>> byKey = new LinkedHashMap<>();
        for (ParsedRow row : rows) {
            List<Object> key = keyIndex.stream().map(i -> row.values()[i]).toList();
            if (key.stream().allMatch(java.util.Objects::nonNull)) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
            }
        }
        byKey.forEach((key, same) -> {
            if (same.size() > 1) {
                for (ParsedRow row : same) {
                    String others = same.stream().filter(o -> o != row).map(o -> String.valueOf(o.line())).collect(Collectors.joining(", "));
                    row.reasons().add("key " + keyText(key) + " is also on line " + others + " of this file");
                }
            }
        });
    }

    private String keyText(List<Object> key) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            parts.add(feed.keys().get(i) + "=" + key.get(i));
        }
        return String.join(", ", parts);
    }

    private int columnIndex(String name) {
        for (int i = 0; i < feed.columns().size(); i++) {
            if (feed.columns().get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException(name);
    }

    /** A cell's value of the column's type, or null with the reason added. Empty and missing cells are null. */
    private Object value(Feed.Column column, Object cell, boolean missing, List<String> reasons) {
        boolean required = feed.rules().required().contains(column.name());
        String label = column.name();
        if (cell instanceof String s) {
            cell = s.strip();
        }
        if (cell == null || "".equals(cell)) {
            if (required) {
                reasons.add(label + ": required" + (feed.keys().contains(column.name()) ? " (key)" : "") + (missing ? ", but the field is missing" : ", but empty"));
            }
            return null;
        }
        Object value;
        try {
            value = switch (column.type()) {
                case STRING -> text(cell);
                case INT -> Math.toIntExact(whole(cell));
                case BIGINT -> whole(cell);
                case DECIMAL -> decimal(cell, column);
                case DATE -> java.sql.Date.valueOf(date(cell));
                case TIMESTAMP -> java.sql.Timestamp.from(timestamp(cell).atZone(feed.zone()).toInstant());
                case BOOLEAN -> bool(cell);
            };
        } catch (ArithmeticException e) {
            reasons.add(label + ": '" + text(cell) + "' is out of range for " + column.typeName());
            return null;
        } catch (IllegalArgumentException | DateTimeException e) {
            reasons.add(label + ": '" + text(cell) + "' " + e.getMessage());
            return null;
        }
        Set<String> accepted = feed.rules().accepted().get(column.name());
        if (accepted != null && !accepted.contains(text(cell))) {
            reasons.add(label + ": '" + text(cell) + "' is not one of " + String.join("|", accepted));
        }
        return value;
    }

    private static String text(Object cell) {
        if (cell instanceof Double d) {
            return NumberToTextConverter.toText(d);
        }
        if (cell instanceof LocalDateTime t) {
            return t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.toLocalDate().toString() : t.toString().replace('T', ' ');
        }
        return cell.toString();
    }

    private String number(String text) {
        String plain = text;
        for (char c : feed.thousandsSeparators().toCharArray()) {
            plain = plain.replace(String.valueOf(c), "");
        }
        if (feed.decimalSeparator() != '.') {
            if (plain.indexOf('.') >= 0) {
                throw new IllegalArgumentException("is not a number (decimal separator is '" + feed.decimalSeparator() + "')");
            }
            plain = plain.replace(feed.decimalSeparator(), '.');
        }
        return plain;
    }

    private long whole(Object cell) {
        if (cell instanceof Double d) {
            if (d != Math.rint(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("is not a whole number");
            }
            return new BigDecimal(NumberToTextConverter.toText(d)).longValueExact();
        }
        String plain = number(text(cell));
        if (!WHOLE.matcher(plain).matches()) {
            throw new IllegalArgumentException("is not a whole number");
        }
        return new BigDecimal(plain).longValueExact();
    }

    private BigDecimal decimal(Object cell, Feed.Column column) {
        BigDecimal value;
        if (cell instanceof Double d) {
            value = new BigDecimal(NumberToTextConverter.toText(d));
        } else {
            String plain = number(text(cell));
            if (!DECIMAL.matcher(plain).matches()) {
                throw new IllegalArgumentException("is not a number");
            }
            value = new BigDecimal(plain);
        }
        if (value.scale() > column.scale()) {
            BigDecimal stripped = value.stripTrailingZeros();
            if (stripped.scale() > column.scale()) {
                throw new IllegalArgumentException("has more than " + column.scale() + " decimal places");
            }
            value = stripped;
        }
        value = value.setScale(column.scale());
        if (value.precision() > column.precision()) {
            throw new IllegalArgumentException("has too many digits for " + column.typeName());
        }
        return value;
    }

    private LocalDate date(Object cell) {
        if (cell instanceof LocalDateTime t) {
            return t.toLocalDate();
        }
        if (cell instanceof Double) {
            throw new IllegalArgumentException("is a number, not a date");
        }
        for (DateTimeFormatter format : feed.dateFormats()) {
            try {
                return LocalDate.parse(text(cell), format);
            } catch (DateTimeException e) {
                // next pattern
            }
        }
        throw new IllegalArgumentException("is not a date (" + patterns("date.format") + ")");
    }

    private LocalDateTime timestamp(Object cell) {
        if (cell instanceof LocalDateTime t) {
            return t;
        }
        if (cell instanceof Double) {
            throw new IllegalArgumentException("is a number, not a timestamp");
        }
        for (DateTimeFormatter format : feed.timestampFormats()) {
            try {
                return LocalDateTime.parse(text(cell), format);
            } catch (DateTimeException e) {
                // next pattern
            }
        }
        throw new IllegalArgumentException("is not a timestamp (" + patterns("timestamp.format") + ")");
    }

    private String patterns(String setting) {
        return "setting " + feed.prefix() + setting;
    }

    private static boolean bool(Object cell) {
        if (cell instanceof Boolean b) {
            return b;
        }
        Boolean value = BOOLEANS.get(text(cell).toLowerCase(Locale.ROOT));
        if (value == null) {
            throw new IllegalArgumentException("is not true/false, yes/no or 1/0");
        }
        return value;
    }
}
