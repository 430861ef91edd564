package dsmart.cli;

import dsmart.ingestion.Ingestion;
import dsmart.lake.LakeCatalog;
import dsmart.lake.Settings;
import dsmart.reports.ArchivedReport;
import dsmart.reports.Language;
import dsmart.reports.Period;
import dsmart.reports.ReportRequest;
import dsmart.reports.ReportSchedule;
import dsmart.reports.Reports;
import dsmart.reports.Scope;
import dsmart.serving.EmbeddedEngine;
import dsmart.serving.MartQuery;
import dsmart.sources.Generator;
import dsmart.transforms.Transforms;
import dsmart.web.ApiLoad;
import dsmart.web.Passwords;
import dsmart.web.Role;
import dsmart.web.WebApp;
import dsmart.web.WebConfig;
import dsmart.web.WebUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Company-size benchmark (issue 10): generates a company once, then per run times ingest (full), transform,",
            "the DuckDB baseline of mart.sales_kpi, customer_tier, ar_ageing and market_indicator (which must agree with the marts),",
            "an incremental day (about 1% new or changed orders, their invoices, new and touched receipts; ingest + transform), one report pack and the dashboard API under load",
            "(the dashboard started in-process on 127.0.0.1 over the lake with the embedded engine, --api-rate requests/s for --api-seconds,",
            "open loop: latency p50/p95/p99 from each request's due time, failures counted).",
            "Replaces the sources, the lake and the report archive of the data directory (embedded Hadoop catalog only).",
            "Writes the result table as markdown to <data dir>/bench.md. Exit 1 when the baseline disagrees."})
final class BenchCommand extends StageCommand {
    @Option(names = "--scale", description = "Company size (default 230: about 10M order lines over 18 months).")
    int scale = 230;

    @Option(names = "--seed", description = "Random seed (setting generator.seed).")
    Integer seed;

    @Option(names = "--runs", description = "Runs over the same generated company (default 3); medians are reported.")
    int runs = 3;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the sources, lake and reports go (default: setting data.dir).")
    Path dataDir;

    @Option(names = "--pack", description = "The report pack timed (default executive-sales), its last month.")
    String pack = "executive-sales";

    @Option(names = "--api-rate", description = "Requests per second of the dashboard API load (default 200).")
    int apiRate = 200;

    @Option(names = "--api-seconds", description = "Duration of the dashboard API load in seconds (default 30; 0 skips the stage).")
    int apiSeconds = 30;

    @Option(names = "--check", description = "Only recompute the four marts with DuckDB over the existing lake and compare.")
    boolean check;

    @Option(names = "--day", paramLabel = "N", description = {"Only apply the bench's incremental day N (as run N applies it) to the sources "
            + "of the data directory, through JDBC, and stop: then `dsmart ingest` and `dsmart transform` time a day by hand."})
    Integer day;

    /** One timed stage of one run. */
    record Stage(String name, long rows, double seconds) {}

    static final String API_STAGE = "dashboard api under load";
    private static final String API_PASSWORD = "bench-password";

    /**
     * The dashboard API load of one run.
     *
     * @param summary null when the load could not run (the dashboard did not start, a login failed)
     * @param error the first failure (of a request, or of the stage), or null
     */
    record ApiRun(ApiLoad.Summary summary, double seconds, String error) {}

    @Override
    public Integer call() {
        Map<String, String> options = new LinkedHashMap<>();
        if (dataDir != null) {
            options.put("data.dir", dataDir.toAbsolutePath().toString());
        }
        if (check) {
            Baseline.Run baseline = Baseline.run(settings(options));
            System.out.print(baselineTable(baseline));
            return baseline.agrees() ? 0 : 1;
        }
        if (day != null) {
            if (day < 1) {
                throw new IllegalArgumentException("--day must be at least 1, not " + day);
            }
            IncrementalDay.Changes changes = IncrementalDay.apply(settings(options), day);
            System.err.printf("[bench] day %d applied to the sources: %,d rows changed%n", day, changes.rows());
            return 0;
        }
        options.put("generator.scale", Integer.toString(scale));
        if (seed != null) {
            options.put("generator.seed", seed.toString());
        }
        Settings settings = settings(options);
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        if (apiRate < 1 || apiSeconds < 0) {
            throw new IllegalArgumentException("--api-rate must be at least 1 and --api-seconds at least 0");
        }
        if (!settings.text("lake.catalog.type").equals("hadoop")) {
            throw new IllegalArgumentException("dsmart bench deletes the lake before each run: it needs lake.catalog.type=hadoop, not "
                    + settings.text("lake.catalog.type"));
        }
        Path warehouse = LakeCatalog.localWarehouse(settings).orElseThrow(() -> new IllegalArgumentException(
                "dsmart bench deletes the lake before each run: it needs a local lake.warehouse, not " + settings.text("lake.warehouse")));
        Generator.Result company = timed("generate", () -> Stages.generate(settings), r -> r.orderLines()).value();
        List<List<Stage>> allRuns = new ArrayList<>();
        List<Baseline.Run> baselines = new ArrayList<>();
        List<ApiRun> apiRuns = new ArrayList<>();
        List<WebUser> apiUsers = apiSeconds > 0 ? apiUsers() : List.of();
        long peakHeap = 0;
        boolean agrees = true;
        HeapSampler heap = new HeapSampler();
        for (int run = 1; run <= runs; run++) {
            System.err.printf("[bench] run %d of %d%n", run, runs);
            deleteTree(warehouse);
            deleteTree(settings.path("reports.dir"));
            deleteTree(apiAuditDir(settings));
            System.gc();
            heap.takePeak();
            List<Stage> stages = new ArrayList<>();
            stages.add(timed("ingest full", () -> Stages.ingest(settings, true), BenchCommand::written).stage());
            stages.add(timed("transform full", () -> Stages.transform(settings), BenchCommand::martRows).stage());
            Timed<Baseline.Run> baseline = timed("duckdb baseline", () -> Baseline.run(settings),
                    b -> b.results().stream().mapToLong(Baseline.Result::baselineRows).sum());
            stages.add(new Stage("duckdb baseline", baseline.stage().rows(), baseline.value().seconds()));
            baselines.add(baseline.value());
            System.out.print(baselineTable(baseline.value()));
            agrees &= baseline.value().agrees();
            int day = run;
            Timed<IncrementalDay.Changes> changes = timed("day's changes (JDBC)", () -> IncrementalDay.apply(settings, day), IncrementalDay.Changes::rows);
            Stage ingest = timed("ingest incremental", () -> Stages.ingest(settings, false), BenchCommand::written).stage();
            Stage transform = timed("transform after the day", () -> Stages.transform(settings), BenchCommand::martRows).stage();
            stages.add(ingest);
            stages.add(transform);
            stages.add(new Stage("incremental day", changes.stage().rows(), ingest.seconds() + transform.seconds()));
            stages.add(timed("report " + pack, () -> report(settings), r -> r.manifest().files().stream().mapToLong(f -> f.rows()).sum()).stage());
            if (apiSeconds > 0) {
                ApiRun api = apiLoad(settings, apiUsers);
                apiRuns.add(api);
                stages.add(new Stage(API_STAGE, api.summary() == null ? 0 : api.summary().answered(), api.seconds()));
            }
            peakHeap = Math.max(peakHeap, heap.takePeak());
            allRuns.add(stages);
        }
        String markdown = markdown(settings, company, allRuns, baselines, apiRuns, peakHeap, agrees);
        System.out.print(markdown);
        Path out = settings.path("data.dir").resolve("bench.md");
        try {
            Files.writeString(out, markdown);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.err.println("[bench] wrote " + out);
        if (!agrees) {
            System.err.println("[bench] the DuckDB baseline DISAGREES with the marts (see the differences above)");
        }
        return agrees ? 0 : 1;
    }

    private ArchivedReport report(Settings settings) {
        Reports reports = Reports.from(settings);
        Period period = ReportSchedule.from(settings, reports.packs())
                .lastClosed(reports.packs().get(pack).cadence(), DemoCommand.closeAfterHistory(settings));
        return Stages.report(settings, ReportRequest.of(pack, period, Scope.company(), Language.parse("zh-CN"), "bench"));
    }

    /** The bench's dashboard users: an executive, the region manager of EAST and an admin (hashed once: Argon2id is slow on purpose). */
    static List<WebUser> apiUsers() {
        String hash = Passwords.hash(API_PASSWORD.toCharArray());
        return List.of(new WebUser("exec", Role.EXECUTIVE, hash), new WebUser("east", Role.REGION_MANAGER, hash, "EAST"),
                new WebUser("admin", Role.ADMIN, hash));
    }

    private static Path apiAuditDir(Settings settings) {
        return settings.path("data.dir").resolve("bench-audit");
    }

    /**
     * Starts the dashboard on a free port of 127.0.0.1 over the lake (embedded engine), warms its cache with 20 rounds
     * of the mix, loads it and stops it. Never throws: a stage that cannot run is reported as such.
     */
    ApiRun apiLoad(Settings settings, List<WebUser> users) {
        System.err.printf("[bench] %s: %d requests/s for %d s ...%n", API_STAGE, apiRate, apiSeconds);
        long started = System.nanoTime();
        try (MartQuery port = EmbeddedEngine.open(settings);
             WebApp web = WebApp.start(new WebConfig("127.0.0.1", 0, users).withAuditDir(apiAuditDir(settings))
                     .withZone(settings.zone()), port)) {
            Map<String, String> passwords = new LinkedHashMap<>();
            users.forEach(user -> passwords.put(user.name(), API_PASSWORD));
            List<ApiLoad.Endpoint> mix = ApiLoad.standardMix("exec", "east", "admin");
            try (ApiLoad load = ApiLoad.logIn("http://127.0.0.1:" + web.port(), passwords)) {
                long warmFailures = load.warm(mix, 20).stream().filter(sample -> !sample.ok()).count();
                if (warmFailures > 0) {
                    System.err.printf("[bench] %s: %d of the warm-up requests failed%n", API_STAGE, warmFailures);
                }
                long loadStarted = System.nanoTime();
                ApiLoad.Result result = load.run(mix, apiRate, Duration.ofSeconds(apiSeconds));
                double seconds = (System.nanoTime() - loadStarted) / 1e9;
                ApiLoad.Summary summary = result.summary();
                System.err.printf("[bench] %-26s %,14d rows %10.1f s  p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %d failed%n", API_STAGE,
                        summary.answered(), seconds, summary.p50Ms(), summary.p95Ms(), summary.p99Ms(), summary.failures());
                if (result.firstError() != null) {
                    System.err.println("[bench] first failed request: " + result.firstError());
                }
                return new ApiRun(summary, seconds, result.firstError());
            }
        } catch (RuntimeException e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            System.err.printf("[bench] %s could not run: %s%n", API_STAGE, error);
            return new ApiRun(null, (System.nanoTime() - started) / 1e9, error);
        }
    }

    record Timed<T>(T value, Stage stage) {}

    private static <T> Timed<T> timed(String name, Supplier<T> work, java.util.function.ToLongFunction<T> rows) {
        System.err.printf("[bench] %s ...%n", name);
        long started = System.nanoTime();
        T value = work.get();
        Stage stage = new Stage(name, rows.applyAsLong(value), (System.nanoTime() - started) / 1e9);
        System.err.printf("[bench] %-26s %,14d rows %10.1f s%n", name, stage.rows(), stage.seconds());
        return new Timed<>(value, stage);
    }

    private static long written(List<Ingestion.TableResult> tables) {
        return tables.stream().mapToLong(Ingestion.TableResult::rowsWritten).sum();
    }

    private static long martRows(List<Transforms.MartResult> marts) {
        return marts.stream().mapToLong(Transforms.MartResult::rows).sum();
    }

    /** The largest heap in use, sampled every 50 ms on a daemon thread (pool peaks would add up different instants). */
    static final class HeapSampler {
        private final java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();

        HeapSampler() {
            Thread thread = new Thread(() -> {
                while (true) {
                    peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        /** The peak since the last call, and starts again. */
        long takePeak() {
            return peak.getAndSet(0);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String baselineTable(Baseline.Run run) {
        StringBuilder out = new StringBuilder("| mart | DuckDB rows | dsmart rows | DuckDB s | agrees | differences |\n|---|---|---|---|---|---|\n");
        for (Baseline.Result result : run.results()) {
            out.append(String.format("| %s | %,d | %,d | %.2f | %s | %s |%n", result.mart(), result.baselineRows(), result.martRows(),
                    result.seconds(), result.agrees() ? "yes" : "**NO**", String.join("; ", result.differences())));
        }
        out.append(String.format("| (views over the Iceberg snapshots) | | | %.2f | | |%n", run.viewSeconds()));
        return out.toString();
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private String markdown(Settings settings, Generator.Result company, List<List<Stage>> allRuns, List<Baseline.Run> baselines,
            List<ApiRun> apiRuns, long peakHeap, boolean agrees) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("## dsmart bench, %s%n%n", Instant.now()));
        out.append(String.format("Scale %d, seed %s, %d months: %,d customers, %,d reps, %,d orders, %,d order lines, %,d invoices. "
                        + "%d run(s); %d cores, max heap %,d MB.%n%n", scale, settings.text("generator.seed"), settings.integer("generator.months"),
                company.customers(), company.reps(), company.orders(), company.orderLines(), company.invoices(), allRuns.size(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));
        out.append("| stage | rows (run 1) |");
        for (int i = 1; i <= allRuns.size(); i++) {
            out.append(" run ").append(i).append(" s |");
        }
        out.append(" median s |\n|---|---|").append("---|".repeat(allRuns.size() + 1)).append('\n');
        Map<String, Double> medians = new LinkedHashMap<>();
        for (int s = 0; s < allRuns.get(0).size(); s++) {
            Stage first = allRuns.get(0).get(s);
            List<Double> seconds = new ArrayList<>();
            out.append(String.format("| %s | %,d |", first.name(), first.rows()));
            for (List<Stage> run : allRuns) {
                seconds.add(run.get(s).seconds());
                out.append(String.format(" %.1f |", run.get(s).seconds()));
            }
            double median = median(seconds);
            medians.put(first.name(), median);
            out.append(String.format(" **%.1f** |%n", median));
        }
        double full = medians.get("ingest full") + medians.get("transform full");
        double duckdb = medians.get("duckdb baseline");
        double day = medians.get("incremental day");
        out.append(String.format("%nPeak heap in use (sampled every 50 ms, largest run): %,d MB (target ≤ 8 GB at 10M order lines).%n%n", peakHeap >> 20));
        out.append("| ratio | measured | target | met |\n|---|---|---|---|\n");
        out.append(ratio("full refresh (ingest + transform) / DuckDB baseline", full / duckdb, 2.0));
        out.append(ratio("incremental day (ingest + transform) / DuckDB baseline", day / duckdb, 1.0));
        out.append(ratio("incremental day / full refresh", day / full, 0.1));
        if (!apiRuns.isEmpty()) {
            out.append(String.format("%nDashboard API under load: %d requests/s for %d s per run, open loop (latency from each request's "
                    + "due time), HTTP/1.1 on 127.0.0.1, embedded engine over the run's lake, cache warmed by 20 rounds of the mix "
                    + "(executive sales queries with four filter sets, regions, a region manager's sales query, pipeline runs and tables):%n%n",
                    apiRate, apiSeconds));
            out.append(apiTable(apiRuns));
        }
        out.append(String.format("%nDuckDB baseline per mart (last run):%n%n")).append(baselineTable(baselines.get(baselines.size() - 1)));
        out.append(String.format("%nBaseline agrees with the marts in every run: %s%n", agrees ? "yes" : "**NO**"));
        return out.toString();
    }

    static String apiTable(List<ApiRun> apiRuns) {
        StringBuilder out = new StringBuilder("| run | requests | answered | failures | p50 ms | p95 ms | p99 ms | max ms | first failure |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < apiRuns.size(); i++) {
            ApiRun run = apiRuns.get(i);
            ApiLoad.Summary s = run.summary();
            String error = run.error() == null ? "" : run.error().replace('|', '/');
            if (s == null) {
                out.append(String.format("| %d | | | | | | | | did not run: %s |%n", i + 1, error));
            } else {
                out.append(String.format(Locale.ROOT, "| %d | %,d | %,d | %s | %.1f | %.1f | %.1f | %.1f | %s |%n", i + 1, s.requests(),
                        s.answered(), s.failures() == 0 ? "0" : "**" + s.failures() + "**", s.p50Ms(), s.p95Ms(), s.p99Ms(), s.maxMs(), error));
            }
        }
        return out.toString();
    }

    private static String ratio(String what, double measured, double target) {
        return String.format("| %s | %.2f | ≤ %.2f | %s |%n", what, measured, target, measured <= target ? "yes" : "no");
    }
}
