package dsmart.transforms;

import dsmart.lake.Settings;
import dsmart.lake.TableId;
import dsmart.lake.spark.Sparks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * What a mart is built from, as one digest kept in the summary of the snapshot that publishes it: its SQL and checks
 * with the settings filled in, the staging views they read (also through other views), the business time zone, and the
 * current snapshot of every raw table and other mart read directly or through those views. A mart whose digest equals
 * the one its current snapshot was published with would be rebuilt with the same rows, so the runner keeps it.
 */
final class MartInputs {
    static final String SUMMARY_PROPERTY = "dsmart.inputs";
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

    /** The digest of a mart's inputs now; {@code closure} is {@link #closure} of its SQL and checks. */
    static String digest(SparkSession spark, Settings settings, TableId self, String closure) {
        StringBuilder text = new StringBuilder("zone=").append(settings.zone().getId()).append('\n').append(closure);
        Set<String> tables = new TreeSet<>();
        Matcher table = TABLE.matcher(closure);
        while (table.find()) {
            tables.add(table.group(1));
        }
        tables.remove(self.toString());
        for (String name : tables) {
            text.append('\n').append(name).append('=')
                    .append(Sparks.latest(spark, name).map(s -> Long.toString(s.id())).orElse("absent"));
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
