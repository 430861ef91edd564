package dsmart.transforms;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A data test on a mart before it is published: {@code sql} counts the offending rows, with {@code {{this}}} standing for
 * the candidate mart. Zero passes.
 *
 * <p>A check that looks at each row alone ({@code rowWise}), or at groups of rows with the same {@code groupedBy}
 * values, holds for a mart when it holds for each part of it by one of those columns. A mart rebuilt in part by such a
 * column runs it on the rebuilt rows only: the kept rows passed it when they were published. Every other check (a
 * reconciliation with staging, a total) runs on the whole candidate.
 */
record DataCheck(String name, String sql, boolean rowWise, List<String> groupedBy) {
    DataCheck {
        requireNonNull(name, "name");
        requireNonNull(sql, "sql");
        groupedBy = List.copyOf(groupedBy);
    }

    /** A check over the whole candidate. */
    DataCheck(String name, String sql) {
        this(name, sql, false, List.of());
    }

    /** Counts the rows matching {@code condition}. */
    static DataCheck rows(String name, String condition) {
        return new DataCheck(name, "SELECT COUNT(*) FROM {{this}} WHERE " + condition, true, List.of());
    }

    static DataCheck uniqueKey(List<String> columns) {
        String key = String.join(", ", columns);
        return new DataCheck("unique (" + key + ")",
                "SELECT COUNT(*) FROM (SELECT " + key + " FROM {{this}} GROUP BY " + key + " HAVING COUNT(*) > 1)", false, columns);
    }

    static DataCheck notNull(List<String> columns) {
        return rows("not null (" + String.join(", ", columns) + ")", String.join(" IS NULL OR ", columns) + " IS NULL");
    }

    /** Two single-value queries must agree exactly (DECIMAL: to the cent). */
    static DataCheck equal(String name, String left, String right) {
        return new DataCheck(name, "SELECT CASE WHEN (" + left + ") <=> (" + right + ") THEN 0 ELSE 1 END");
    }

    /** Whether the check holds for a mart when it holds for each part of it with the same {@code column} value. */
    boolean holdsPerPartOf(String column) {
        return rowWise || groupedBy.contains(column);
    }

    String sqlFor(String candidate) {
        return sql.replace("{{this}}", candidate);
    }
}
