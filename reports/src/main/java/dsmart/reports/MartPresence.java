package dsmart.reports;

import dsmart.serving.MartQuery;
import dsmart.serving.QueryException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which lake tables a pack's SQL names are absent: a mart is skipped (not published) by the transforms when its
 * inputs are absent, so a lake may lack the marts of a whole pack or of one section.
 */
final class MartPresence {
    /** The lake's namespaces, as the serving port recognises table references. */
    private static final Pattern QUALIFIED = Pattern.compile("(?i)\\b(raw|stg|mart|ops|quarantine)\\s*\\.\\s*\"?([a-z_][a-z0-9_]*)\"?");

    private MartPresence() {}

    static Set<String> tables(Collection<String> sqls) {
        Set<String> tables = new TreeSet<>();
        for (String sql : sqls) {
            Matcher matcher = QUALIFIED.matcher(sql);
            while (matcher.find()) {
                tables.add(matcher.group(1).toLowerCase(Locale.ROOT) + "." + matcher.group(2).toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }

    /**
     * The tables named by {@code sqls} that the port cannot read, each probed with a query that reads no row
     * (portable: DuckDB and Trino). A table that cannot be read counts as absent, whatever the engine's reason.
     */
    static List<String> absent(MartQuery port, Collection<String> sqls) {
        List<String> absent = new ArrayList<>();
        for (String table : tables(sqls)) {
            try {
                port.query("SELECT COUNT(*) AS n FROM " + table + " WHERE 1 = 0", List.of());
            } catch (QueryException e) {
                absent.add(table);
            }
        }
        return absent;
    }
}
