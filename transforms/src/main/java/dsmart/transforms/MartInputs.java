package dsmart.transforms;

import dsmart.lake.Settings;
import dsmart.lake.TableId;
import dsmart.lake.spark.Sparks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * What a mart is built from, as one digest kept in the summary of the snapshot that publishes it: its SQL and checks
 * with the settings filled in, the staging views they read (also through other views), the business time zone, and the
 * current snapshot of every raw table and other mart read directly or through those views. A mart whose digest equals
 * the one its current snapshot was published with would be rebuilt with the same rows, so the runner keeps it.
 */
final class MartInputs {
    static final String SUMMARY_PROPERTY = "dsmart.inputs";
    static final String DEFINITION_PROPERTY = "dsmart.definition";
    static final String SNAPSHOTS_PROPERTY = "dsmart.input-snapshots";
    static final String ABSENT = "absent";
    private static final Pattern TABLE = Pattern.compile("\\b((?:raw|mart)\\.[a-z][a-z0-9_]*)");
    private static final Pattern STAGING_VIEW = Pattern.compile("\\b(stg_[a-z0-9_]*)");
    /** Reads the clock: rebuilt every run, whatever its inputs. */
    private static final Pattern CLOCK = Pattern.compile("(?i)\\bcurrent_(?:date|timestamp)\\b|\\b(?:now|localtimestamp)\\s*\\(");

    private MartInputs() {}

    /** The SQL of the mart and checks followed by that of every staging view it reads, each once, in a stable order. */
    static String closure(String sql, Map<String, String> views) {
        StringBuilder text = new StringBuilder(sql);
        Set<String> seen = new TreeSet<>();
        addViews(sql, views, seen);
        for (String view : seen) {
            text.append("\n-- view ").append(view).append('\n').append(views.getOrDefault(view, ""));
        }
        return text.toString();
    }

    private static void addViews(String sql, Map<String, String> views, Set<String> seen) {
        Matcher view = STAGING_VIEW.matcher(sql);
        while (view.find()) {
            String name = view.group(1);
            if (seen.add(name) && views.containsKey(name)) {
                addViews(views.get(name), views, seen);
            }
        }
    }

    /** Whether a mart must be rebuilt every run: its SQL (or a view it reads) reads the clock, or it reads state outside the lake. */
    static boolean rebuiltEveryRun(Mart mart, String closure) {
        return mart.readsOutsideLake() || CLOCK.matcher(closure).find();
    }

    /**
     * A mart's inputs now: the digest of its definition (SQL, checks, the views they read, the business zone) and the
     * current snapshot id of each raw table and other mart it reads ("absent" for one not in the lake).
     */
    record Inputs(String definition, SortedMap<String, String> snapshots) {
        Inputs {
            Objects.requireNonNull(definition, "definition");
            snapshots = Collections.unmodifiableSortedMap(new TreeMap<>(snapshots));
        }

        /** One digest of the definition and the snapshots: equal digests, equal inputs. */
        String digest() {
            StringBuilder text = new StringBuilder(definition);
            snapshots.forEach((name, id) -> text.append('\n').append(name).append('=').append(id));
            return sha256(text.toString());
        }

        /** The snapshot-summary properties that record these inputs with the rows built from them. */
        Map<String, String> summary() {
            return Map.of(SUMMARY_PROPERTY, digest(), DEFINITION_PROPERTY, definition, SNAPSHOTS_PROPERTY, encode(snapshots));
        }
    }

    /**
     * A mart's inputs now ({@code closure} is {@link #closure} of its SQL and checks). A run keeps the raw tables'
     * snapshots in {@code rawSnapshots} for the next mart: a transform does not write raw; the marts it publishes as it
     * goes are read each time.
     */
    static Inputs of(SparkSession spark, Settings settings, TableId self, String closure, Map<String, String> rawSnapshots) {
        SortedMap<String, String> snapshots = new TreeMap<>();
        Matcher table = TABLE.matcher(closure);
        while (table.find()) {
            snapshots.put(table.group(1), "");
        }
        snapshots.remove(self.toString());
        snapshots.replaceAll((name, none) -> name.startsWith("raw.") ? rawSnapshots.computeIfAbsent(name, n -> current(spark, n))
                : current(spark, name));
        return new Inputs(sha256("zone=" + settings.zone().getId() + "\n" + closure), snapshots);
    }

    private static String current(SparkSession spark, String table) {
        return Sparks.latest(spark, table).map(s -> Long.toString(s.id())).orElse(ABSENT);
    }

    /** The input snapshots a published snapshot's summary records; empty when it records none (published before they were). */
    static Optional<SortedMap<String, String>> publishedSnapshots(Map<String, String> summary) {
        String encoded = summary.get(SNAPSHOTS_PROPERTY);
        if (encoded == null) {
            return Optional.empty();
        }
        SortedMap<String, String> snapshots = new TreeMap<>();
        for (String entry : encoded.split(",")) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                snapshots.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return Optional.of(snapshots);
    }

    private static String encode(SortedMap<String, String> snapshots) {
        return snapshots.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
