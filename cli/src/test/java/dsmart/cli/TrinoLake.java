package dsmart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The production shape for integration tests and the serving benchmark: `dsmart demo --no-serve`
 * writes the lake on a PostgreSQL Iceberg JDBC catalog, and a real Trino reads the same catalog.
 */
final class TrinoLake implements AutoCloseable {
    static final String CATALOG_DB = "dsmart_it_catalog";

    final Settings embedded;
    final Settings trino;
    final TrinoServer server;

    private TrinoLake(Settings embedded, Settings trino, TrinoServer server) {
        this.embedded = embedded;
        this.trino = trino;
        this.server = server;
    }

    static TrinoLake start() throws Exception {
        Postgres.ensureRunning();
        String catalogUrl = Postgres.freshDatabase(CATALOG_DB);
        Path dir = Files.createTempDirectory("dsmart-trino");
        Map<String, String> lake = new LinkedHashMap<>(DemoRun.overrides(dir));
        lake.put("lake.catalog.type", "jdbc");
        lake.put("lake.catalog.uri", catalogUrl);
        lake.put("lake.catalog.user", Postgres.USER);
        List<String> args = new ArrayList<>();
        lake.forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
        args.addAll(List.of("demo", "--no-serve"));
        assertThat(Main.run(args.toArray(String[]::new))).as("dsmart demo on a PostgreSQL catalog").isZero();
        Settings embedded = Settings.builder().overrides(lake).build();
        TrinoServer server = TrinoServer.start(Files.createDirectories(dir.resolve("trino")), embedded.text("lake.catalog.name"),
                catalogUrl, Postgres.USER, embedded.text("lake.warehouse"));
        Settings trino = embedded.with(Map.of("serving.engine", "trino", "serving.trino.url", server.jdbcUrl()));
        return new TrinoLake(embedded, trino, server);
    }

    /** Command-line arguments that reach this lake (and its Trino), then the command. */
    String[] args(String... command) {
        List<String> args = new ArrayList<>();
        for (String key : List.of("data.dir", "lake.catalog.type", "lake.catalog.uri", "lake.catalog.user", "generator.months",
                "serving.trino.url")) {
            args.addAll(List.of("--set", key + "=" + trino.text(key)));
        }
        args.addAll(List.of(command));
        return args.toArray(String[]::new);
    }

    @Override
    public void close() {
        server.close();
    }
}
