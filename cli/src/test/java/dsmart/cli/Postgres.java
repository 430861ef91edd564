package dsmart.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

/** The machine's PostgreSQL (127.0.0.1:5432, trust auth), started when it is down. */
final class Postgres {
    static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    static final String USER = "postgres";

    private Postgres() {}

    static void ensureRunning() throws IOException, InterruptedException {
        if (reachable()) {
            return;
        }
        String version;
        try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
            version = versions.map(p -> p.getFileName().toString()).sorted().reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL cluster under /etc/postgresql"));
        }
        Process start = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start")
                .inheritIO().start();
        start.waitFor();
        for (int i = 0; i < 60 && !reachable(); i++) {
            Thread.sleep(500);
        }
        if (!reachable()) {
            throw new IllegalStateException("PostgreSQL did not come up on 127.0.0.1:5432");
        }
    }

    /** Drops and creates a database; returns its JDBC URL. */
    static String freshDatabase(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        }
        return "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    private static boolean reachable() {
        try (Connection ignored = DriverManager.getConnection(ADMIN_URL, USER, "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
