package dsmart.transforms;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A data test on a mart before it is published: {@code sql} counts the offending rows, with
 * {@code {{this}}} standing for the candidate mart. Zero passes.
 */
record DataCheck(String name, String sql) {
    DataCheck {
        requireNonNull(name, "name");
        requireNonNull(sql, "sql");
    }

    static DataCheck uniqueKey(List<String> columns) {
        String key = String.join(", ", columns);
        return new DataCheck("unique (" + key + ")",
                "SELECT COUNT(*) FROM (SELECT " + key + " FROM {{this}} GROUP BY " + key + " HAVING COUNT(*) > 1)");
    }

    static DataCheck notNull(List<String> columns) {
        String anyNull = String.join(" IS NULL OR ", columns) + " IS NULL";
        return new DataCheck("not null (" + String.join(", ", columns) + ")", "SELECT COUNT(*) FROM {{this}} WHERE " + anyNull);
    }

    /** Two single-value queries must agree exactly (DECIMAL: to the cent). */
    static DataCheck equal(String name, String left, String right) {
        return new DataCheck(name, "SELECT CASE WHEN (" + left + ") <=> (" + right + ") THEN 0 ELSE 1 END");
    }

    String sqlFor(String candidate) {
        return sql.replace("{{this}}", candidate);
    }
}
