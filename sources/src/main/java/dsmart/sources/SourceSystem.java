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
import java.util.List;
import java.util.Locale;

/** The company's operational databases; each is reached over JDBC with source.<name>.url/user/password. */
public enum SourceSystem {
    CRM("crm", List.of("customers", "reps", "teams", "regions")),
    ORDERS("orders", List.of("order_lines", "orders", "products")),
    FINANCE("finance", List.of("invoices"));

    private final String id;
    private final List<String> tablesInDropOrder;

    SourceSystem(String id, List<String> tablesInDropOrder) {
        this.id = id;
        this.tablesInDropOrder = tablesInDropOrder;
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

    /** Drops this system's tables if present and creates them empty from its DDL resource. */
    void recreate(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : tablesInDropOrder) {
                statement.execute("DROP TABLE IF EXISTS " + table);
            }
            for (String ddl : ddl()) {
                statement.execute(ddl);
            }
        }
    }

    List<String> ddl() {
        String resource = id + ".sql";
        try (InputStream in = SourceSystem.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing from the classpath");
            }
            List<String> statements = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.strip().startsWith("--")) {
                    continue;
                }
                current.append(line).append('\n');
                if (line.strip().endsWith(";")) {
                    statements.add(current.toString().strip().replaceFirst(";$", ""));
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
}
