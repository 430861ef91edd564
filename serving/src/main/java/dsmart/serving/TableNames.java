package dsmart.serving;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lake tables (namespace.table) a SQL text names. Namespaces are the lake's: raw, stg, mart, ops, quarantine. */
final class TableNames {
    private static final Pattern QUALIFIED =
            Pattern.compile("(?i)\\b(raw|stg|mart|ops|quarantine)\\s*\\.\\s*\"?([a-z_][a-z0-9_]*)\"?");

    private TableNames() {}

    /** The SQL with {@code FOR VERSION AS OF <id>} after every reference to a table that has an id (Trino's time travel). */
    static String pinned(String sql, java.util.Map<String, Long> snapshots) {
        Matcher matcher = QUALIFIED.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String table = matcher.group(1).toLowerCase(Locale.ROOT) + "." + matcher.group(2).toLowerCase(Locale.ROOT);
            Long id = snapshots.get(table);
            matcher.appendReplacement(out, Matcher.quoteReplacement(id == null ? matcher.group() : matcher.group() + " FOR VERSION AS OF " + id));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static Set<String> referencedIn(String sql) {
        Set<String> tables = new TreeSet<>();
        Matcher matcher = QUALIFIED.matcher(sql);
        while (matcher.find()) {
            tables.add(matcher.group(1).toLowerCase(Locale.ROOT) + "." + matcher.group(2).toLowerCase(Locale.ROOT));
        }
        return tables;
    }
}
