package dsmart.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Progress;
import dsmart.lake.Settings;
import dsmart.lake.spark.Sparks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mart whose inputs are unchanged since it was published is kept (MartInputs), over the receivables ledger's raw
 * tables and the three marts of which mart.ar_ageing reads mart.ar_ledger and stg_regions, and none reads the clock.
 */
class UnchangedMartsTest {
    private static final List<Mart> AR = List.of(new ArLedger(), new ArOnAccount(), new ArAgeing());
    private static final List<String> TABLES = List.of("mart.ar_ledger", "mart.ar_on_account", "mart.ar_ageing");
    @TempDir
    Path dir;

    /** A lake read and changed through a new session each time: a session's catalog would keep the tables it has loaded. */
    private record Lake(Settings settings) {
        SparkSession spark() {
            return Sparks.session(settings);
        }

        List<Transforms.MartResult> transform() {
            return transform(settings);
        }

        List<Transforms.MartResult> transform(Settings with) {
            return Transforms.run(with, Progress.silent("test"), AR);
        }

        Map<String, Long> snapshots() {
            Map<String, Long> ids = new LinkedHashMap<>();
            SparkSession spark = spark();
            TABLES.forEach(t -> ids.put(t, Sparks.currentSnapshot(spark, t)));
            return ids;
        }

        List<String> rows(String sql) {
            return spark().sql(sql).collectAsList().stream().map(r -> r.mkString("|")).toList();
        }

        /** target|status of the transform run that finished last. */
        List<String> lastRun() {
            return rows("SELECT target, status FROM ops.runs WHERE stage = 'transform' AND run_id = (SELECT run_id FROM ops.runs "
                    + "WHERE stage = 'transform' ORDER BY finished_at DESC LIMIT 1) ORDER BY target");
        }
    }

    private Lake builtLedger() throws IOException {
        Settings settings = Settings.builder().overrides(Map.of("data.dir", Files.createDirectories(dir.resolve("lake")).toString())).build();
        Lake lake = new Lake(settings);
        ReceivablesLedger.create(lake.spark());
        lake.transform();
        return lake;
    }

    @Test
    void aSecondRunOverUnchangedInputsKeepsEveryMart() throws IOException {
        Lake lake = builtLedger();
        Map<String, Long> before = lake.snapshots();

        List<Transforms.MartResult> results = lake.transform();

        assertThat(lake.snapshots()).isEqualTo(before);
        assertThat(lake.lastRun()).containsExactly("mart.ar_ageing|unchanged", "mart.ar_ledger|unchanged", "mart.ar_on_account|unchanged");
        assertThat(results).extracting(Transforms.MartResult::snapshotId).containsExactlyElementsOf(before.values());
    }

    @Test
    void aKeptMartReportsTheRowsItHolds() throws IOException {
        Lake lake = builtLedger();

        List<Transforms.MartResult> results = lake.transform();

        SparkSession spark = lake.spark();
        for (Transforms.MartResult result : results) {
            long counted = (Long) spark.sql("SELECT COUNT(*) FROM " + result.table()).first().get(0);
            assertThat(result.rows()).as(result.table().toString()).isEqualTo(counted).isPositive();
        }
    }

    @Test
    void aChangedRawTableRebuildsOnlyTheMartsThatReadIt() throws IOException {
        Lake lake = builtLedger();
        Map<String, Long> before = lake.snapshots();
        // stamped as ingestion stamps the rows it writes
        lake.spark().sql("UPDATE raw.crm_regions SET region_name = '华东区', _ingested_at = current_timestamp() WHERE region_code = 'EAST'");

        lake.transform();

        Map<String, Long> after = lake.snapshots();
        assertThat(after.get("mart.ar_ageing")).isNotEqualTo(before.get("mart.ar_ageing"));
        assertThat(lake.rows("SELECT DISTINCT region_name FROM mart.ar_ageing WHERE customer_id = 1")).containsExactly("华东区");
        assertThat(after.get("mart.ar_ledger")).isEqualTo(before.get("mart.ar_ledger"));
        assertThat(after.get("mart.ar_on_account")).isEqualTo(before.get("mart.ar_on_account"));
        assertThat(lake.lastRun()).containsExactly("mart.ar_ageing|ok", "mart.ar_ledger|unchanged", "mart.ar_on_account|unchanged");
    }

    @Test
    void aChangeReadThroughStagingViewsAndAnotherMartRebuildsEveryMartDownstream() throws IOException {
        Lake lake = builtLedger();
        Map<String, Long> before = lake.snapshots();
        // read by stg_receipts (ar_on_account), stg_receipt_allocations and stg_ar_as_of (ar_ledger), and so by mart.ar_ledger's
        // reader mart.ar_ageing
        lake.spark().sql("INSERT INTO raw.finance_receipts VALUES " + ReceivablesLedger.receipt(6, 2, "2025-03-25", "5.00", "cleared", null));

        lake.transform();

        Map<String, Long> after = lake.snapshots();
        for (String table : TABLES) {
            assertThat(after.get(table)).as(table).isNotEqualTo(before.get(table));
        }
        // customer 2 on 03-25: received 110.00 + 5.00, allocated 80.00
        assertThat(lake.rows("SELECT received, on_account FROM mart.ar_on_account WHERE customer_id = 2 AND as_of_date = DATE '2025-03-25'"))
                .containsExactly("115.00|35.00");
    }

    @Test
    void aSettingThatChangesAMartsSqlRebuildsThatMart() throws IOException {
        Lake lake = builtLedger();
        Map<String, Long> before = lake.snapshots();

        lake.transform(lake.settings().with(Map.of("receivables.ageing.buckets", "40")));

        Map<String, Long> after = lake.snapshots();
        assertThat(after.get("mart.ar_ageing")).isNotEqualTo(before.get("mart.ar_ageing"));
        assertThat(after.get("mart.ar_ledger")).isEqualTo(before.get("mart.ar_ledger"));
        // 03-25: I2 is 44 days past due
        assertThat(lake.rows("SELECT bucket FROM mart.ar_ageing WHERE as_of_date = DATE '2025-03-25'")).containsExactly("over 40");
    }

    @Test
    void transformFullRebuildsEveryMart() throws IOException {
        Lake lake = builtLedger();
        Map<String, Long> before = lake.snapshots();

        lake.transform(lake.settings().with(Map.of("transform.full", "true")));

        Map<String, Long> after = lake.snapshots();
        for (String table : TABLES) {
            assertThat(after.get(table)).as(table).isNotEqualTo(before.get(table));
        }
        assertThat(lake.lastRun()).containsExactly("mart.ar_ageing|ok", "mart.ar_ledger|ok", "mart.ar_on_account|ok");
    }

    @Test
    void martsThatReadTheClockOrTheDashboardsAcknowledgementsAreRebuiltEveryRun() {
        Map<String, String> views = Map.of("stg_calendar", Models.sql("stg_calendar"));
        assertThat(MartInputs.rebuiltEveryRun(new ComplianceFinding(), MartInputs.closure(Models.sql("compliance_finding"), views))).isTrue();
        assertThat(MartInputs.rebuiltEveryRun(new MarketAlert(), MartInputs.closure(Models.sql("market_alert"), views))).isTrue();
        assertThat(MartInputs.rebuiltEveryRun(new ArLedger(), MartInputs.closure(Models.sql("ar_ledger"), views))).isFalse();
    }

    @Test
    void theInputsOfAMartIncludeViewsReadThroughOtherViews() {
        Map<String, String> views = Map.of("stg_outer", "SELECT * FROM stg_inner", "stg_inner", "SELECT * FROM raw.finance_invoices");

        assertThat(MartInputs.closure("SELECT * FROM stg_outer", views)).contains("raw.finance_invoices");
    }
}
