package dsmart.ingestion;

import java.util.Locale;
import org.apache.spark.sql.jdbc.JdbcDialect;
import org.apache.spark.sql.jdbc.JdbcDialects;

/**
 * Spark 4.1 knows MySQL URLs but not {@code jdbc:mariadb:}; without a dialect it would quote column names with
 * double quotes, which MariaDB reads as string literals ({@code SELECT "id"} yields the text id). Backticks, as MySQL.
 */
final class MariaDbDialect extends JdbcDialect {
    private static final long serialVersionUID = 1L;
    private static boolean registered;

    static synchronized void register() {
        if (!registered) {
            JdbcDialects.registerDialect(new MariaDbDialect());
            registered = true;
        }
    }

    @Override
    public boolean canHandle(String url) {
        return url.toLowerCase(Locale.ROOT).startsWith("jdbc:mariadb:");
    }

    @Override
    public String quoteIdentifier(String column) {
        return "`" + column.replace("`", "``") + "`";
    }
}
