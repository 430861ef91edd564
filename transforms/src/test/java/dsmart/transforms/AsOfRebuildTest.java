package dsmart.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dsmart.lake.Progress;
import dsmart.lake.Settings;
import dsmart.lake.spark.Sparks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An as-of mart whose inputs changed is rebuilt from the earliest as-of date the changes reach, over the hand-checked
 * receivables ledger (as-of dates 2025-01-31, 2025-02-28 and the data's 2025-03-25). Each case compares the result with
 * a rebuild of every date.
 */
class AsOfRebuildTest {
    private static final List<Mart> AR = List.of(new ArLedger(), new ArOnAccount(), new ArAgeing(), new ArDso(), new ArProvision());
    private static final String NOW = "current_timestamp()";
    @TempDir
    Path dir;

    /** A lake read and changed through a new session each time: a session's catalog would keep the tables it has loaded. */
    private record Lake(Settings settings) {
        SparkSession spark() {
            return Sparks.session(settings);
        }

        Map<String, Transforms.MartResult> transform() {
            return transform(settings);
        }

        Map<String, Transforms.MartResult> transform(Settings with) {
            Map<String, Transforms.MartResult> results = new java.util.TreeMap<>();
            Transforms.run(with, Progress.silent("test"), AR).forEach(r -> results.put(r.table().toString(), r));
            return results;
        }

        /** Every row of a table, sorted: what a rebuild must reproduce. */
        List<String> rows(String table) {
            return spark().sql("SELECT * FROM " + table).collectAsList().stream().map(r -> r.mkString("|")).sorted().toList();
        }

        /** The data files of the table's as-of dates before the given one. */
        List<String> filesBefore(String table, String date) {
            return spark().sql("SELECT file_path FROM " + table + ".files WHERE partition.as_of_date < DATE '" + date + "'")
                    .collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
        }

        /** Asserts that every mart holds the rows a rebuild of every as-of date gives. */
        void assertSameAsRebuiltWhole() {
            Map<String, List<String>> partly = new java.util.TreeMap<>();
            AR.forEach(m -> partly.put(m.table().toString(), rows(m.table().toString())));
            transform(settings.with(Map.of("transform.full", "true")));
            AR.forEach(m -> assertThat(partly.get(m.table().toString())).as(m.table().toString())
                    .isEqualTo(rows(m.table().toString())).isNotEmpty());
        }

        void sql(String statement) {
            spark().sql(statement);
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
    void aDaysNewReceiptRebuildsOnlyTheDataAsOfDateWhichMovesToIt() throws IOException {
        Lake lake = builtLedger();
        List<String> earlierFiles = lake.filesBefore("mart.ar_ledger", "2025-03-25");
        lake.sql("INSERT INTO raw.finance_receipts VALUES " + ReceivablesLedger.receipt(6, 2, "2025-03-26", "5.00", "cleared", null));

        Map<String, Transforms.MartResult> results = lake.transform();

        // the changes reach 03-26, but 03-25 was the data's as-of date and is no longer an as-of date
        assertThat(results.get("mart.ar_ledger").rebuiltFrom()).isEqualTo(LocalDate.parse("2025-03-25"));
        assertThat(results.get("mart.ar_on_account").rebuiltFrom()).isEqualTo(LocalDate.parse("2025-03-25"));
        assertThat(lake.filesBefore("mart.ar_ledger", "2025-03-25")).isEqualTo(earlierFiles).isNotEmpty();
        assertThat(lake.spark().sql("SELECT DISTINCT CAST(as_of_date AS STRING) FROM mart.ar_ledger").collectAsList())
                .extracting(r -> r.getString(0)).containsExactlyInAnyOrder("2025-01-31", "2025-02-28", "2025-03-26");
        assertThat(results.values()).extracting(Transforms.MartResult::rebuiltFrom).containsOnly(LocalDate.parse("2025-03-25"));
        lake.assertSameAsRebuiltWhole();
    }

    @Test
    void aRowMovedToALaterDateIsRebuiltFromItsEarlierDate() throws IOException {
        Lake lake = builtLedger();
        List<String> januaryFiles = lake.filesBefore("mart.ar_ledger", "2025-02-01");
        // credit note 1 (I2, 50.00) re-dated from 02-15 to 03-01: the 02-28 as-of date loses it
        lake.sql("UPDATE raw.finance_credit_notes SET issued_on = DATE '2025-03-01', _ingested_at = " + NOW + " WHERE credit_note_id = 1");

        Map<String, Transforms.MartResult> results = lake.transform();

        assertThat(results.get("mart.ar_ledger").rebuiltFrom()).isEqualTo(LocalDate.parse("2025-02-15"));
        assertThat(lake.filesBefore("mart.ar_ledger", "2025-02-01")).isEqualTo(januaryFiles).isNotEmpty();
        assertThat(lake.spark().sql("SELECT credited FROM mart.ar_ledger WHERE invoice_id = 2 AND as_of_date = DATE '2025-02-28'")
                .first().getDecimal(0)).isEqualByComparingTo("0.00");
        lake.assertSameAsRebuiltWhole();
    }

    @Test
    void aReceiptBouncedLaterRebuildsFromTheDayItWasReceived() throws IOException {
        Lake lake = builtLedger();
        // R2 (60.00 on I1, received 03-10) bounces on 03-24: its allocation no longer counts, at any as-of date
        lake.sql("UPDATE raw.finance_receipts SET status = 'bounced', bounced_on = DATE '2025-03-24', _ingested_at = " + NOW
                + " WHERE receipt_id = 2");

        Map<String, Transforms.MartResult> results = lake.transform();

        assertThat(results.get("mart.ar_ledger").rebuiltFrom()).isEqualTo(LocalDate.parse("2025-03-10"));
        assertThat(lake.spark().sql("SELECT open_amount FROM mart.ar_ledger WHERE invoice_id = 1 AND as_of_date = DATE '2025-03-25'")
                .first().getDecimal(0)).isEqualByComparingTo("60.00");
        lake.assertSameAsRebuiltWhole();
    }

    @Test
    void aDeletedRowIsRebuiltFromItsDate() throws IOException {
        Lake lake = builtLedger();
        // the write-off of I4 (approved 03-19, written off 03-20) deleted at the source: ingestion keeps a tombstone
        lake.sql("UPDATE raw.finance_write_offs SET _op = 'D', _ingested_at = " + NOW + " WHERE write_off_id = 1");

        Map<String, Transforms.MartResult> results = lake.transform();

        // its earliest date is its approval, 03-19
        assertThat(results.get("mart.ar_ledger").rebuiltFrom()).isEqualTo(LocalDate.parse("2025-03-19"));
        lake.assertSameAsRebuiltWhole();
    }

    @Test
    void aRestampWithNoOtherChangeReachesNoEarlierDate() throws IOException {
        Lake lake = builtLedger();
        lake.sql("UPDATE raw.finance_invoices SET updated_at = " + NOW + ", _ingested_at = " + NOW + " WHERE invoice_id = 1");

        Map<String, Transforms.MartResult> results = lake.transform();

        // invoice 1 was issued 01-05; only the data as-of date is rebuilt
        assertThat(results.get("mart.ar_ledger").rebuiltFrom()).isEqualTo(LocalDate.parse("2025-03-25"));
    }

    @Test
    void aChangedTableWithoutAKeyRebuildsEveryAsOfDate() throws IOException {
        Lake lake = builtLedger();
        lake.sql("ALTER TABLE raw.finance_receipts UNSET TBLPROPERTIES ('" + Sparks.KEY_PROPERTY + "')");
        lake.sql("INSERT INTO raw.finance_receipts VALUES " + ReceivablesLedger.receipt(6, 2, "2025-03-26", "5.00", "cleared", null));

        Map<String, Transforms.MartResult> results = lake.transform();

        assertThat(results.get("mart.ar_ledger").rebuiltFrom()).isNull();
        assertThat(lake.filesBefore("mart.ar_ledger", "2025-03-25")).isNotEmpty();
        assertThat(lake.spark().sql("SELECT status, message FROM ops.runs WHERE target = 'mart.ar_ledger' ORDER BY finished_at DESC LIMIT 1")
                .first().mkString("|")).isEqualTo("ok|null");
    }

    @Test
    void aRawTableWhoseColumnsChangedRebuildsEveryAsOfDate() throws IOException {
        Lake lake = builtLedger();
        // schema drift: ingestion evolves raw with a new source column
        lake.sql("ALTER TABLE raw.finance_receipts ADD COLUMN branch STRING");
        lake.sql("INSERT INTO raw.finance_receipts SELECT *, 'SH' FROM (VALUES "
                + ReceivablesLedger.receipt(6, 2, "2025-03-26", "5.00", "cleared", null) + ")");

        Map<String, Transforms.MartResult> results = lake.transform();

        assertThat(results.get("mart.ar_ledger").rebuiltFrom()).isNull();
        lake.assertSameAsRebuiltWhole();
    }

    @Test
    void aChangedDimensionWithoutABusinessDateRebuildsEveryAsOfDateOfTheMartsThatReadIt() throws IOException {
        Lake lake = builtLedger();
        lake.sql("UPDATE raw.crm_regions SET region_name = '华东区', _ingested_at = " + NOW + " WHERE region_code = 'EAST'");

        Map<String, Transforms.MartResult> results = lake.transform();

        // regions carry no business date; the ledger does not read them
        assertThat(results.get("mart.ar_ageing").rebuiltFrom()).isNull();
        assertThat(lake.spark().sql("SELECT DISTINCT region_name FROM mart.ar_ageing WHERE customer_id = 1").first().getString(0))
                .isEqualTo("华东区");
        assertThat(lake.spark().sql("SELECT status FROM ops.runs WHERE target = 'mart.ar_ledger' ORDER BY finished_at DESC LIMIT 1")
                .first().getString(0)).isEqualTo(Transforms.UNCHANGED);
        lake.assertSameAsRebuiltWhole();
    }

    @Test
    void aRebuiltRowBreakingACheckOfRowsAloneStopsTheRebuild() throws IOException {
        Lake lake = builtLedger();
        long published = Sparks.currentSnapshot(lake.spark(), "mart.ar_ledger");
        lake.sql("INSERT INTO raw.finance_invoices VALUES "
                + ReceivablesLedger.invoice(9, 2, "2025-03-20", "2025-04-19", "10.00").replace("DATE '2025-04-19'", "NULL"));

        assertThatThrownBy(lake::transform).isInstanceOf(TransformException.class)
                .hasMessageContaining("mart.ar_ledger failed its data checks")
                .hasMessageContaining("not null (as_of_date, invoice_id, customer_id, due_on, invoice_amount, open_amount) (1 offending)");
        assertThat(Sparks.currentSnapshot(lake.spark(), "mart.ar_ledger")).isEqualTo(published);
    }

    @Test
    void aRebuildFromADateIsRecordedInTheRunLedgerAndTheSnapshot() throws IOException {
        Lake lake = builtLedger();
        lake.sql("INSERT INTO raw.finance_receipts VALUES " + ReceivablesLedger.receipt(6, 2, "2025-03-26", "5.00", "cleared", null));

        lake.transform();

        SparkSession spark = lake.spark();
        assertThat(spark.sql("SELECT status, message FROM ops.runs WHERE target = 'mart.ar_ledger' ORDER BY finished_at DESC LIMIT 1")
                .first().mkString("|")).isEqualTo("ok|as-of dates from 2025-03-25 rebuilt");
        assertThat(Sparks.latest(spark, "mart.ar_ledger").orElseThrow().summary())
                .containsEntry(Transforms.REBUILT_FROM_PROPERTY, "2025-03-25");
    }

    @Test
    void rebuildsCombineToTheEarliestDateUnlessOneIsWhole() {
        Rebuild march = Rebuild.from(LocalDate.parse("2025-03-01"));
        Rebuild february = Rebuild.from(LocalDate.parse("2025-02-01"));

        assertThat(march.and(february)).isEqualTo(february);
        assertThat(february.and(march)).isEqualTo(february);
        assertThat(Rebuild.NOTHING.and(march)).isEqualTo(march);
        assertThat(march.and(Rebuild.NOTHING)).isEqualTo(march);
        assertThat(march.and(Rebuild.whole("x")).isWhole()).isTrue();
        assertThat(Rebuild.whole("x").and(february).isWhole()).isTrue();
    }
}
