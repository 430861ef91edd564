package dsmart.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dsmart.lake.Settings;
import dsmart.lake.spark.Sparks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run is one unit: it fails whole, survives being killed, and never interleaves with another ingest on the same lake. */
class RunAsOneUnitTest extends JdbcFixture {
    private static final List<String> RAW = List.of("raw.crm_regions", "raw.crm_customers", "raw.orders_orders", "raw.orders_order_lines");

    @Test
    void aFailedRunRollsBackEveryTableItTouchedAndMovesNoWatermark() throws SQLException {
        Map<String, String> rules = Map.of("ingest.table.crm.customers.accepted.customer_type", "retail|wholesale");
        Settings good = settings(dir, rules);
        ingest(good);
        Map<String, Long> before = snapshots(good);
        TreeSet<String> watermarks = lake(good, "SELECT * FROM ops.watermarks");
        Fixtures.changeSources(db);
        maria("INSERT INTO customers VALUES (60, '坏客户', 'EAST', 'alien', 1.00, '2025-06-02 11:00:00', 0)");
        Map<String, String> failing = new LinkedHashMap<>(rules);
        failing.put("ingest.table.orders.order_lines.references.product_id", "raw.orders_products.product_id"); // never ingested

        assertThatThrownBy(() -> ingest(settings(dir, failing))).isInstanceOf(IngestionException.class)
                .hasMessageContaining("ingesting orders.order_lines")
                .hasMessageContaining("ingest.table.orders.order_lines.references.product_id")
                .hasMessageContaining("rolled back");

        assertThat(snapshots(good)).isEqualTo(before);
        assertThat(Sparks.session(good).catalog().tableExists("quarantine.crm_customers")).isFalse();
        assertThat(lake(good, "SELECT * FROM ops.watermarks")).isEqualTo(watermarks);
        assertThat(lake(good, "SELECT target, status FROM ops.runs WHERE status <> 'ok'")).containsExactly("*|failed");
        // the watermarks did not move: the next good run sees every change
        ingest(good);
        assertThat(lastLedger(good).get("raw.orders_orders")).matches("incremental\\+keys\\|\\d+\\|\\d+\\|3\\|4\\|1\\|\\d+\\|0");
        assertThat(lastLedger(good).get("raw.crm_customers")).matches("incremental\\+keys\\|\\d+\\|\\d+\\|2\\|3\\|2\\|\\d+\\|1");
    }

    @Test
    void reconciliationNamesTheRowsUnaccountedFor() {
        assertThatThrownBy(() -> Reconciliation.rowsAccountedFor("crm.customers", 10, "raw.crm_customers", 7, "quarantine.crm_customers", 2))
                .isInstanceOf(IngestionException.class)
                .hasMessage("reconciliation failed for crm.customers: 10 rows read, but 7 reached raw.crm_customers and 2 "
                        + "quarantine.crm_customers (1 unaccounted for)");
        assertThatThrownBy(() -> Reconciliation.rowsWritten("crm.customers", "raw.crm_customers", "r1", 5, 4))
                .hasMessageContaining("raw.crm_customers holds 5 rows of run r1, but the run inserted, updated or deleted 4");
    }

    @Test
    void aSecondIngestStopsNamingTheLockHolder() throws IOException, InterruptedException {
        Path log = dir.resolve("holder.log");
        Process holder = ChildJvm.start(LockHolderMain.class, log, ChildJvm.settingsFile(dir, overrides(dir, Map.of())).toString(), "120");
        try {
            awaitLine(log, l -> l.equals("locked"), holder);
            Settings impatient = settings(dir, Map.of("ingest.lock.wait.seconds", "1"));

            assertThatThrownBy(() -> ingest(impatient)).isInstanceOf(IngestionException.class)
                    .hasMessageContaining("is being written by another ingest: pid " + holder.pid() + " on host ")
                    .hasMessageContaining(", started 20")
                    .hasMessageContaining("(run holder-run)")
                    .hasMessageContaining("gave up after waiting 1 s (setting ingest.lock.wait.seconds)");
            assertThat(Sparks.session(impatient).catalog().tableExists("raw.crm_customers")).isFalse();
        } finally {
            holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSecondIngestWaitsUntilTheFirstReleasesTheLock() throws IOException, InterruptedException {
        Path log = dir.resolve("holder.log");
        Process holder = ChildJvm.start(LockHolderMain.class, log, ChildJvm.settingsFile(dir, overrides(dir, Map.of())).toString(), "3");
        awaitLine(log, l -> l.equals("locked"), holder);
        Settings patient = settings(dir, Map.of("ingest.lock.wait.seconds", "120"));

        ingest(patient);

        assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long released = Long.parseLong(Files.readAllLines(log).stream().filter(l -> l.startsWith("released at ")).findFirst().orElseThrow()
                .substring("released at ".length()));
        long firstStart = Sparks.session(patient).sql("SELECT min(started_at) FROM ops.runs WHERE stage = 'ingest'").first().getTimestamp(0).getTime();
        assertThat(firstStart).isGreaterThanOrEqualTo(released);
    }

    @Test
    void aRunKilledMidwayAndRunAgainLeavesTheTablesOfAnUninterruptedRun(@TempDir Path otherLake) throws Exception {
        // customers first: the run writes it before it is killed
        Map<String, String> order = Map.of("ingest.tables", "crm.customers:customer_id,orders.orders:order_id,orders.order_lines:order_id+line_no,"
                + "crm.regions:region_code");
        Settings killed = settings(dir, order);
        Settings uninterrupted = settings(otherLake, order);
        ingest(killed);
        ingest(uninterrupted);
        Fixtures.changeSources(db);
        Long customersBefore = snapshot(killed, "raw.crm_customers");

        Path log = dir.resolve("ingest.log");
        Process child = ChildJvm.start(IngestMain.class, log, ChildJvm.settingsFile(dir, overrides(dir, order)).toString());
        try {
            awaitLine(log, l -> l.startsWith("[ingest] raw.crm_customers") && l.endsWith("done"), child);
        } finally {
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(log)).doesNotContain("ingest finished");
        assertThat(snapshot(killed, "raw.crm_customers")).as("the killed run had written").isNotEqualTo(customersBefore);
        assertThat(Files.readString(WriterLock.path(killed))).contains("journal.state=running");

        ingest(killed);
        ingest(uninterrupted);

        for (String table : RAW) {
            String columns = String.join(", ", List.of(Sparks.session(killed).table(table).columns()).stream()
                    .filter(c -> !c.equals("_ingested_at") && !c.equals("_run_id")).toList());
            assertThat(lake(killed, "SELECT " + columns + " FROM " + table)).as(table)
                    .isEqualTo(lake(uninterrupted, "SELECT " + columns + " FROM " + table));
        }
        String marks = "SELECT target, cursor_column, cursor_value FROM ops.watermarks";
        assertThat(lake(killed, marks)).isEqualTo(lake(uninterrupted, marks));
        assertThat(lake(killed, "SELECT status, message LIKE 'stopped before finishing (pid " + child.pid() + "%' FROM ops.runs WHERE status <> 'ok'"))
                .containsExactly("interrupted|true");
        assertThat(Files.readString(WriterLock.path(killed))).doesNotContain("journal.");
    }

    private Map<String, Long> snapshots(Settings settings) {
        Map<String, Long> snapshots = new LinkedHashMap<>();
        for (String table : RAW) {
            snapshots.put(table, snapshot(settings, table));
        }
        snapshots.put("ops.watermarks", snapshot(settings, "ops.watermarks"));
        return snapshots;
    }

    /** Waits (up to 8 minutes: a loaded machine starts Spark slowly) for a line of the child's output, failing early when the child has exited. */
    private static void awaitLine(Path log, Predicate<String> line, Process child) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(8));
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log) && Files.readAllLines(log).stream().map(String::strip).anyMatch(line)) {
                return;
            }
            if (!child.isAlive()) {
                throw new AssertionError("child exited with " + child.exitValue() + " before the line expected:\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line expected within 8 minutes:\n" + Files.readString(log));
    }
}
