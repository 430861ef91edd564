package dsmart.sources;

import dsmart.lake.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The company's operational databases; each is reached over JDBC with source.<name>.url/user/password.
 * Each has one DDL resource ({@code <id>.sql}) written for H2 (PostgreSQL mode) and PostgreSQL; on
 * MariaDB/MySQL {@link Dialect} turns {@code TIMESTAMP} into {@code DATETIME} and adds utf8mb4 table options.
 */
public enum SourceSystem {
    CRM("crm"),
    ORDERS("orders"),
    FINANCE("finance");

    private static final Pattern CREATE_TABLE = Pattern.compile("^CREATE TABLE (\\w+)", Pattern.CASE_INSENSITIVE);

    private final String id;

    SourceSystem(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public String url(Settings settings) {
        return settings.text("source." + id + ".url");
    }

    public Connection connect(Settings settings) throws SQLException {
        return DriverManager.getConnection(url(settings), settings.text("source." + id + ".user"), settings.text("source." + id + ".password"));
    }

    /** This system's tables in creation order (parents before the tables whose foreign keys name them). */
    public List<String> tables() {
        List<String> tables = new ArrayList<>();
        for (String statement : ddl(Dialect.H2)) {
            Matcher matcher = CREATE_TABLE.matcher(statement);
            if (matcher.find()) {
                tables.add(matcher.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(tables);
    }

    /** Drops this system's tables if present (children first) and creates them empty from its DDL resource. */
    void recreate(Connection connection) throws SQLException {
        Dialect dialect = Dialect.of(connection.getMetaData().getURL());
        List<String> dropOrder = new ArrayList<>(tables());
        Collections.reverse(dropOrder);
        try (Statement statement = connection.createStatement()) {
            for (String table : dropOrder) {
                statement.execute("DROP TABLE IF EXISTS " + table);
            }
            for (String ddl : ddl(dialect)) {
                statement.execute(ddl);
            }
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    /** The DDL statements for a database of the given dialect. */
    List<String> ddl(Dialect dialect) {
        String resource = id + ".sql";
        try (InputStream in = SourceSystem.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing from the classpath");
            }
            List<String> statements = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.strip().startsWith("--") || line.isBlank()) {
                    continue;
                }
                current.append(line).append('\n');
                if (line.strip().endsWith(";")) {
                    statements.add(dialect.adapt(current.toString().strip().replaceFirst(";$", "")));
                    current.setLength(0);
                }
            }
            return statements;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    public static SourceSystem of(String id) {
        for (SourceSystem system : values()) {
            if (system.id.equals(id.toLowerCase(Locale.ROOT))) {
                return system;
            }
        }
        throw new IllegalArgumentException("unknown source system " + id + " (crm, orders, finance)");
    }

    /** What differs between the databases the sources run on; chosen by the JDBC URL. */
    enum Dialect {
        H2, POSTGRESQL, MARIADB, OTHER;

        private static final Pattern TIMESTAMP = Pattern.compile("\\bTIMESTAMP\\b");

        static Dialect of(String url) {
            String lower = url.toLowerCase(Locale.ROOT);
            if (lower.startsWith("jdbc:h2:")) {
                return H2;
            }
            if (lower.startsWith("jdbc:postgresql:")) {
                return POSTGRESQL;
            }
            if (lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:")) {
                return MARIADB;
            }
            return OTHER;
        }

        /**
         * MariaDB: a TIMESTAMP column is stored in the session time zone, limited to 1970-2038 and may
         * update itself on change; DATETIME keeps the UTC wall-clock value as given. Tables are InnoDB
         * (foreign keys) in utf8mb4 with a binary collation (case-sensitive like PostgreSQL and H2).
         */
        String adapt(String statement) {
            if (this != MARIADB || !statement.regionMatches(true, 0, "CREATE TABLE", 0, 12)) {
                return statement;
            }
            return TIMESTAMP.matcher(statement).replaceAll("DATETIME")
                    + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
        }
    }
}
