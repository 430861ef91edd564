package dsmart.web;

import dsmart.lake.Settings;
import dsmart.serving.EmbeddedEngine;
import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark (not a test): API latency at a fixed request rate with a warm cache, and the sales page's load
 * time in headless Chromium. Loopback only: it starts its own dashboard on 127.0.0.1 and talks to nothing else.
 *
 * <p>The load is {@link ApiLoad} (open loop, latency counted from each request's due time) over
 * {@link ApiLoad#standardMix}: executive sales queries with four filter sets, the regions list, a region
 * manager's sales query, the admin's pipeline runs and tables. Every endpoint is asked 20 times before the
 * measurement (warm cache).
 *
 * <p>{@code --data-dir DIR}: serve the lake of a demo run ({@code ./dsmart --set data.dir=DIR demo --no-serve})
 * through the embedded engine with its result cache; without it, a small synthetic mart in in-memory DuckDB
 * (no result cache). Writes web/target/web-bench.md. Run by bench/web.sh.
 */
public final class WebBench {
    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int rate = Integer.parseInt(options.getOrDefault("rate", "200"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        int pageLoads = Integer.parseInt(options.getOrDefault("page-loads", "15"));
        String dataDir = options.get("data-dir");

        String password = "bench-password";
        String hash = Passwords.hash(password.toCharArray());
        List<WebUser> users = List.of(new WebUser("exec", Role.EXECUTIVE, hash),
                new WebUser("east", Role.REGION_MANAGER, hash, "EAST"), new WebUser("admin", Role.ADMIN, hash));
        Path work = Files.createTempDirectory("dsmart-web-bench");
        MartQuery mart;
        String source;
        if (dataDir != null) {
            Settings settings = Settings.builder().overrides(Map.of("data.dir", dataDir)).build();
            mart = EmbeddedEngine.open(settings);
            source = "demo lake in " + dataDir + " through the embedded engine (DuckDB over Iceberg, result cache on)";
        } else {
            java.sql.Connection connection = SalesMart.open();
            SalesMart.addRuns(connection);
            mart = JdbcMartQuery.over(connection);
            source = "synthetic mart (18 rows) in in-memory DuckDB, no result cache";
        }
        WebConfig config = new WebConfig(0, users).withAuditDir(work.resolve("audit"));
        try (mart; WebApp app = WebApp.start(config, mart)) {
            String base = "http://127.0.0.1:" + app.port();
            Map<String, String> passwords = new LinkedHashMap<>();
            for (WebUser user : users) {
                passwords.put(user.name(), password);
            }
            List<ApiLoad.Endpoint> mix = ApiLoad.standardMix("exec", "east", "admin");
            ApiLoad.Result result;
            try (ApiLoad load = ApiLoad.logIn(base, passwords)) {
                ApiLoad.Sample failed = load.warm(mix, 20).stream().filter(sample -> !sample.ok()).findFirst().orElse(null);
                if (failed != null) {
                    throw new IllegalStateException(failed.endpoint() + " answered " + failed.error());
                }
                result = load.run(mix, rate, Duration.ofSeconds(seconds));
            }
            List<double[]> pages = pageLoads(base, pageLoads, work);
            String report = report(source, rate, seconds, mix, result, pages);
            System.out.println(report);
            Path out = Path.of(System.getProperty("bench.out", "web/target/web-bench.md"));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report, StandardCharsets.UTF_8);
        }
        System.exit(0);
    }

    /** [navigation responseEnd, domContentLoaded, load, chart drawn] in ms, per page load after a first warm one. */
    private static List<double[]> pageLoads(String base, int count, Path work) throws Exception {
        List<double[]> out = new ArrayList<>();
        if (count <= 0) {
            return out;
        }
        try (Browser browser = Browser.open(base, work.resolve("chromium"))) {
            browser.logInThroughTheForm("exec", "bench-password");
            browser.awaitChart();
            for (int i = 0; i < count; i++) {
                browser.open("/sales");
                browser.awaitChart();
                Map<String, Number> timing = browser.navigationTiming();
                Number set = (Number) browser.js("var m = performance.getEntriesByName('chart-set')[0]; return m ? m.startTime : -1;");
                Number ready = (Number) browser.js("var m = performance.getEntriesByName('chart-ready')[0]; return m ? m.startTime : -1;");
                out.add(new double[] {timing.get("responseEnd").doubleValue(), timing.get("domContentLoaded").doubleValue(),
                        timing.get("load").doubleValue(), set.doubleValue(), ready.doubleValue()});
            }
        }
        return out;
    }

    private static String report(String source, int rate, int seconds, List<ApiLoad.Endpoint> mix, ApiLoad.Result result,
                                 List<double[]> pages) {
        StringBuilder out = new StringBuilder();
        out.append("Web benchmark ").append(LocalDateTime.now().withNano(0)).append(": ").append(source).append('\n');
        out.append("Machine load average (1, 5, 15 min) at the end: ").append(loadAverage()).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" processors\n");
        out.append(String.format(Locale.ROOT, "Load: %d requests/s for %d s (%d requests), open loop, HTTP/1.1 on 127.0.0.1%n%n",
                rate, seconds, result.samples().size()));
        out.append("| endpoint | requests | non-200 | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|\n");
        for (ApiLoad.Endpoint endpoint : mix) {
            row(out, endpoint.name(), result.summary(endpoint.name()));
        }
        row(out, "**all**", result.summary());
        if (!pages.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%nPage /sales in headless Chromium, %d loads after a warm one (ms from navigation start):%n%n",
                    pages.size()));
            out.append("| measure | median | p95 | max |\n|---|---|---|---|\n");
            String[] names = {"response end (HTML received)", "DOMContentLoaded end", "load event end",
                "data on the chart (both API answers in, setOption done)", "chart animation finished (ECharts 'finished')"};
            for (int m = 0; m < names.length; m++) {
                double[] values = new double[pages.size()];
                for (int i = 0; i < pages.size(); i++) {
                    values[i] = pages.get(i)[m];
                }
                Arrays.sort(values);
                out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", names[m], ApiLoad.percentile(values, 50),
                        ApiLoad.percentile(values, 95), values[values.length - 1]));
            }
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String name, ApiLoad.Summary summary) {
        out.append(String.format(Locale.ROOT, "| %s | %d | %d | %.2f | %.2f | %.2f | %.2f |%n", name, summary.requests(),
                summary.failures(), summary.p50Ms(), summary.p95Ms(), summary.p99Ms(), summary.maxMs()));
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: WebBench [--rate N] [--seconds N] [--page-loads N] [--data-dir DIR]");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
