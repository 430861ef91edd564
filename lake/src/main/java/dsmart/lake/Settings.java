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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
    /** Variables the launcher and CLI read themselves (JVM options, stack traces): not settings. */
    static final Set<String> LAUNCHER_VARIABLES = Set.of("DSMART_JAVA_OPTS", "DSMART_DEBUG");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([a-z0-9._]+)}");

    private static final Map<String, Kind> KINDS = kinds();
    private static final List<Family> FAMILIES = families();

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

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{setting:([a-z0-9._]+)}}");

    /** The text with each {@code {{setting:key}}} replaced by that setting's value (model and baseline SQL). */
    public String fill(String template) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (placeholder.find()) {
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(text(placeholder.group(1))));
        }
        placeholder.appendTail(filled);
        return filled.toString();
    }

    /** Whether a key has a value: always for the fixed keys, only when set for keys of a family. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The value of a key, or the fallback when it is not set (keys of a family have no default). */
    public String text(String key, String fallback) {
        String value = values.get(key);
        return value == null ? fallback : value;
    }

    public boolean bool(String key) {
        return Boolean.parseBoolean(text(key).strip());
    }

    /** Every set key starting with prefix and its value, sorted by key. */
    public Map<String, String> startingWith(String prefix) {
        Map<String, String> found = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                found.put(key, value);
            }
        });
        return found;
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
                if (!name.startsWith(ENV_PREFIX) || LAUNCHER_VARIABLES.contains(name)) {
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
                if (kind(key) == null) {
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
                String problem = kind(key).check(value);
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

    /** The documented forms of the key families, such as ingest.table.<system>.<table>.cursor. */
    static List<String> familyForms() {
        return FAMILIES.stream().map(Family::form).toList();
    }

    private static Kind kind(String key) {
        Kind kind = KINDS.get(key);
        if (kind != null) {
            return kind;
        }
        for (Family family : FAMILIES) {
            if (family.pattern().matcher(key).matches()) {
                return family.kind();
            }
        }
        return null;
    }

    /**
     * A family of keys with per-item parts, written in the defaults file as e.g.
     * {@code ingest.table.<system>.<table>.cursor}: each {@code <part>} is a lower-case name. Keys of a
     * family have no default; they are validated like any other key and cannot come from the environment.
     */
    private record Family(String form, Pattern pattern, Kind kind) {
        static Family of(String form, Kind kind) {
            String regex = Pattern.quote(form).replaceAll("<[a-z]+>", "\\\\E[a-z][a-z0-9_]*\\\\Q");
            return new Family(form, Pattern.compile(regex), kind);
        }
    }

    private static List<Family> families() {
        List<Family> families = new ArrayList<>();
        // --- ingestion: per source table (system.table of ingest.tables) ---
        String table = "ingest.table.<system>.<table>.";
        families.add(Family.of(table + "cursor", Kind.OPTIONAL_IDENTIFIER));
        families.add(Family.of(table + "full", Kind.BOOLEAN));
        families.add(Family.of(table + "soft.delete", Kind.OPTIONAL_IDENTIFIER));
        families.add(Family.of(table + "split", Kind.OPTIONAL_IDENTIFIER));
        families.add(Family.of(table + "required", Kind.IDENTIFIER_LIST));
        families.add(Family.of(table + "accepted.<column>", Kind.VALUE_LIST));
        families.add(Family.of(table + "references.<column>", Kind.TABLE_COLUMN));
        // --- ingestion: per file feed (inbox sub-folder) ---
        String feed = "ingest.feed.<feed>.";
        families.add(Family.of(feed + "columns", Kind.FEED_COLUMNS));
        families.add(Family.of(feed + "key", Kind.KEY_COLUMNS));
        families.add(Family.of(feed + "table", Kind.IDENTIFIER));
        families.add(Family.of(feed + "header.<column>", Kind.NON_EMPTY));
        families.add(Family.of(feed + "encoding", Kind.CHARSET));
        families.add(Family.of(feed + "delimiter", Kind.SEPARATOR));
        families.add(Family.of(feed + "date.format", Kind.DATE_PATTERNS));
        families.add(Family.of(feed + "timestamp.format", Kind.DATE_PATTERNS));
        families.add(Family.of(feed + "decimal.separator", Kind.SEPARATOR));
        families.add(Family.of(feed + "thousands.separator", Kind.SEPARATOR));
        families.add(Family.of(feed + "sheet", Kind.TEXT));
        families.add(Family.of(feed + "required", Kind.IDENTIFIER_LIST));
        families.add(Family.of(feed + "accepted.<column>", Kind.VALUE_LIST));
        families.add(Family.of(feed + "references.<column>", Kind.TABLE_COLUMN));
        // --- market early warning: one alert rule per key (parsed by dsmart.transforms.MarketRule) ---
        families.add(Family.of("market.rule.<rule>", Kind.NON_EMPTY));
        return List.copyOf(families);
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
        kinds.put("generator.breaches", Kind.TEXT);
        kinds.put("generator.truth.dir", Kind.NON_EMPTY);
        kinds.put("generator.induction.min.days", Kind.POSITIVE_INT);
        kinds.put("generator.answer.working.days", Kind.POSITIVE_INT);
        kinds.put("generator.followup.days", Kind.POSITIVE_INT);
        kinds.put("spark.master", Kind.SPARK_MASTER);
        kinds.put("spark.shuffle.partitions", Kind.POSITIVE_INT);
        kinds.put("transform.marts", Kind.IDENTIFIER_LIST);
        kinds.put("transform.full", Kind.BOOLEAN);
        kinds.put("transform.dated.by", Kind.DATED_BY);
        kinds.put("ingest.fetch.size", Kind.POSITIVE_INT);
        kinds.put("ingest.tables", Kind.INGEST_TABLES);
        // --- ingestion ---
        kinds.put("ingest.cursor.column", Kind.OPTIONAL_IDENTIFIER);
        kinds.put("ingest.overlap.minutes", Kind.NON_NEGATIVE_INT);
        kinds.put("ingest.soft.delete.column", Kind.OPTIONAL_IDENTIFIER);
        kinds.put("ingest.delete.check.minutes", Kind.NON_NEGATIVE_INT);
        kinds.put("ingest.partition.rows", Kind.POSITIVE_INT);
        kinds.put("ingest.partitions.max", Kind.POSITIVE_INT);
        kinds.put("ingest.compact.delete.files", Kind.NON_NEGATIVE_INT);
        kinds.put("ingest.schema.evolve", Kind.BOOLEAN);
        kinds.put("ingest.lock.wait.seconds", Kind.NON_NEGATIVE_INT);
        kinds.put("ingest.inbox.dir", Kind.NON_EMPTY);
        kinds.put("ingest.archive.dir", Kind.NON_EMPTY);
        // --- end of ingestion ---
        kinds.put("serving.engine", Kind.ENGINE);
        kinds.put("serving.trino.url", Kind.OPTIONAL_JDBC_URL);
        kinds.put("serving.trino.user", Kind.TEXT);
        kinds.put("serving.cache.entries", Kind.POSITIVE_INT);
        kinds.put("reports.dir", Kind.NON_EMPTY);
        // 1-28, checked by dsmart.reports.ReportSchedule (it names the key)
        kinds.put("reports.close.day", Kind.POSITIVE_INT);
        kinds.put("reports.schedule", Kind.TEXT);
        // --- receivables ---
        kinds.put("receivables.allocation", Kind.ALLOCATION);
        kinds.put("receivables.ageing.basis", Kind.AGEING_BASIS);
        kinds.put("receivables.ageing.buckets", Kind.DAY_BOUNDS);
        kinds.put("receivables.dso.months", Kind.POSITIVE_INT);
        kinds.put("receivables.credit.limit.defaults", Kind.NAMED_NUMBERS);
        kinds.put("receivables.score.window.months", Kind.POSITIVE_INT);
        kinds.put("receivables.score.late.full.days", Kind.POSITIVE_INT);
        kinds.put("receivables.score.bounced.full", Kind.POSITIVE_INT);
        for (String key : new String[] {"weight.late", "weight.overdue", "weight.bounced", "weight.grade", "cut.keep", "cut.shorter",
                "cut.guarantee"}) {
            kinds.put("receivables.score." + key, Kind.NON_NEGATIVE_INT);
        }
        kinds.put("receivables.score.grade.points", Kind.NAMED_NUMBERS);
        kinds.put("receivables.collection.levels", Kind.COLLECTION_LEVELS);
        kinds.put("receivables.collection.grace.days", Kind.NON_NEGATIVE_INT);
        kinds.put("receivables.provision.rates", Kind.PERCENT_LIST);
        // --- end of receivables ---
        kinds.put("web.host", Kind.NON_EMPTY);
        kinds.put("web.port", Kind.PORT);
        kinds.put("web.users", Kind.TEXT);
        // --- tiers (issue 4) ---
        for (String key : new String[] {"weight.amount", "weight.frequency", "weight.potential", "weight.loyalty", "cut.a", "cut.b"}) {
            kinds.put("tiers." + key, Kind.NON_NEGATIVE_INT);
        }
        kinds.put("tiers.full.amount", Kind.POSITIVE_INT);
        kinds.put("tiers.full.orders", Kind.POSITIVE_INT);
        // --- end of tiers ---
        // --- scorecard, training, care (issue 4) ---
        kinds.put("scorecard.weights", Kind.SCORECARD_WEIGHTS);
        for (String key : new String[] {"full.sales", "full.profit", "full.new.customers", "completion.cap", "annual.min.months"}) {
            kinds.put("scorecard." + key, Kind.POSITIVE_INT);
        }
        kinds.put("scorecard.annual.method", Kind.ANNUAL_METHOD);
        kinds.put("training.induction.min.days", Kind.POSITIVE_INT);
        kinds.put("care.occasions", Kind.OCCASION_DATES);
        for (String tier : new String[] {"a", "b", "c"}) {
            kinds.put("care.contact.days." + tier, Kind.POSITIVE_INT);
        }
        // --- end of scorecard, training, care ---
        // --- market early warning (issue 6) ---
        kinds.put("market.churn.min.days", Kind.POSITIVE_INT);
        kinds.put("market.churn.interval.multiple", Kind.POSITIVE_INT);
        kinds.put("market.rules", Kind.IDENTIFIER_LIST);
        kinds.put("market.ack.file", Kind.NON_EMPTY);
        for (String rule : new String[] {"sales_region_yoy", "sales_daily_zscore", "sales_region_ma", "discount_depth_ma",
                "complaint_rate_high", "return_rate_high", "overdue_ratio_high", "ab_churn_zscore", "lead_conversion_ma"}) {
            kinds.put("market.rule." + rule, Kind.NON_EMPTY);
        }
        // --- end of market early warning ---
        // --- compliance (issue 6) ---
        kinds.put("compliance.as.of", Kind.OPTIONAL_DATE);
        kinds.put("compliance.induction.min.days", Kind.POSITIVE_INT);
        kinds.put("compliance.answer.working.days", Kind.POSITIVE_INT);
        kinds.put("compliance.followup.days", Kind.POSITIVE_INT);
        kinds.put("compliance.collection.levels", Kind.COLLECTION_LEVELS);
        kinds.put("compliance.collection.grace.days", Kind.NON_NEGATIVE_INT);
        kinds.put("compliance.duplicate.minutes", Kind.POSITIVE_INT);
        kinds.put("compliance.expense.z.max", Kind.NON_NEGATIVE_DECIMAL);
        kinds.put("compliance.customer.stale.days", Kind.POSITIVE_INT);
        for (String level : new String[] {"rep", "senior_rep", "supervisor", "manager"}) {
            kinds.put("compliance.discount.max.pct." + level, Kind.NON_NEGATIVE_DECIMAL);
        }
        // --- end of compliance ---
        return Collections.unmodifiableMap(kinds);
    }
}
