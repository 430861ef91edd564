package dsmart.web;

import dsmart.lake.Settings;
import dsmart.serving.EmbeddedEngine;
import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark (not a test): API latency at a fixed request rate with a warm cache, and the sales page's load
 * time in headless Chromium. Loopback only: it starts its own dashboard on 127.0.0.1 and talks to nothing else.
 *
 * <p>Open loop: request i is due at start + i/rate and its latency is counted from that due time, so a slow
 * answer delays the count of the ones queued behind it (no coordinated omission). The mix: executive sales
 * queries with four filter sets, the regions list, a region manager's sales query, the admin's pipeline runs
 * and tables. Every endpoint is asked 20 times before the measurement (warm cache).
 *
 * <p>{@code --data-dir DIR}: serve the lake of a demo run ({@code ./dsmart --set data.dir=DIR demo --no-serve})
 * through the embedded engine with its result cache; without it, a small synthetic mart in in-memory DuckDB
 * (no result cache). Writes web/target/web-bench.md. Run by bench/web.sh.
 */
public final class WebBench {
    record Endpoint(String name, String user, String path) {}

    record Sample(String endpoint, long latencyNanos, int status) {}

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
            Map<String, String> cookies = new LinkedHashMap<>();
            for (WebUser user : users) {
                cookies.put(user.name(), login(base, user.name(), password));
            }
            List<Endpoint> mix = List.of(
                    new Endpoint("sales-monthly", "exec", "/api/sales-monthly"),
                    new Endpoint("sales-monthly from/to", "exec", "/api/sales-monthly?from=2025-03&to=2025-05"),
                    new Endpoint("sales-monthly channel", "exec", "/api/sales-monthly?channel=online"),
                    new Endpoint("sales-monthly region+from", "exec", "/api/sales-monthly?region=NORTH&from=2025-02"),
                    new Endpoint("regions", "exec", "/api/regions"),
                    new Endpoint("sales-monthly (region manager)", "east", "/api/sales-monthly"),
                    new Endpoint("pipeline runs", "admin", "/api/pipeline/runs?limit=50"),
                    new Endpoint("pipeline tables", "admin", "/api/pipeline/tables"));
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(8)).connectTimeout(Duration.ofSeconds(5)).build();
            for (int i = 0; i < 20; i++) {
                for (Endpoint endpoint : mix) {
                    HttpResponse<String> response = client.send(request(base, endpoint, cookies), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(endpoint + " answered " + response.statusCode() + ": " + response.body());
                    }
                }
            }
            List<Sample> samples = load(client, base, mix, cookies, rate, seconds);
            List<double[]> pages = pageLoads(base, pageLoads, work);
            String report = report(source, rate, seconds, mix, samples, pages);
            System.out.println(report);
            Path out = Path.of(System.getProperty("bench.out", "web/target/web-bench.md"));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report, StandardCharsets.UTF_8);
        }
        System.exit(0);
    }

    private static List<Sample> load(HttpClient client, String base, List<Endpoint> mix, Map<String, String> cookies,
                                     int rate, int seconds) throws Exception {
        int total = rate * seconds;
        long interval = 1_000_000_000L / rate;
        List<CompletableFuture<Sample>> futures = new ArrayList<>(total);
        AtomicInteger inFlight = new AtomicInteger();
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Endpoint endpoint = mix.get(i % mix.size());
            inFlight.incrementAndGet();
            futures.add(client.sendAsync(request(base, endpoint, cookies), HttpResponse.BodyHandlers.ofString())
                    .handle((response, error) -> {
                        inFlight.decrementAndGet();
                        return new Sample(endpoint.name(), System.nanoTime() - due, error != null ? -1 : response.statusCode());
                    }));
        }
        List<Sample> samples = new ArrayList<>(total);
        for (CompletableFuture<Sample> future : futures) {
            samples.add(future.get(60, TimeUnit.SECONDS));
        }
        return samples;
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

    private static HttpRequest request(String base, Endpoint endpoint, Map<String, String> cookies) {
        return HttpRequest.newBuilder(URI.create(base + endpoint.path())).timeout(Duration.ofSeconds(30))
                .header("Cookie", cookies.get(endpoint.user())).header("Accept", "application/json").GET().build();
    }

    /** Logs in through the form (CSRF token included); answers the session cookie. */
    private static String login(String base, String name, String password) throws Exception {
        HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> form = plain.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String anonymous = cookie(form);
        var matcher = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        if (!matcher.find()) {
            throw new IllegalStateException("no CSRF token in the login form");
        }
        String body = "_csrf=" + Http.enc(matcher.group(1)) + "&name=" + Http.enc(name) + "&password=" + Http.enc(password);
        HttpResponse<String> login = plain.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", anonymous)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 303) {
            throw new IllegalStateException("login of " + name + " answered " + login.statusCode());
        }
        return cookie(login);
    }

    private static String cookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("DSMART_SESSION="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no session cookie"));
    }

    private static String report(String source, int rate, int seconds, List<Endpoint> mix, List<Sample> samples,
                                 List<double[]> pages) {
        StringBuilder out = new StringBuilder();
        out.append("Web benchmark ").append(LocalDateTime.now().withNano(0)).append(": ").append(source).append('\n');
        out.append("Machine load average (1, 5, 15 min) at the end: ").append(loadAverage()).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" processors\n");
        out.append(String.format(Locale.ROOT, "Load: %d requests/s for %d s (%d requests), open loop, HTTP/1.1 on 127.0.0.1%n%n",
                rate, seconds, samples.size()));
        out.append("| endpoint | requests | non-200 | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|\n");
        for (Endpoint endpoint : mix) {
            row(out, endpoint.name(), samples.stream().filter(s -> s.endpoint().equals(endpoint.name())).toList());
        }
        row(out, "**all**", samples);
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
                out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", names[m], percentile(values, 50),
                        percentile(values, 95), values[values.length - 1]));
            }
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String name, List<Sample> samples) {
        double[] ms = samples.stream().mapToDouble(s -> s.latencyNanos() / 1e6).sorted().toArray();
        long bad = samples.stream().filter(s -> s.status() != 200).count();
        out.append(String.format(Locale.ROOT, "| %s | %d | %d | %.2f | %.2f | %.2f | %.2f |%n", name, samples.size(), bad,
                percentile(ms, 50), percentile(ms, 95), percentile(ms, 99), ms.length == 0 ? 0 : ms[ms.length - 1]));
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
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
