package dsmart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Settings;
import dsmart.serving.EmbeddedEngine;
import dsmart.serving.MartQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same runnable jar on a Spark standalone cluster (master and two workers on 127.0.0.1), writing a
 * lake on the PostgreSQL Iceberg catalog from PostgreSQL sources, gives the same marts as a local run.
 */
class SparkClusterIT {
    static Path dir;
    static Settings local;
    static Settings onCluster;
    static SparkCluster cluster;

    @BeforeAll
    static void runBoth() throws Exception {
        Postgres.ensureRunning();
        dir = Files.createTempDirectory("dsmart-cluster");
        Map<String, String> sources = new LinkedHashMap<>();
        for (String system : List.of("crm", "orders", "finance")) {
            sources.put("source." + system + ".url", Postgres.freshDatabase("dsmart_cluster_" + system));
            sources.put("source." + system + ".user", Postgres.USER);
        }
        sources.put("generator.months", "4");
        sources.put("transform.marts", "sales_monthly,customer_sales"); // the marts compared; all ~35 would double the suite's time
        Map<String, String> localLake = new LinkedHashMap<>(sources);
        localLake.put("data.dir", dir.resolve("local").toString());
        Map<String, String> clusterLake = new LinkedHashMap<>(sources);
        clusterLake.put("data.dir", dir.resolve("cluster").toString());
        clusterLake.put("lake.catalog.type", "jdbc");
        clusterLake.put("lake.catalog.uri", Postgres.freshDatabase("dsmart_cluster_catalog"));
        clusterLake.put("lake.catalog.user", Postgres.USER);

        assertThat(Main.run(args(localLake, "generate"))).isZero();
        assertThat(Main.run(args(localLake, "ingest"))).isZero();
        assertThat(Main.run(args(localLake, "transform"))).isZero();
        local = Settings.builder().overrides(localLake).build();

        cluster = SparkCluster.start(dir, 2);
        Path log = dir.resolve("submit.log");
        assertThat(cluster.submit(log, List.of(args(clusterLake, "ingest")))).as("spark-submit ingest, log %s", log).isZero();
        assertThat(cluster.submit(dir.resolve("submit-2.log"), List.of(args(clusterLake, "transform")))).as("spark-submit transform").isZero();
        onCluster = Settings.builder().overrides(clusterLake).build();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
            for (long pid : cluster.pids()) {
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("process %d stopped", pid).isFalse();
            }
        }
    }

    @Test
    void martsOnTheClusterEqualTheLocalRun() {
        for (String sql : List.of(
                "SELECT * FROM mart.sales_monthly ORDER BY month, region_code, channel",
                "SELECT * FROM mart.customer_sales ORDER BY customer_id")) {
            try (MartQuery fromLocal = EmbeddedEngine.open(local); MartQuery fromCluster = EmbeddedEngine.open(onCluster)) {
                List<List<Object>> expected = fromLocal.query(sql).rows();
                assertThat(expected).as(sql).isNotEmpty();
                assertThat(fromCluster.query(sql).rows()).as(sql).isEqualTo(expected);
            }
        }
    }

    @Test
    void theClusterRunIsInTheRunLedger() {
        try (MartQuery port = EmbeddedEngine.open(onCluster)) {
            List<List<Object>> runs = port.query("SELECT stage, status FROM ops.runs GROUP BY stage, status ORDER BY stage").rows();
            assertThat(runs).extracting(r -> r.get(0) + "/" + r.get(1)).containsExactly("ingest/ok", "transform/ok");
        }
    }

    private static String[] args(Map<String, String> settings, String command) {
        List<String> args = new ArrayList<>();
        settings.forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
        args.add(command);
        return args.toArray(String[]::new);
    }
}
