package dsmart.web;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load on the dashboard's API at a fixed request rate, as logged-in users (a real login through {@code /login}
 * with its CSRF token). Used by {@code dsmart bench} and by the web benchmark (WebBench).
 *
 * <p>Open loop: request i is due at start + i/rate and its latency is counted from that due time, so a slow
 * answer delays the count of the ones queued behind it (no coordinated omission). A request that does not
 * answer 200 (an error status, a refused connection, a timeout) is a failure; it is counted, never thrown.
 */
public final class ApiLoad implements AutoCloseable {
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** One request of the mix: a GET of {@code path} as {@code user}. */
    public record Endpoint(String name, String user, String path) {
        public Endpoint {
            requireNonNull(name, "name");
            requireNonNull(user, "user");
            requireNonNull(path, "path");
        }
    }

    /**
     * One request's outcome.
     *
     * @param status the HTTP status, -1 when no answer came
     * @param error null when answered 200, else what went wrong
     */
    public record Sample(String endpoint, long latencyNanos, int status, String error) {
        public Sample {
            requireNonNull(endpoint, "endpoint");
        }

        public boolean ok() {
            return status == 200;
        }
    }

    /**
     * Latencies of some requests, in ms, by nearest rank over every request (failed ones included).
     *
     * @param answered requests answered 200
     * @param failures the others
     */
    public record Summary(int requests, int answered, int failures, double p50Ms, double p95Ms, double p99Ms, double maxMs) {
        public static Summary of(List<Sample> samples) {
            double[] ms = samples.stream().mapToDouble(s -> s.latencyNanos() / 1e6).sorted().toArray();
            int answered = (int) samples.stream().filter(Sample::ok).count();
            return new Summary(samples.size(), answered, samples.size() - answered, percentile(ms, 50), percentile(ms, 95),
                    percentile(ms, 99), ms.length == 0 ? 0 : ms[ms.length - 1]);
        }
    }

    /** A load's samples in due order, its rate and its planned duration. */
    public record Result(int rate, Duration duration, List<Sample> samples) {
        public Result {
            requireNonNull(duration, "duration");
            samples = List.copyOf(samples);
        }

        public Summary summary() {
            return Summary.of(samples);
        }

        public Summary summary(String endpoint) {
            return Summary.of(samples.stream().filter(s -> s.endpoint().equals(endpoint)).toList());
        }

        /** The first failure's description, or null. */
        public String firstError() {
            return samples.stream().filter(s -> !s.ok()).map(s -> s.endpoint() + ": " + s.error()).findFirst().orElse(null);
        }
    }

    private final String base;
    private final Map<String, String> cookies;
    private final ExecutorService executor;
    private final HttpClient client;

    private ApiLoad(String base, Map<String, String> cookies) {
        this.base = base;
        this.cookies = cookies;
        this.executor = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "api-load");
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Logs each user in through the login form of the dashboard at {@code base} (e.g. {@code http://127.0.0.1:7070}).
     *
     * @param passwords user name to password
     * @throws IllegalStateException when a login does not succeed
     */
    public static ApiLoad logIn(String base, Map<String, String> passwords) {
        requireNonNull(base, "base");
        Map<String, String> cookies = new LinkedHashMap<>();
        HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        passwords.forEach((name, password) -> cookies.put(name, login(plain, base, name, password)));
        return new ApiLoad(base, Map.copyOf(cookies));
    }

    /** The mix of the benchmarks: executive sales queries with four filter sets, the regions list, a region manager's sales query, the admin's pipeline runs and tables. */
    public static List<Endpoint> standardMix(String executive, String regionManager, String admin) {
        return List.of(
                new Endpoint("sales-monthly", executive, "/api/sales-monthly"),
                new Endpoint("sales-monthly from/to", executive, "/api/sales-monthly?from=2025-03&to=2025-05"),
                new Endpoint("sales-monthly channel", executive, "/api/sales-monthly?channel=online"),
                new Endpoint("sales-monthly region+from", executive, "/api/sales-monthly?region=NORTH&from=2025-02"),
                new Endpoint("regions", executive, "/api/regions"),
                new Endpoint("sales-monthly (region manager)", regionManager, "/api/sales-monthly"),
                new Endpoint("pipeline runs", admin, "/api/pipeline/runs?limit=50"),
                new Endpoint("pipeline tables", admin, "/api/pipeline/tables"));
    }

    /** Asks every endpoint of the mix {@code rounds} times, one request after the other (warms the caches). */
    public List<Sample> warm(List<Endpoint> mix, int rounds) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            for (Endpoint endpoint : mix) {
                long started = System.nanoTime();
                try {
                    samples.add(sample(endpoint, started, client.send(request(endpoint), HttpResponse.BodyHandlers.ofString()), null));
                } catch (IOException e) {
                    samples.add(sample(endpoint, started, null, e));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while warming up", e);
                }
            }
        }
        return samples;
    }

    /** Sends round(rate × duration) requests, cycling through the mix, and waits for every answer. */
    public Result run(List<Endpoint> mix, int rate, Duration duration) {
        if (mix.isEmpty()) {
            throw new IllegalArgumentException("the endpoint mix is empty");
        }
        if (rate < 1) {
            throw new IllegalArgumentException("rate " + rate + " must be at least 1 request per second");
        }
        for (Endpoint endpoint : mix) {
            if (!cookies.containsKey(endpoint.user())) {
                throw new IllegalArgumentException("endpoint " + endpoint.name() + ": user " + endpoint.user() + " is not logged in");
            }
        }
        int total = (int) Math.round(rate * (duration.toNanos() / 1e9));
        long interval = 1_000_000_000L / rate;
        List<CompletableFuture<Sample>> futures = new ArrayList<>(total);
        List<Long> dues = new ArrayList<>(total);
        long start = System.nanoTime() + 50_000_000L;
        try {
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                Endpoint endpoint = mix.get(i % mix.size());
                dues.add(due);
                futures.add(client.sendAsync(request(endpoint), HttpResponse.BodyHandlers.ofString())
                        .handle((response, error) -> sample(endpoint, due, response, error)));
            }
            List<Sample> samples = new ArrayList<>(total);
            for (int i = 0; i < futures.size(); i++) {
                samples.add(await(futures.get(i), mix.get(i % mix.size()), dues.get(i)));
            }
            return new Result(rate, duration, samples);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the load", e);
        }
    }

    private static Sample await(CompletableFuture<Sample> future, Endpoint endpoint, long due) throws InterruptedException {
        try {
            return future.get(REQUEST_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return sample(endpoint, due, null, e);
        }
    }

    private static Sample sample(Endpoint endpoint, long due, HttpResponse<String> response, Throwable error) {
        long latency = System.nanoTime() - due;
        if (response == null) {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            return new Sample(endpoint.name(), latency, -1, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
        String problem = response.statusCode() == 200 ? null
                : "HTTP " + response.statusCode() + ": " + abbreviate(response.body());
        return new Sample(endpoint.name(), latency, response.statusCode(), problem);
    }

    private static String abbreviate(String body) {
        String line = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }

    private HttpRequest request(Endpoint endpoint) {
        return HttpRequest.newBuilder(URI.create(base + endpoint.path())).timeout(REQUEST_TIMEOUT)
                .header("Cookie", cookies.get(endpoint.user())).header("Accept", "application/json").GET().build();
    }

    /** Logs in through the form (CSRF token included); answers the session cookie. */
    private static String login(HttpClient plain, String base, String name, String password) {
        try {
            HttpResponse<String> form = plain.send(HttpRequest.newBuilder(URI.create(base + "/login")).timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            String anonymous = cookie(form);
            Matcher token = FORM_TOKEN.matcher(form.body());
            if (!token.find()) {
                throw new IllegalStateException("no CSRF token in the login form");
            }
            String body = "_csrf=" + enc(token.group(1)) + "&name=" + enc(name) + "&password=" + enc(password);
            HttpResponse<String> login = plain.send(HttpRequest.newBuilder(URI.create(base + "/login")).timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", anonymous)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (login.statusCode() != 303) {
                throw new IllegalStateException("login of " + name + " answered " + login.statusCode());
            }
            return cookie(login);
        } catch (IOException e) {
            throw new IllegalStateException("login of " + name + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the login of " + name, e);
        }
    }

    private static String cookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("DSMART_SESSION="))
                .map(c -> c.contains(";") ? c.substring(0, c.indexOf(';')) : c).findFirst()
                .orElseThrow(() -> new IllegalStateException("no session cookie in the answer to " + response.request().uri()));
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Nearest-rank percentile of sorted values; 0 when there are none. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Stops the client's threads. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
