package dsmart.ingestion;

import dsmart.lake.Progress;
import dsmart.lake.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark (not a test): rows per second of a full and of incremental loads of an order-lines table in PostgreSQL.
 * Usage: IngestBench [rows=1000000] [reload=true]; run by bench/ingest.sh. Creates and drops its own database.
 *
 * <p>Scenarios after the full load: an incremental run with nothing changed; 1 % of the rows changed the way an order
 * system changes them (0.5 % updates to recent orders, 0.5 % new orders, 100 lines deleted), with the hard-delete key
 * check and without it; 1 % of the rows updated scattered over the whole table (position deletes in every data file).
 */
public final class IngestBench {
    private IngestBench() {}

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        boolean reload = args.length < 2 || Boolean.parseBoolean(args[1]);
        String database = TestDatabases.createPostgres("dsmart_bench");
        String url = "jdbc:postgresql://127.0.0.1:5432/" + database;
        Path data = Files.createTempDirectory("dsmart-bench");
        try {
            long started = System.nanoTime();
            TestDatabases.execute(url,
                    "CREATE TABLE order_lines (order_id BIGINT NOT NULL, line_no INT NOT NULL, product_id BIGINT NOT NULL, quantity INT NOT NULL, "
                            + "unit_price NUMERIC(18,2) NOT NULL, discount NUMERIC(18,2) NOT NULL, line_amount NUMERIC(18,2) NOT NULL, "
                            + "status VARCHAR(16) NOT NULL, updated_at TIMESTAMP NOT NULL, PRIMARY KEY (order_id, line_no))",
                    "INSERT INTO order_lines SELECT g / 3 + 1, g % 3 + 1, 1 + g % 500, 1 + g % 7, (10 + g % 990)::numeric(18,2), "
                            + "(g % 5)::numeric(18,2), ((10 + g % 990) * (1 + g % 7) - g % 5)::numeric(18,2), 'confirmed', "
                            + "TIMESTAMP '2025-01-01 00:00:00' + (g::bigint * 31536000 / " + rows + ") * interval '1 second' "
                            + "FROM generate_series(0, " + (rows - 1) + ") g", // 2025, whatever the rows: the changes below come later
                    "CREATE INDEX order_lines_updated ON order_lines (updated_at)",
                    "VACUUM ANALYZE order_lines");
            System.out.printf(Locale.ROOT, "source: %,d order lines in PostgreSQL (%.1f s to create)%n", rows, (System.nanoTime() - started) / 1e9);
            long orders = (rows - 1) / 3 + 1; // the highest order id
            long percent = rows / 100;

            Map<String, String> base = new HashMap<>();
            base.put("data.dir", data.toString());
            base.put("source.orders.url", url);
            base.put("source.orders.user", "postgres");
            base.put("source.orders.password", "");
            base.put("ingest.tables", "orders.order_lines:order_id+line_no");
            Settings settings = Settings.builder().overrides(base).build();
            Map<String, String> noKeyCheck = new HashMap<>(base);
            noKeyCheck.put("ingest.delete.check.minutes", "1440");
            Settings lazy = Settings.builder().overrides(noKeyCheck).build();

            dsmart.lake.spark.Sparks.session(settings).sql("SELECT 1").collect(); // Spark started outside the measurements
            System.out.println("scenario                                   rows read   changed  seconds  of full   rows/s   raw files");
            run("full load (first run)", settings, 0, data);
            run("incremental, nothing changed", settings, 0, data);

            long stamp = 1;
            realistic(url, orders, percent, stamp++);
            run("incremental, 1% changed, key check", settings, percent + 100, data);
            realistic(url, orders + percent / 2 / 3, percent, stamp++);
            run("incremental, 1% changed, no key check", lazy, percent, data);
            TestDatabases.execute(url, "UPDATE order_lines SET status = 'audited', updated_at = TIMESTAMP '2026-03-01 00:00:00' + (order_id % 86400) * interval '1 second' "
                    + "WHERE (order_id * 7919 + line_no) % 100 = 0");
            run("incremental, 1% scattered updates", lazy, percent, data);
            if (reload) {
                run("full reload (--full), nothing changed", settings, 0, data, true);
            }
        } finally {
            TestDatabases.dropPostgres(database);
        }
    }

    /**
     * 0.5 % of the rows: updates of recent orders; 0.5 %: new orders after the last; 100 lines deleted (only with stamp 1).
     * Their updated_at spread over one day, as a day's changes are (the overlap window re-reads its last minutes only).
     */
    private static void realistic(String url, long lastOrder, long percent, long stamp) {
        long half = percent / 2;
        String when = "TIMESTAMP '2026-0" + stamp + "-01 00:00:00'";
        TestDatabases.execute(url,
                "UPDATE order_lines SET status = 'shipped', updated_at = " + when + " + ((order_id * 3 + line_no) % 86400) * interval '1 second'"
                        + " WHERE order_id > " + (lastOrder - half / 3 * 2)
                        + " AND order_id <= " + (lastOrder - half / 3 * 2 + half / 3),
                "INSERT INTO order_lines SELECT " + lastOrder + " + g / 3 + 1, g % 3 + 1, 1 + g % 500, 1, 10.00, 0.00, 10.00, 'confirmed', "
                        + when + " + (g::bigint * 86400 / " + half + ") * interval '1 second' FROM generate_series(0, " + (half / 3 * 3 - 1) + ") g");
        if (stamp == 1) {
            TestDatabases.execute(url, "DELETE FROM order_lines WHERE order_id BETWEEN 1000 AND 1033");
        }
    }

    private static void run(String scenario, Settings settings, long changed, Path data) throws Exception {
        run(scenario, settings, changed, data, false);
    }

    /** Seconds of the first (full) load, which the later scenarios are compared with. */
    private static double fullLoad;

    private static void run(String scenario, Settings settings, long changed, Path data, boolean full) throws Exception {
        long started = System.nanoTime();
        List<Ingestion.TableResult> results = Ingestion.run(settings, Progress.silent("bench"), full);
        double seconds = (System.nanoTime() - started) / 1e9;
        Ingestion.TableResult r = results.get(0);
        long files;
        try (var walk = Files.walk(data.resolve("lake/raw/orders_order_lines/data"))) {
            files = walk.filter(p -> p.toString().endsWith(".parquet")).count();
        }
        if (fullLoad == 0) {
            fullLoad = seconds;
        }
        System.out.printf(Locale.ROOT, "%-40s %,11d %,9d %8.1f %5.1f%% %,8.0f  %s%n", scenario, r.rowsRead(), r.inserted() + r.updated() + r.deleted(),
                seconds, 100 * seconds / fullLoad, r.rowsRead() / seconds,
                files + " (ins " + r.inserted() + ", upd " + r.updated() + ", del " + r.deleted() + ")");
    }
}
