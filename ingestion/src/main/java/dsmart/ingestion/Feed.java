package dsmart.ingestion;

import dsmart.lake.Settings;
import dsmart.lake.SettingsException;
import dsmart.lake.TableId;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * A file feed: CSV or XLSX files dropped in {@code ${ingest.inbox.dir}/<feed>/}, mapped by settings
 * {@code ingest.feed.<feed>.*} to columns of raw.<table> (default feed_<feed>).
 */
record Feed(String name, String table, List<String> keys, List<Column> columns, Charset encoding, char delimiter,
        List<DateTimeFormatter> dateFormats, List<DateTimeFormatter> timestampFormats, char decimalSeparator,
        String thousandsSeparators, String sheet, ZoneId zone, Rules rules, Path inbox, Path archive) {

    enum Type { STRING, INT, BIGINT, DECIMAL, DATE, TIMESTAMP, BOOLEAN }

    /** A target column: name, type (precision and scale for DECIMAL), and its header in the file. */
    record Column(String name, Type type, int precision, int scale, String header) {
        DataType sparkType() {
            return switch (type) {
                case STRING -> DataTypes.StringType;
                case INT -> DataTypes.IntegerType;
                case BIGINT -> DataTypes.LongType;
                case DECIMAL -> DataTypes.createDecimalType(precision, scale);
                case DATE -> DataTypes.DateType;
                case TIMESTAMP -> DataTypes.TimestampType;
                case BOOLEAN -> DataTypes.BooleanType;
            };
        }

        String typeName() {
            return type == Type.DECIMAL ? "decimal(" + precision + "," + scale + ")" : type.name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern COLUMN = Pattern.compile("\\s*([a-z][a-z0-9_]*)\\s*:\\s*([a-z]+)(?:\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\))?\\s*");

    TableId target() {
        return new TableId("raw", table);
    }

    TableId quarantine() {
        return new TableId("quarantine", table);
    }

    String prefix() {
        return "ingest.feed." + name + ".";
    }

    static List<Feed> fromSettings(Settings settings) {
        TreeSet<String> names = new TreeSet<>();
        settings.startingWith("ingest.feed.").keySet().forEach(key -> names.add(key.split("\\.")[2]));
        List<Feed> feeds = new ArrayList<>();
        for (String name : names) {
            feeds.add(of(settings, name));
        }
        return feeds;
    }

    private static Feed of(Settings settings, String name) {
        String prefix = "ingest.feed." + name + ".";
        if (!settings.has(prefix + "columns") || !settings.has(prefix + "key")) {
            throw new SettingsException("feed " + name + " needs settings " + prefix + "columns and " + prefix + "key");
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        for (String spec : settings.text(prefix + "columns").split(",(?![^(]*\\))")) {
            Matcher m = COLUMN.matcher(spec);
            if (!m.matches()) {
                throw new SettingsException("bad setting " + prefix + "columns: cannot read " + spec.strip());
            }
            Type type = Type.valueOf(m.group(2).toUpperCase(Locale.ROOT));
            int precision = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            int scale = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            if (type == Type.DECIMAL && (precision < 1 || precision > 38 || scale > precision)) {
                throw new SettingsException("bad setting " + prefix + "columns: " + spec.strip() + " needs 1 <= precision <= 38 and scale <= precision");
            }
            String column = m.group(1);
            if (columns.put(column, new Column(column, type, precision, scale, settings.text(prefix + "header." + column, column))) != null) {
                throw new SettingsException("bad setting " + prefix + "columns: column " + column + " is listed twice");
            }
        }
        List<String> keys = Arrays.asList(settings.text(prefix + "key").strip().split("\\+"));
        for (String key : keys) {
            if (!columns.containsKey(key)) {
                throw new SettingsException("setting " + prefix + "key names " + key + ", which is not in " + prefix + "columns");
            }
        }
        settings.startingWith(prefix + "header.").keySet().forEach(key -> {
            if (!columns.containsKey(key.substring((prefix + "header.").length()))) {
                throw new SettingsException("setting " + key + " is for a column that is not in " + prefix + "columns");
            }
        });
        Rules rules = Rules.from(settings, prefix, keys);
        rules.columnsNamed().forEach((column, key) -> {
            if (!columns.containsKey(column)) {
                throw new SettingsException("setting " + key + " names " + column + ", which is not in " + prefix + "columns");
            }
        });
        return new Feed(name, settings.text(prefix + "table", "feed_" + name), keys, List.copyOf(columns.values()),
                Charset.forName(settings.text(prefix + "encoding", "UTF-8").strip()),
                separator(settings.text(prefix + "delimiter", ","), ','),
                formats(settings.text(prefix + "date.format", "yyyy-MM-dd")),
                formats(settings.text(prefix + "timestamp.format", "yyyy-MM-dd HH:mm:ss")),
                separator(settings.text(prefix + "decimal.separator", "."), '.'),
                thousands(settings.text(prefix + "thousands.separator", "")),
                settings.text(prefix + "sheet", ""), settings.zone(), rules,
                settings.path("ingest.inbox.dir").resolve(name), settings.path("ingest.archive.dir").resolve(name));
    }

    private static char separator(String value, char fallback) {
        return switch (value) {
            case "" -> fallback;
            case "tab" -> '\t';
            case "space" -> ' ';
            default -> value.charAt(0);
        };
    }

    private static String thousands(String value) {
        return switch (value) {
            case "" -> "";
            case "space" -> " \u00a0\u202f";
            default -> value;
        };
    }

    /** Strict formatters (no 30 February); yyyy is read as a proleptic year. */
    private static List<DateTimeFormatter> formats(String patterns) {
        return Arrays.stream(patterns.split("\\|")).map(String::strip)
                .map(p -> DateTimeFormatter.ofPattern(yearOfEra(p)).withResolverStyle(ResolverStyle.STRICT))
                .toList();
    }

    private static String yearOfEra(String pattern) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        for (char c : pattern.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            out.append(!quoted && c == 'y' ? 'u' : c);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "feed " + name;
    }
}
