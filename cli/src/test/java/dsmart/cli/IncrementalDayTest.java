package dsmart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Settings;
import dsmart.lake.spark.Sparks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's incremental day on a generated company of its own (three months), ingested and transformed again: the
 * receivables marts rebuild only the as-of dates the day reaches, the marts of periods only the periods it reaches, and
 * each holds what a rebuild of everything gives.
 */
class IncrementalDayTest {
    private static final List<String> AS_OF_MARTS = List.of("mart.ar_ledger", "mart.ar_on_account", "mart.ar_ageing", "mart.ar_dso",
            "mart.ar_provision");
    private static final List<String> PERIOD_MARTS = List.of("mart.sales_monthly", "mart.sales_kpi", "mart.customer_tier_history",
            "mart.market_indicator", "mart.rep_scorecard_monthly");
    @TempDir
    static Path dir;
    private static Settings settings;
    private static String lastAsOfBefore;
    private static Map<String, List<String>> filesBefore;
    private static IncrementalDay.Changes changes;
    private static Map<String, List<String>> afterTheDay;
    private static Map<String, List<String>> filesAfterTheDay;
    private static Map<String, List<String>> rebuiltWhole;

    @BeforeAll
    static void runTheDayThenRebuildEverything() {
        Map<String, String> overrides = Map.of("data.dir", dir.toString(), "generator.months", "3", "generator.start", "2025-01-01");
        settings = Settings.builder().overrides(overrides).build();
        run(overrides, "generate");
        run(overrides, "ingest");
        run(overrides, "transform");
        lastAsOfBefore = single("SELECT CAST(MAX(as_of_date) AS STRING) FROM mart.ar_ledger");
        filesBefore = files();

        changes = IncrementalDay.apply(settings, 1);
        run(overrides, "ingest");
        run(overrides, "transform");
        afterTheDay = rows();
        filesAfterTheDay = files();
        run(overrides, "transform", "--full");
        rebuiltWhole = rows();
    }

    private static void run(Map<String, String> overrides, String... command) {
        List<String> args = new java.util.ArrayList<>();
        overrides.forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
        args.addAll(List.of(command));
        assertThat(Main.run(args.toArray(String[]::new))).as(String.join(" ", command)).isZero();
    }

    /** A new session each time: a session's catalog keeps the snapshots of the tables it has read. */
    private static SparkSession spark() {
        return Sparks.session(settings);
    }

    private static String single(String sql) {
        return spark().sql(sql).first().getString(0);
    }

    private static Map<String, List<String>> rows() {
        Map<String, List<String>> rows = new TreeMap<>();
        for (String table : concat(AS_OF_MARTS, PERIOD_MARTS)) {
            rows.put(table, spark().sql("SELECT * FROM " + table).collectAsList().stream().map(r -> r.mkString("|")).sorted().toList());
        }
        return rows;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** The ops.runs message of a mart's transform run before the last (the day's). */
    private static String daysMessage(String table) {
        return single("SELECT message FROM ops.runs WHERE target = '" + table + "' AND stage = 'transform' "
                + "AND status = 'ok' ORDER BY finished_at DESC LIMIT 1 OFFSET 1");
    }

    /** Each mart's data files of the as-of dates before the last one. */
    private static Map<String, List<String>> files() {
        Map<String, List<String>> files = new TreeMap<>();
        for (String table : AS_OF_MARTS) {
            files.put(table, spark().sql("SELECT file_path FROM " + table + ".files WHERE partition.as_of_date < DATE '" + lastAsOfBefore + "'")
                    .collectAsList().stream().map(r -> r.getString(0)).sorted().toList());
        }
        return files;
    }

    @Test
    void theDayAddsInvoicesAndReceiptsAndTouchesReceipts() {
        assertThat(changes.invoicesAdded()).isPositive();
        assertThat(changes.receiptsAdded()).isPositive();
        assertThat(changes.receiptsTouched()).isPositive();
    }

    @Test
    void theMartsRebuiltInPartHoldWhatARebuildOfEverythingGives() {
        for (String table : concat(AS_OF_MARTS, PERIOD_MARTS)) {
            assertThat(afterTheDay.get(table)).as(table).isEqualTo(rebuiltWhole.get(table)).isNotEmpty();
        }
    }

    @Test
    void onlyTheLastAsOfDateWasRebuiltTheEarlierFilesKept() {
        // the day's invoices and receipts are dated on the latest finance day, the touched receipts changed nothing else
        for (String table : AS_OF_MARTS) {
            assertThat(daysMessage(table)).as(table).isEqualTo("as-of dates from " + lastAsOfBefore + " rebuilt");
            assertThat(filesAfterTheDay.get(table)).as(table).isEqualTo(filesBefore.get(table)).isNotEmpty();
        }
    }

    @Test
    void theMartsOfPeriodsRebuiltThePeriodsOfTheDayOnly() {
        // the day's orders are dated on the latest order day, whose month (and year for mart.sales_kpi) is rebuilt; order
        // lines take their order's date (transform.dated.by)
        String lastMonth = single("SELECT CAST(trunc(MAX(month), 'MM') AS STRING) FROM mart.sales_monthly");
        assertThat(daysMessage("mart.sales_monthly")).isEqualTo("periods from " + lastMonth + " rebuilt");
        assertThat(daysMessage("mart.customer_tier_history")).isEqualTo("periods from " + lastMonth + " rebuilt");
        assertThat(daysMessage("mart.sales_kpi")).isEqualTo("periods from " + lastMonth.substring(0, 4) + "-01-01 rebuilt");
        assertThat(daysMessage("mart.market_indicator")).startsWith("periods from ");
        // it reads mart.sales_kpi, rebuilt from 1 January
        assertThat(daysMessage("mart.rep_scorecard_monthly")).isEqualTo("periods from " + lastMonth.substring(0, 4) + "-01-01 rebuilt");
    }
}
