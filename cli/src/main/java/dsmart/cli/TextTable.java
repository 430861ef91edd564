package dsmart.cli;

import dsmart.serving.QueryResult;
import java.util.ArrayList;
import java.util.List;

/** Query results as an aligned text table or as CSV (RFC 4180 quoting). */
final class TextTable {
    private TextTable() {}

    static String aligned(QueryResult result) {
        List<String> header = result.columns().stream().map(c -> c.name()).toList();
        List<List<String>> cells = new ArrayList<>();
        for (List<Object> row : result.rows()) {
            cells.add(row.stream().map(TextTable::text).toList());
        }
        int[] widths = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            widths[i] = width(header.get(i));
            for (List<String> row : cells) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, widths, result, false);
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        line(out, rule, widths, result, false);
        for (List<String> row : cells) {
            line(out, row, widths, result, true);
        }
        out.append("(").append(result.rows().size()).append(result.rows().size() == 1 ? " row)" : " rows)").append('\n');
        return out.toString();
    }

    static String csv(QueryResult result) {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", result.columns().stream().map(c -> quote(c.name())).toList())).append("\r\n");
        for (List<Object> row : result.rows()) {
            out.append(String.join(",", row.stream().map(v -> v == null ? "" : quote(text(v))).toList())).append("\r\n");
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> values, int[] widths, QueryResult result, boolean alignNumbers) {
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            String pad = " ".repeat(widths[i] - width(value));
            boolean number = alignNumbers && isNumeric(result.columns().get(i).type());
            out.append(i == 0 ? "" : "  ").append(number ? pad + value : value + (i == values.size() - 1 ? "" : pad));
        }
        out.append('\n');
    }

    private static boolean isNumeric(String type) {
        String upper = type.toUpperCase();
        return upper.startsWith("DECIMAL") || upper.contains("INT") || upper.equals("DOUBLE") || upper.equals("REAL")
                || upper.equals("FLOAT") || upper.equals("HUGEINT");
    }

    private static String text(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }

    /** Display width: CJK characters take two columns in a terminal. */
    static int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            width += isWide(codePoint) ? 2 : 1;
            i += Character.charCount(codePoint);
        }
        return width;
    }

    private static boolean isWide(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                || (codePoint >= 0xFF00 && codePoint <= 0xFF60) || (codePoint >= 0x3000 && codePoint <= 0x303F);
    }

    private static String quote(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
