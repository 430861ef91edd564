package dsmart.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A single-node Trino 476 on 127.0.0.1 for tests, unpacked by the build (cli/pom.xml) and run on the
 * Temurin 25 JDK, with one Iceberg catalog "iceberg" on a PostgreSQL JDBC catalog. Stopped by its pid.
 */
final class TrinoServer implements AutoCloseable {
    static final Path JAVA = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    private final Process process;
    private final int port;
    private final Path log;

    private TrinoServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static boolean javaAvailable() {
        return Files.isExecutable(JAVA);
    }

    static TrinoServer start(Path runDir, String catalogName, String catalogUrl, String catalogUser, String warehouse)
            throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("trino.home", "target/trino"));
        Path lib;
        try (Stream<Path> dirs = Files.list(home)) {
            lib = dirs.filter(d -> d.getFileName().toString().startsWith("trino-server-core")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Trino is not unpacked under " + home + " (run mvn verify)"))
                    .resolve("lib");
        }
        int port = freePort();
        Path etc = Files.createDirectories(runDir.resolve("etc"));
        Files.createDirectories(etc.resolve("catalog"));
        Files.writeString(etc.resolve("config.properties"), String.join("\n",
                "coordinator=true",
                "node-scheduler.include-coordinator=true",
                "http-server.http.port=" + port,
                "discovery.uri=http://127.0.0.1:" + port,
                "node.environment=dsmart_test",
                "node.id=dsmart-test",
                "node.bind-ip=127.0.0.1",
                "node.internal-address=127.0.0.1",
                "plugin.dir=" + home.resolve("plugin"),
                "catalog.config-dir=" + etc.resolve("catalog"),
                "query.max-memory=512MB",
                "query.max-memory-per-node=512MB",
                "") );
        Files.writeString(etc.resolve("log.properties"), "io.trino=WARN\n");
        Files.writeString(etc.resolve("catalog").resolve("iceberg.properties"), String.join("\n",
                "connector.name=iceberg",
                "iceberg.catalog.type=jdbc",
                "iceberg.jdbc-catalog.catalog-name=" + catalogName,
                "iceberg.jdbc-catalog.driver-class=org.postgresql.Driver",
                "iceberg.jdbc-catalog.connection-url=" + catalogUrl,
                "iceberg.jdbc-catalog.connection-user=" + catalogUser,
                "iceberg.jdbc-catalog.connection-password=",
                "iceberg.jdbc-catalog.default-warehouse-dir=" + warehouse,
                "fs.native-local.enabled=true",
                "local.location=/",
                ""));
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-Xmx1G", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
                "-XX:-OmitStackTraceInFastThrow", "-XX:ReservedCodeCacheSize=256M", "-Djdk.attach.allowAttachSelf=true",
                "-XX:+EnableDynamicAgentLoading", "--enable-native-access=ALL-UNNAMED", "-Dfile.encoding=UTF-8",
                "-Dconfig=" + etc.resolve("config.properties"), "-Dlog.levels-file=" + etc.resolve("log.properties"),
                "-cp", lib + "/*", "io.trino.server.TrinoServer"));
        Path log = runDir.resolve("trino.log");
        Process process = new ProcessBuilder(command).directory(runDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        TrinoServer server = new TrinoServer(process, port, log);
        server.awaitReady(Duration.ofSeconds(180));
        return server;
    }

    String jdbcUrl() {
        return "jdbc:trino://127.0.0.1:" + port + "/iceberg";
    }

    long pid() {
        return process.pid();
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Trino exited with " + process.exitValue() + ": " + tail());
            }
            try {
                HttpResponse<String> info = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/info")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (info.statusCode() == 200 && info.body().contains("\"starting\":false") && answersQueries()) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("Trino not ready within " + timeout + ": " + tail());
    }

    /** The coordinator says it has started before its own worker has registered ("No nodes available to run query"). */
    private boolean answersQueries() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), "dsmart", null);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM (VALUES 1, 2, 3) AS t(x)")) {
            return result.next() && result.getLong(1) == 3;
        } catch (SQLException notYet) {
            return false;
        }
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    @Override
    public void close() {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
