package dsmart.lake;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * All settings, loaded once and validated at start. Layers, later wins: the defaults resource
 * (dsmart-defaults.properties, which documents every key), an optional properties file, environment
 * variables {@code DSMART_<KEY>} and explicit overrides ({@code --set key=value}).
 */
public final class Settings {
    static final String DEFAULTS = "dsmart-defaults.properties";
    private static final String ENV_PREFIX = "DSMART_";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([a-z0-9._]+)}");

    private static final Map<String, Kind> KINDS = kinds();

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Settings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String text(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new SettingsException("unknown setting " + key);
        }
        return value;
    }

    public int integer(String key) {
        return Integer.parseInt(text(key).strip());
    }

    public BigDecimal decimal(String key) {
        return new BigDecimal(text(key).strip());
    }

    public LocalDate date(String key) {
        return LocalDate.parse(text(key).strip());
    }

    public Set<LocalDate> dates(String key) {
        return DateList.parse(text(key));
    }

    public Path path(String key) {
        return Path.of(text(key)).toAbsolutePath().normalize();
    }

    public ZoneId zone() {
        return ZoneId.of(text("business.zone").strip());
    }

    public BusinessCalendar calendar() {
        return new BusinessCalendar(dates("calendar.holidays"), dates("calendar.workdays"));
    }

    /** Every key and its final value, sorted; passwords masked. */
    public Map<String, String> describe() {
        Map<String, String> shown = new TreeMap<>();
        values.forEach((key, value) -> shown.put(key, key.endsWith("password") && !value.isEmpty() ? "****" : value));
        return shown;
    }

    /** The settings with some keys replaced, validated like any other layer. */
    public Settings with(Map<String, String> overrides) {
        Builder builder = new Builder();
        builder.layers.clear();
        builder.layer("base", values);
        builder.layer("override", overrides);
        return builder.build();
    }

    public static final class Builder {
        private final Map<String, Map<String, String>> layers = new LinkedHashMap<>();

        private Builder() {
            layer("defaults", readDefaults());
        }

        /** A properties file; a missing file is an error naming the path. */
        public Builder file(Path file) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new SettingsException("cannot read settings file " + file.toAbsolutePath() + ": " + e.getMessage());
            }
            return layer("file " + file, toMap(properties));
        }

        /** Environment variables; only those starting with DSMART_ are read. */
        public Builder environment(Map<String, String> environment) {
            Map<String, String> layer = new LinkedHashMap<>();
            Map<String, String> keysByEnvName = new TreeMap<>();
            KINDS.keySet().forEach(key -> keysByEnvName.put(envName(key), key));
            environment.forEach((name, value) -> {
                if (!name.startsWith(ENV_PREFIX)) {
                    return;
                }
                String key = keysByEnvName.get(name);
                if (key == null) {
                    throw new SettingsException("unknown setting in environment variable " + name + "=" + value
                            + " (variables starting with " + ENV_PREFIX + " must name a setting)");
                }
                layer.put(key, value);
            });
            return layer("environment", layer);
        }

        /** key=value overrides (from --set). */
        public Builder overrides(Map<String, String> overrides) {
            return layer("--set", overrides);
        }

        private Builder layer(String source, Map<String, String> layer) {
            layer.forEach((key, value) -> {
                if (!KINDS.containsKey(key)) {
                    throw new SettingsException("unknown setting " + key + "=" + value + " (from " + source + ")");
                }
            });
            layers.put(source + "#" + layers.size(), Map.copyOf(layer));
            return this;
        }

        public Settings build() {
            Map<String, String> raw = new TreeMap<>();
            layers.values().forEach(raw::putAll);
            Map<String, String> resolved = new TreeMap<>();
            raw.keySet().forEach(key -> resolved.put(key, resolve(key, raw, 0)));
            resolved.put("lake.warehouse", location(resolved.get("lake.warehouse")));
            resolved.forEach((key, value) -> {
                String problem = KINDS.get(key).check(value);
                if (problem != null) {
                    throw new SettingsException("bad setting " + key + "=" + value + ": " + problem);
                }
            });
            return new Settings(resolved);
        }
    }

    static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    private static String resolve(String key, Map<String, String> raw, int depth) {
        if (depth > 10) {
            throw new SettingsException("setting " + key + " refers to itself through ${...}");
        }
        String value = raw.get(key);
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String referenced = matcher.group(1);
            if (!raw.containsKey(referenced)) {
                throw new SettingsException("setting " + key + "=" + value + " refers to unknown setting " + referenced);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(resolve(referenced, raw, depth + 1)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** A plain path becomes an absolute file: URI: Spark and Trino both need the scheme. */
    private static String location(String value) {
        if (value == null || value.isBlank() || value.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return value;
        }
        return Path.of(value).toAbsolutePath().normalize().toUri().toString().replaceFirst("/$", "");
    }

    private static Map<String, String> readDefaults() {
        Properties properties = new Properties();
        try (InputStream in = Settings.class.getResourceAsStream(DEFAULTS)) {
            requireNonNull(in, DEFAULTS + " missing from the classpath");
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SettingsException("cannot read " + DEFAULTS + ": " + e.getMessage());
        }
        return toMap(properties);
    }

    private static Map<String, String> toMap(Properties properties) {
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name.strip(), properties.getProperty(name).strip()));
        return map;
    }

    static Set<String> keys() {
        return KINDS.keySet();
    }

    private static Map<String, Kind> kinds() {
        Map<String, Kind> kinds = new TreeMap<>();
        kinds.put("data.dir", Kind.NON_EMPTY);
        kinds.put("business.zone", Kind.ZONE);
        kinds.put("calendar.holidays", Kind.DATE_LIST);
        kinds.put("calendar.workdays", Kind.DATE_LIST);
        kinds.put("lake.catalog.type", Kind.CATALOG_TYPE);
        kinds.put("lake.catalog.name", Kind.IDENTIFIER);
        kinds.put("lake.warehouse", Kind.LOCATION);
        kinds.put("lake.catalog.uri", Kind.OPTIONAL_JDBC_URL);
        kinds.put("lake.catalog.user", Kind.TEXT);
        kinds.put("lake.catalog.password", Kind.TEXT);
        for (String system : new String[] {"crm", "orders", "finance"}) {
            kinds.put("source." + system + ".url", Kind.JDBC_URL);
            kinds.put("source." + system + ".user", Kind.TEXT);
            kinds.put("source." + system + ".password", Kind.TEXT);
        }
        kinds.put("generator.scale", Kind.POSITIVE_INT);
        kinds.put("generator.seed", Kind.POSITIVE_INT);
        kinds.put("generator.start", Kind.DATE);
        kinds.put("generator.months", Kind.POSITIVE_INT);
        kinds.put("spark.master", Kind.SPARK_MASTER);
        kinds.put("spark.shuffle.partitions", Kind.POSITIVE_INT);
        kinds.put("ingest.fetch.size", Kind.POSITIVE_INT);
        kinds.put("ingest.tables", Kind.INGEST_TABLES);
        kinds.put("serving.engine", Kind.ENGINE);
        kinds.put("serving.trino.url", Kind.OPTIONAL_JDBC_URL);
        kinds.put("serving.trino.user", Kind.TEXT);
        kinds.put("serving.cache.entries", Kind.POSITIVE_INT);
        kinds.put("reports.dir", Kind.NON_EMPTY);
        // 1-28, checked by dsmart.reports.ReportSchedule (it names the key)
        kinds.put("reports.close.day", Kind.POSITIVE_INT);
        kinds.put("reports.schedule", Kind.TEXT);
        kinds.put("web.host", Kind.NON_EMPTY);
        kinds.put("web.port", Kind.PORT);
        kinds.put("web.users", Kind.TEXT);
        return Collections.unmodifiableMap(kinds);
    }
}
