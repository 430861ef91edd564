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

    static Set<String> referencedIn(String sql) {
        Set<String> tables = new TreeSet<>();
        Matcher matcher = QUALIFIED.matcher(sql);
        while (matcher.find()) {
            tables.add(matcher.group(1).toLowerCase(Locale.ROOT) + "." + matcher.group(2).toLowerCase(Locale.ROOT));
        }
        return tables;
    }
}
