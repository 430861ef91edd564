package dsmart.sources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The PostgreSQL (127.0.0.1:5432, user postgres, trust) and MariaDB (127.0.0.1:3306, root, no password)
 * servers of this machine kind, started when they are down (CI runs on a fresh clone of the machine),
 * and test databases created and dropped on them.
 */
final class LocalDatabases {
    static final String POSTGRESQL = "jdbc:postgresql://127.0.0.1:5432/";
    static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/";

    private LocalDatabases() {}

    static synchronized void ensureRunning() {
        if (!reachable(POSTGRESQL + "postgres", "postgres")) {
            start(List.of("pg_ctlcluster", "--skip-systemctl-redirect", postgresqlVersion(), "main", "start"));
            await(POSTGRESQL + "postgres", "postgres");
        }
        if (!reachable(MARIADB, "root")) {
            start(List.of("start-stop-daemon", "--start", "--oknodo", "--background", "--exec", "/usr/sbin/mariadbd"));
            await(MARIADB, "root");
        }
    }

    /** Drops the database if present and creates it empty (MariaDB in utf8mb4). */
    static void recreatePostgresql(String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(POSTGRESQL + "postgres", "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database + " ENCODING 'UTF8' TEMPLATE template0");
        }
    }

    static void dropPostgresql(String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(POSTGRESQL + "postgres", "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    static void recreateMariadb(String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(MARIADB, "root", ""); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
    }

    static void dropMariadb(String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(MARIADB, "root", ""); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
        }
    }

    private static boolean reachable(String url, String user) {
        try (Connection connection = DriverManager.getConnection(url, user, "")) {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    private static String postgresqlVersion() {
        try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
            return versions.map(p -> p.getFileName().toString()).sorted().reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL cluster under /etc/postgresql"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /etc/postgresql: " + e.getMessage(), e);
        }
    }

    private static void start(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(String url, String user) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!reachable(url, user)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(url + " not reachable 60 s after starting the server");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
