package dsmart.cli;

import static java.util.Objects.requireNonNull;

import dsmart.lake.Settings;
import dsmart.serving.EmbeddedEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The four headline marts recomputed as DuckDB SQL over the raw tables' Parquet files (one file per mart under
 * dsmart/cli/baseline/), each compared with the mart dsmart wrote: row count, the sum of every numeric column to
 * the cent, and row counts per key dimension.
 */
final class Baseline {
    /** A baseline mart: which rows of the mart it recomputes, and the columns whose row counts are compared. */
    record Spec(String mart, String martRows, List<String> dimensions) {
        Spec {
            requireNonNull(mart, "mart");
            requireNonNull(martRows, "martRows");
            dimensions = List.copyOf(dimensions);
        }

        String martTable() {
            return "mart." + mart;
        }

        String baselineTable() {
            return "baseline_" + mart;
        }
    }

    static final List<Spec> MARTS = List.of(
            new Spec("sales_kpi", "SELECT * FROM mart.sales_kpi", List.of("period_type", "level")),
            new Spec("customer_tier", "SELECT * FROM mart.customer_tier", List.of("tier")),
            new Spec("ar_ageing", "SELECT * FROM mart.ar_ageing", List.of("bucket")),
            new Spec("market_indicator", "SELECT * FROM mart.market_indicator WHERE grain = 'monthly' "
                    + "AND indicator <> 'ab_churned_customers' AND numerator <> 0", List.of("indicator", "dimension")));

    /** One mart's comparison; the differences are empty when the baseline agrees. */
    record Result(String mart, long baselineRows, long martRows, double seconds, List<String> differences) {
        Result {
            requireNonNull(mart, "mart");
            differences = List.copyOf(differences);
        }

        boolean agrees() {
            return differences.isEmpty();
        }
    }

    /** Every baseline mart's figures and the time DuckDB took, views over the Iceberg snapshots included. */
    record Run(double viewSeconds, List<Result> results) {
        Run {
            results = List.copyOf(results);
        }

        boolean agrees() {
            return results.stream().allMatch(Result::agrees);
        }

        double seconds() {
            return viewSeconds + results.stream().mapToDouble(Result::seconds).sum();
        }
    }

    private static final Pattern RAW_TABLE = Pattern.compile("\\braw\\.([a-z_][a-z0-9_]*)");

    private Baseline() {}

    /** Recomputes and compares the four marts. */
    static Run run(Settings settings) {
        long started = System.nanoTime();
        try (Connection duckdb = open(settings)) {
            double viewSeconds = (System.nanoTime() - started) / 1e9;
            List<Result> results = new ArrayList<>();
            for (Spec spec : MARTS) {
                double seconds = compute(duckdb, settings, spec);
                Comparison comparison = compare(duckdb, spec, spec.martRows());
                results.add(new Result(spec.mart(), comparison.baselineRows(), comparison.martRows(), seconds, comparison.differences()));
            }
            return new Run(viewSeconds, results);
        } catch (SQLException e) {
            throw new IllegalStateException("baseline: " + e.getMessage(), e);
        }
    }

    /** A DuckDB connection with views over every raw table the baseline SQL names and over the four marts. */
    static Connection open(Settings settings) {
        Set<String> tables = new TreeSet<>();
        for (Spec spec : MARTS) {
            Matcher matcher = RAW_TABLE.matcher(sql(settings, spec.mart()));
            while (matcher.find()) {
                tables.add("raw." + matcher.group(1));
            }
            tables.add(spec.martTable());
        }
        return EmbeddedEngine.withViews(settings, tables);
    }

    /** Creates the temporary table of the mart's baseline; returns DuckDB's wall time in seconds. */
    static double compute(Connection duckdb, Settings settings, Spec spec) throws SQLException {
        long started = System.nanoTime();
        try (Statement statement = duckdb.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE " + spec.baselineTable() + " AS " + sql(settings, spec.mart()));
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** The baseline SQL of a mart, settings substituted. */
    static String sql(Settings settings, String mart) {
        String resource = "baseline/" + mart + ".sql";
        try (InputStream in = Baseline.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no baseline SQL " + resource);
            }
            return settings.fill(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Comparison(long baselineRows, long martRows, List<String> differences) {
        Comparison {
            differences = List.copyOf(differences);
        }
    }

    /** Compares the baseline table of {@code spec} with the rows of {@code martRows} (a SELECT). */
    static Comparison compare(Connection duckdb, Spec spec, String martRows) throws SQLException {
        String baseline = "SELECT * FROM " + spec.baselineTable();
        Map<String, String> baselineColumns = columns(duckdb, baseline);
        Map<String, String> martColumns = columns(duckdb, martRows);
        List<String> numeric = new ArrayList<>();
        baselineColumns.forEach((name, type) -> {
            if (numeric(type) && martColumns.containsKey(name) && numeric(martColumns.get(name))) {
                numeric.add(name);
            }
        });
        Map<String, BigDecimal> baselineFigures = figures(duckdb, baseline, numeric);
        Map<String, BigDecimal> martFigures = figures(duckdb, martRows, numeric);
        List<String> differences = new ArrayList<>();
        baselineFigures.forEach((name, value) -> {
            BigDecimal other = martFigures.get(name);
            if (!equal(value, other)) {
                differences.add(name + ": DuckDB " + value + ", dsmart " + other);
            }
        });
        for (String dimension : spec.dimensions()) {
            Map<String, Long> expected = counts(duckdb, baseline, dimension);
            Map<String, Long> actual = counts(duckdb, martRows, dimension);
            Set<String> keys = new TreeSet<>(expected.keySet());
            keys.addAll(actual.keySet());
            for (String key : keys) {
                if (!java.util.Objects.equals(expected.get(key), actual.get(key))) {
                    differences.add("rows with " + dimension + " = " + key + ": DuckDB " + expected.getOrDefault(key, 0L)
                            + ", dsmart " + actual.getOrDefault(key, 0L));
                }
            }
        }
        return new Comparison(baselineFigures.get("rows").longValueExact(), martFigures.get("rows").longValueExact(), differences);
    }

    private static boolean equal(BigDecimal a, BigDecimal b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.setScale(2, RoundingMode.HALF_UP).compareTo(b.setScale(2, RoundingMode.HALF_UP)) == 0;
    }

    private static boolean numeric(String type) {
        return type.startsWith("DECIMAL") || Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "DOUBLE", "FLOAT", "REAL").contains(type);
    }

    private static Map<String, String> columns(Connection duckdb, String select) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (Statement statement = duckdb.createStatement(); ResultSet rows = statement.executeQuery("DESCRIBE " + select)) {
            while (rows.next()) {
                columns.put(rows.getString("column_name"), rows.getString("column_type"));
            }
        }
        return columns;
    }

    /** "rows" → the row count, then every numeric column → its sum (null when every value is null). */
    private static Map<String, BigDecimal> figures(Connection duckdb, String select, List<String> numeric) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*)");
        for (String column : numeric) {
            sql.append(", CAST(SUM(CAST(\"").append(column).append("\" AS DECIMAL(38,6))) AS DECIMAL(38,6))");
        }
        sql.append(" FROM (").append(select).append(")");
        Map<String, BigDecimal> figures = new LinkedHashMap<>();
        try (Statement statement = duckdb.createStatement(); ResultSet rows = statement.executeQuery(sql.toString())) {
            rows.next();
            figures.put("rows", BigDecimal.valueOf(rows.getLong(1)));
            for (int i = 0; i < numeric.size(); i++) {
                figures.put(numeric.get(i), rows.getBigDecimal(i + 2));
            }
        }
        return figures;
    }

    private static Map<String, Long> counts(Connection duckdb, String select, String column) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Statement statement = duckdb.createStatement();
                ResultSet rows = statement.executeQuery("SELECT CAST(\"" + column + "\" AS VARCHAR), COUNT(*) FROM (" + select + ") GROUP BY 1")) {
            while (rows.next()) {
                counts.put(String.valueOf(rows.getString(1)), rows.getLong(2));
            }
        }
        return counts;
    }
}
