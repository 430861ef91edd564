package dsmart.ingestion;

import dsmart.lake.Settings;
import dsmart.lake.SettingsException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.jdbc.JdbcDialect;
import org.apache.spark.sql.jdbc.JdbcDialects;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads source tables over JDBC with Spark: whole, from a cursor value on, or only their key columns; split into
 * key-range queries run in parallel when the table is large. Column names become lower case.
 */
final class JdbcReader {
    static final DateTimeFormatter TIMESTAMP_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final SparkSession spark;
    private final Settings settings;

    JdbcReader(SparkSession spark, Settings settings) {
        this.spark = spark;
        this.settings = settings;
        MariaDbDialect.register();
    }

    /** A source table's columns: lower-case name to the name and type the source reports. */
    record Shape(Map<String, StructField> columns) {
        boolean has(String column) {
            return columns.containsKey(column);
        }

        String original(String column) {
            return columns.get(column).name();
        }

        DataType type(String column) {
            return columns.get(column).dataType();
        }
    }

    /** Rows read and in how many parallel queries. */
    record Read(Dataset<Row> rows, int queries) {}

    String url(String system) {
        return url(settings, system);
    }

    Properties properties(String system) {
        return properties(settings, system);
    }

    static String url(Settings settings, String system) {
        String url = settings.text("source." + system + ".url");
        if (!url.startsWith("jdbc:h2:file:")) {
            return url;
        }
        String upper = url.toUpperCase(Locale.ROOT);
        // An embedded H2 file database must exist already: without IFEXISTS H2 would create an empty one.
        if (!upper.contains("IFEXISTS")) {
            url += ";IFEXISTS=TRUE";
        }
        // Parallel partition reads open and close connections concurrently; an embedded H2 database closing
        // (writing its last chunk) while another thread opens it was seen to corrupt the file. Keep it open.
        if (!upper.contains("DB_CLOSE_DELAY")) {
            url += ";DB_CLOSE_DELAY=-1";
        }
        return url;
    }

    static Properties properties(Settings settings, String system) {
        Properties properties = new Properties();
        properties.setProperty("user", settings.text("source." + system + ".user"));
        properties.setProperty("password", settings.text("source." + system + ".password"));
        return properties;
    }

    Shape shape(SourceTable table) {
        StructType schema = spark.read().jdbc(url(table.system()), table.table(), properties(table.system())).schema();
        Map<String, StructField> columns = new LinkedHashMap<>();
        for (StructField field : schema.fields()) {
            columns.put(field.name().toLowerCase(Locale.ROOT), field);
        }
        return new Shape(columns);
    }

    /**
     * Whether the source guarantees the configured key unique: its primary key or a unique index lies within the key
     * columns. When not (a view, a table without constraints), ingestion checks every batch for repeated keys.
     */
    boolean keyIsUnique(SourceTable table) {
        java.util.Set<String> keys = new java.util.HashSet<>(table.keys());
        try (Connection connection = DriverManager.getConnection(url(table.system()), properties(table.system()))) {
            java.sql.DatabaseMetaData meta = connection.getMetaData();
            for (String name : new java.util.LinkedHashSet<>(List.of(table.table(), table.table().toLowerCase(Locale.ROOT),
                    table.table().toUpperCase(Locale.ROOT)))) {
                Map<String, java.util.Set<String>> constraints = new LinkedHashMap<>();
                try (ResultSet pk = meta.getPrimaryKeys(connection.getCatalog(), null, name)) {
                    while (pk.next()) {
                        constraints.computeIfAbsent("pk", k -> new java.util.HashSet<>()).add(pk.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
                try (ResultSet index = meta.getIndexInfo(connection.getCatalog(), null, name, true, true)) {
                    while (index.next()) {
                        String column = index.getString("COLUMN_NAME");
                        if (column != null && !index.getBoolean("NON_UNIQUE")) {
                            constraints.computeIfAbsent("ix:" + index.getString("INDEX_NAME"), k -> new java.util.HashSet<>())
                                    .add(column.toLowerCase(Locale.ROOT));
                        }
                    }
                }
                if (constraints.values().stream().anyMatch(keys::containsAll)) {
                    return true;
                }
            }
            return false;
        } catch (SQLException e) {
            return false; // cannot tell: check the batches
        }
    }

    String quote(SourceTable table, String column) {
        return dialect(table).quoteIdentifier(column);
    }

    private JdbcDialect dialect(SourceTable table) {
        return JdbcDialects.get(url(table.system()));
    }

    /**
     * The rows matching predicate (null: all), only the given lower-case columns (null: all). A table whose split
     * column (setting split, else the first key column when it is a whole number) holds more than
     * ingest.partition.rows matching rows is read in ceil(rows / partition.rows) key ranges, at most ingest.partitions.max.
     */
    Read read(SourceTable table, Shape shape, String predicate, List<String> columns) {
        String split = splitColumn(table, shape);
        int queries = 1;
        String[] predicates = null;
        if (split != null) {
            long[] stats = stats(table, shape.original(split), predicate);
            long count = stats[2];
            long perQuery = settings.integer("ingest.partition.rows");
            queries = (int) Math.min(settings.integer("ingest.partitions.max"), Math.max(1, (count + perQuery - 1) / perQuery));
            if (queries > 1 && stats[1] > stats[0]) {
                predicates = ranges(quote(table, shape.original(split)), stats[0], stats[1], queries, predicate);
            } else {
                queries = 1;
            }
        }
        Properties properties = properties(table.system());
        properties.setProperty("fetchsize", settings.text("ingest.fetch.size"));
        Dataset<Row> rows;
        if (predicates != null) {
            rows = spark.read().jdbc(url(table.system()), table.table(), predicates, properties);
        } else if (predicate != null) {
            rows = spark.read().jdbc(url(table.system()), table.table(), new String[] {predicate}, properties);
        } else {
            rows = spark.read().jdbc(url(table.system()), table.table(), properties);
        }
        if (columns != null) {
            rows = rows.select(columns.stream().map(c -> new Column(shape.original(c))).toArray(Column[]::new));
        }
        for (String column : rows.columns()) {
            String lower = column.toLowerCase(Locale.ROOT);
            if (!lower.equals(column)) {
                rows = rows.withColumnRenamed(column, lower);
            }
        }
        return new Read(rows, queries);
    }

    private String splitColumn(SourceTable table, Shape shape) {
        if (table.split() != null) {
            if (!shape.has(table.split()) || !wholeNumber(shape.type(table.split()))) {
                throw new SettingsException("setting " + table.prefix() + "split=" + table.split() + ": " + table
                        + " has no whole-number column of that name " + shape.columns().keySet());
            }
            return table.split();
        }
        String first = table.keys().get(0);
        return shape.has(first) && wholeNumber(shape.type(first)) ? first : null;
    }

    static boolean wholeNumber(DataType type) {
        return type.equals(DataTypes.LongType) || type.equals(DataTypes.IntegerType) || type.equals(DataTypes.ShortType)
                || type.equals(DataTypes.ByteType) || (type instanceof DecimalType d && d.scale() == 0 && d.precision() <= 18);
    }

    /**
     * The rows a source table holds, and its first key's range when that key is a whole number (else null); perRange: its
     * rows per key range when asked for (else null).
     */
    record KeyStats(long rows, Long min, Long max, RawTables.RangeCounts perRange) {}

    /** ranges: key ranges to count the rows of (null: the total only; a first key that is not a whole number: ignored). */
    KeyStats keyStats(SourceTable table, Shape shape, KeyRanges ranges) {
        String first = table.keys().get(0);
        if (!shape.has(first) || !wholeNumber(shape.type(first))) {
            long[] counted = stats(table, null, null);
            return new KeyStats(counted[2], null, null, null);
        }
        if (ranges == null || ranges.size() == 1) {
            long[] stats = stats(table, shape.original(first), null);
            RawTables.RangeCounts perRange = ranges == null ? null : new RawTables.RangeCounts(ranges, List.of(stats[2]));
            return stats[2] == 0 ? new KeyStats(0, null, null, perRange) : new KeyStats(stats[2], stats[0], stats[1], perRange);
        }
        // a count per range, not one GROUP BY over a CASE: each is an index range scan, together about one COUNT(*)
        String key = quote(table, shape.original(first));
        List<String> counts = new ArrayList<>();
        for (int range = 0; range < ranges.size(); range++) {
            counts.add("SELECT " + range + ", MIN(" + key + "), MAX(" + key + "), COUNT(*) FROM " + table.table() + " WHERE "
                    + KeyRanges.withinSql(key, List.of(ranges.span(range))));
        }
        Long[] rows = new Long[ranges.size()];
        Arrays.fill(rows, 0L);
        Long min = null;
        Long max = null;
        try (Connection connection = DriverManager.getConnection(url(table.system()), properties(table.system()));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(String.join(" UNION ALL ", counts))) {
            while (result.next()) {
                rows[result.getInt(1)] = result.getLong(4);
                if (result.getBigDecimal(2) != null) {
                    long low = result.getBigDecimal(2).longValueExact();
                    long high = result.getBigDecimal(3).longValueExact();
                    min = min == null ? low : Math.min(min, low);
                    max = max == null ? high : Math.max(max, high);
                }
            }
        } catch (SQLException e) {
            throw new IngestionException("source " + table.system() + " table " + table.table() + ": " + e.getMessage(), e);
        }
        return new KeyStats(Arrays.stream(rows).mapToLong(Long::longValue).sum(), min, max, new RawTables.RangeCounts(ranges, Arrays.asList(rows)));
    }

    /**
     * Rows per slice of the first key (a non-negative whole number): slice start (key − key mod width) → rows, of the keys
     * within the spans (null: every key).
     */
    Map<Long, Long> rowsPerSlice(SourceTable table, Shape shape, long width, List<KeyRanges.Span> within) {
        String key = quote(table, shape.original(table.keys().get(0)));
        String start = key + " - MOD(" + key + ", " + width + ")";
        String sql = "SELECT " + start + ", COUNT(*) FROM " + table.table() + (within == null ? "" : " WHERE " + KeyRanges.withinSql(key, within))
                + " GROUP BY " + start;
        Map<Long, Long> slices = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(url(table.system()), properties(table.system()));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                BigDecimal slice = result.getBigDecimal(1);
                if (slice != null) {
                    slices.merge(slice.longValueExact(), result.getLong(2), Long::sum);
                }
            }
            return slices;
        } catch (SQLException e) {
            throw new IngestionException("source " + table.system() + " table " + table.table() + ": " + e.getMessage(), e);
        }
    }

    /** A predicate for the rows whose first key lies in the slices starting at starts. */
    String inSlices(SourceTable table, Shape shape, List<Long> starts, long width) {
        return KeyRanges.withinSql(quote(table, shape.original(table.keys().get(0))), KeyRanges.slices(starts, width));
    }

    /** min, max and count of the split column (null: count only) over the rows matching predicate. */
    private long[] stats(SourceTable table, String split, String predicate) {
        String column = split == null ? "0" : quote(table, split);
        String sql = "SELECT MIN(" + column + "), MAX(" + column + "), COUNT(*) FROM " + table.table()
                + (predicate == null ? "" : " WHERE " + predicate);
        try (Connection connection = DriverManager.getConnection(url(table.system()), properties(table.system()));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            BigDecimal min = result.getBigDecimal(1);
            BigDecimal max = result.getBigDecimal(2);
            long count = result.getLong(3);
            return min == null ? new long[] {0, 0, count} : new long[] {min.longValueExact(), max.longValueExact(), count};
        } catch (SQLException e) {
            throw new IngestionException("source " + table.system() + " table " + table.table() + ": " + e.getMessage(), e);
        }
    }

    /** Key ranges covering everything: the first open below, the last open above (rows added since the count land there). */
    static String[] ranges(String column, long min, long max, int queries, String predicate) {
        List<String> ranges = new ArrayList<>();
        long stride = Math.max(1, (max - min) / queries + 1);
        for (int i = 0; i < queries; i++) {
            long low = min + i * stride;
            long high = low + stride;
            String range;
            if (i == 0) {
                range = "(" + column + " < " + high + " OR " + column + " IS NULL)";
            } else if (i == queries - 1 || high > max) {
                range = column + " >= " + low;
            } else {
                range = column + " >= " + low + " AND " + column + " < " + high;
            }
            ranges.add(predicate == null ? range : "(" + predicate + ") AND " + range);
            if (high > max) {
                break;
            }
        }
        return ranges.toArray(String[]::new);
    }

    /** The predicate of an incremental read: cursor at or after watermark minus overlap, or no cursor value at all. */
    static String cursorPredicate(String quotedCursor, DataType type, String watermark, int overlapMinutes) {
        String from;
        if (type.equals(DataTypes.TimestampType) || type.equals(DataTypes.TimestampNTZType)) {
            LocalDateTime value = LocalDateTime.parse(watermark, TIMESTAMP_TEXT).minusMinutes(overlapMinutes);
            from = "TIMESTAMP '" + TIMESTAMP_TEXT.format(value) + "'";
        } else if (type.equals(DataTypes.DateType)) {
            LocalDate value = LocalDate.parse(watermark).minusDays((overlapMinutes + 1439) / 1440);
            from = "DATE '" + value + "'";
        } else {
            from = new BigDecimal(watermark).toPlainString();
        }
        return "(" + quotedCursor + " >= " + from + " OR " + quotedCursor + " IS NULL)";
    }

    static boolean cursorType(DataType type) {
        return type.equals(DataTypes.TimestampType) || type.equals(DataTypes.TimestampNTZType) || type.equals(DataTypes.DateType)
                || wholeNumber(type) || type instanceof DecimalType;
    }

    /** A cursor value as the watermark text: timestamps as source wall-clock yyyy-MM-dd HH:mm:ss.SSSSSS. */
    static String watermarkText(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.sql.Timestamp t) {
            return TIMESTAMP_TEXT.format(t.toLocalDateTime());
        }
        if (value instanceof java.time.Instant i) {
            return TIMESTAMP_TEXT.format(LocalDateTime.ofInstant(i, java.time.ZoneId.systemDefault()));
        }
        if (value instanceof LocalDateTime l) {
            return TIMESTAMP_TEXT.format(l);
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (value instanceof BigDecimal b) {
            return b.toPlainString();
        }
        return value.toString();
    }

    /** The later of two watermark texts of the same type. */
    static String later(String a, String b, DataType type) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (wholeNumber(type) || type instanceof DecimalType) {
            return new BigDecimal(a).compareTo(new BigDecimal(b)) >= 0 ? a : b;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }
}
