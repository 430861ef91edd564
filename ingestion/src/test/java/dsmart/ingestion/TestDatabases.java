package dsmart.ingestion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real PostgreSQL (127.0.0.1:5432, postgres, trust) and MariaDB (127.0.0.1:3306, root, no password) of this
 * machine; started when down. Each test gets its own databases, named after this JVM so that two builds on the
 * machine never share one, and drops them when done.
 */
final class TestDatabases {
    static final String PG_ROOT = "jdbc:postgresql://127.0.0.1:5432/postgres";
    static final String MARIA_ROOT = "jdbc:mariadb://127.0.0.1:3306/";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static boolean checked;

    private TestDatabases() {}

    /** A pair of databases: orders-like on PostgreSQL, CRM-like on MariaDB. */
    record Pair(String postgresName, String postgresUrl, String mariaName, String mariaUrl) implements AutoCloseable {
        @Override
        public void close() {
            dropPostgres(postgresName);
            dropMaria(mariaName);
        }
    }

    static Pair create() {
        ensureRunning();
        String suffix = ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        String pg = "dsmart_it_orders_" + suffix;
        String maria = "dsmart_it_crm_" + suffix;
        executeAs(PG_ROOT, "postgres", "DROP DATABASE IF EXISTS " + pg + " WITH (FORCE)", "CREATE DATABASE " + pg + " ENCODING 'UTF8' TEMPLATE template0");
        executeAs(MARIA_ROOT, "root", "DROP DATABASE IF EXISTS " + maria, "CREATE DATABASE " + maria + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        return new Pair(pg, "jdbc:postgresql://127.0.0.1:5432/" + pg, maria, MARIA_ROOT + maria);
    }

    static String createPostgres(String prefix) {
        ensureRunning();
        String name = prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        executeAs(PG_ROOT, "postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", "CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        return name;
    }

    static void dropPostgres(String name) {
        executeAs(PG_ROOT, "postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    static void dropMaria(String name) {
        executeAs(MARIA_ROOT, "root", "DROP DATABASE IF EXISTS " + name);
    }

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, url.startsWith("jdbc:mariadb") ? "root" : "postgres", "");
    }

    static void executeAs(String url, String user, String... statements) {
        try (Connection connection = DriverManager.getConnection(url, user, ""); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("on " + url + ": " + e.getMessage(), e);
        }
    }

    static void execute(String url, String... statements) {
        executeAs(url, url.startsWith("jdbc:mariadb") ? "root" : "postgres", statements);
    }

    /** Starts PostgreSQL and MariaDB when they do not answer (a fresh machine of this kind has both installed). */
    static synchronized void ensureRunning() {
        if (checked) {
            return;
        }
        if (!answers(PG_ROOT, "postgres")) {
            start(List.of("sh", "-c", "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql | head -1) main start"));
            await(PG_ROOT, "postgres");
        }
        if (!answers(MARIA_ROOT, "root")) {
            start(List.of("start-stop-daemon", "--start", "--oknodo", "--background", "--exec", "/usr/sbin/mariadbd"));
            await(MARIA_ROOT, "root");
        }
        checked = true;
    }

    private static boolean answers(String url, String user) {
        try (Connection ignored = DriverManager.getConnection(url, user, "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void start(List<String> command) {
        try {
            Path log = Files.createTempFile("dsmart-db-start", ".log");
            Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(String url, String user) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (answers(url, user)) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException(url + " did not come up within 60 s");
    }
}
