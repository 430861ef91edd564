package dsmart.cli;

import dsmart.serving.EmbeddedEngine;
import dsmart.serving.MartQuery;
import dsmart.serving.NamedQuery;
import dsmart.serving.ReadPoint;
import dsmart.serving.TrinoEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (failsafe does not pick it up by name): latency of every served query, cold
 * (a new port: empty cache, views or snapshot look-ups done afresh) and cached, on the embedded engine
 * and on Trino. Run with bench/serving.sh; writes cli/target/serving-latency.md.
 */
class ServingLatencyBench {
    static final int COLD_RUNS = Integer.getInteger("bench.cold", 7);
    static final int CACHED_RUNS = Integer.getInteger("bench.cached", 50);

    @Test
    void measure() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("| engine | query | cold p50 ms | cold p95 ms | cached p50 ms | cached p95 ms |");
        lines.add("|---|---|---|---|---|---|");
        try (TrinoLake lake = TrinoLake.start()) {
            measure("embedded", () -> EmbeddedEngine.open(lake.embedded), lines);
            measure("trino", () -> TrinoEngine.open(lake.trino, ReadPoint.current()), lines);
        }
        Path out = Path.of("target", "serving-latency.md");
        Files.write(out, lines);
        lines.forEach(System.out::println);
    }

    private static void measure(String engine, Supplier<MartQuery> open, List<String> lines) throws IOException {
        for (NamedQuery query : TrinoEngineIT.servedQueries()) {
            double[] cold = new double[COLD_RUNS];
            for (int i = 0; i < COLD_RUNS; i++) {
                try (MartQuery port = open.get()) {
                    long start = System.nanoTime();
                    port.query(query.sql(), query.params());
                    cold[i] = (System.nanoTime() - start) / 1e6;
                }
            }
            double[] cached = new double[CACHED_RUNS];
            try (MartQuery port = open.get()) {
                port.query(query.sql(), query.params());
                for (int i = 0; i < CACHED_RUNS; i++) {
                    long start = System.nanoTime();
                    port.query(query.sql(), query.params());
                    cached[i] = (System.nanoTime() - start) / 1e6;
                }
            }
            lines.add(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.2f | %.2f |", engine, query.name(),
                    percentile(cold, 50), percentile(cold, 95), percentile(cached, 50), percentile(cached, 95)));
        }
    }

    static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }
}
