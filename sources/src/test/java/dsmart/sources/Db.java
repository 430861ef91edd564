package dsmart.sources;

import dsmart.lake.Settings;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Plain JDBC reads of the generated source rows, values normalised so that every database compares equal. */
final class Db {
    private Db() {}

    static List<List<Object>> rows(Settings settings, SourceSystem system, String sql) {
        try (Connection connection = system.connect(settings); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<List<Object>> out = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(normalise(rows.getObject(i)));
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static long count(Settings settings, SourceSystem system, String sql) {
        return ((Number) rows(settings, system, sql).get(0).get(0)).longValue();
    }

    /** The first column of every row, as text. */
    static Set<String> ids(Settings settings, SourceSystem system, String sql) {
        Set<String> out = new LinkedHashSet<>();
        for (List<Object> row : rows(settings, system, sql)) {
            out.add(String.valueOf(row.get(0)));
        }
        return out;
    }

    /** Every row of a table ordered by all its columns, each row as one line of text. */
    static List<String> dump(Settings settings, SourceSystem system, String table) {
        List<List<Object>> rows = rows(settings, system, "SELECT * FROM " + table);
        List<String> out = new ArrayList<>();
        for (List<Object> row : rows) {
            out.add(row.toString());
        }
        out.sort(null);
        return out;
    }

    /** Timestamps as LocalDateTime, dates as LocalDate, numbers as plain decimals, booleans as Boolean. */
    static Object normalise(Object value) {
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.scale() > 0 ? decimal : decimal.setScale(0);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof LocalDateTime || value instanceof LocalDate || value instanceof Long || value instanceof String
                || value instanceof Boolean || value == null) {
            return value;
        }
        return value.toString();
    }

    static LocalDateTime time(Object value) {
        return (LocalDateTime) value;
    }

    static LocalDate date(Object value) {
        return (LocalDate) value;
    }

    static long number(Object value) {
        return ((Number) value).longValue();
    }
}
