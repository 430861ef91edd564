package dsmart.web;

import dsmart.serving.QueryResult;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Query results as the pages answer them: JSON rows and CSV cells (shared by the appraisal, risk and audit pages). */
final class JsonRows {
    private static final Pattern FORMULA = Pattern.compile("[=+\\-@\t\r]");

    private JsonRows() {}

    /** Rows as JSON objects: dates as ISO text, decimals as they are, column names in lower case. */
    static List<Map<String, Object>> rows(QueryResult result) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : result.asMaps()) {
            Map<String, Object> out = new LinkedHashMap<>();
            row.forEach((key, value) -> out.put(key.toLowerCase(Locale.ROOT), json(value)));
            rows.add(out);
        }
        return rows;
    }

    static Object json(Object value) {
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof java.sql.Timestamp || value instanceof java.time.temporal.Temporal) {
            return Times.iso(value);
        }
        return value;
    }

    /** A CSV cell: quoted when needed; text that a spreadsheet would run as a formula gets a leading apostrophe. */
    static String csvCell(Object value) {
        Object shown = json(value);
        if (shown == null) {
            return "";
        }
        if (shown instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (shown instanceof Number || shown instanceof Boolean) {
            return shown.toString();
        }
        String text = shown.toString();
        if (FORMULA.matcher(text).lookingAt()) {
            text = "'" + text;
        }
        return text.matches("(?s).*[\",\r\n'].*") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /** A CSV file as a spreadsheet opens it: UTF-8 byte order mark, the header line, the rows, CRLF line ends. */
    static String csv(String header, List<List<Object>> rows) {
        StringBuilder csv = new StringBuilder("\uFEFF").append(header).append("\r\n");
        for (List<Object> row : rows) {
            List<String> cells = new ArrayList<>();
            row.forEach(value -> cells.add(csvCell(value)));
            csv.append(String.join(",", cells)).append("\r\n");
        }
        return csv.toString();
    }
}
