package dsmart.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Settings;
import dsmart.lake.spark.Sparks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MERGE of a batch into raw is merge-on-read: it adds the changed rows and position deletes, and rewrites no data file. */
class RawMergeTest {
    @TempDir
    Path dir;

    private static Dataset<Row> rows(SparkSession spark, long from, long to, String status) {
        return spark.sql("SELECT id AS order_id, '" + status + "' AS status, 'U' AS _op, current_timestamp() AS _ingested_at, "
                + "'r1' AS _run_id FROM range(" + from + ", " + (to + 1) + ")").coalesce(1);
    }

    private static Set<String> files(SparkSession spark, int content) {
        Set<String> files = new HashSet<>();
        for (Row row : spark.sql("SELECT file_path FROM raw.t.files WHERE content = " + content).collectAsList()) {
            files.add(row.getString(0));
        }
        return files;
    }

    @Test
    void aMergeKeepsEveryDataFileAndAddsTheChangesWithPositionDeletes() {
        SparkSession spark = Sparks.session(Settings.builder().overrides(Map.of("data.dir", dir.toString())).build());
        Sparks.createNamespace(spark, "raw");
        RawTables.create(spark, "raw.t", rows(spark, 1, 1, "x").schema());
        Sparks.append(rows(spark, 1, 100, "new"), "raw.t");
        Sparks.append(rows(spark, 101, 200, "new"), "raw.t");
        Sparks.append(rows(spark, 201, 300, "new"), "raw.t");
        Set<String> dataFiles = files(spark, 0);
        assertThat(dataFiles).hasSize(3);

        RawTables.Changes changes = RawTables.apply(spark, "raw.t", rows(spark, 250, 250, "shipped").union(rows(spark, 301, 302, "new")),
                List.of("order_id"), null, "r2");

        assertThat(changes.updated()).isEqualTo(1);
        assertThat(changes.inserted()).isEqualTo(2);
        assertThat(files(spark, 0)).containsAll(dataFiles).hasSize(4);
        assertThat(files(spark, 1)).hasSize(1);
        assertThat(spark.sql("SELECT status FROM raw.t WHERE order_id = 250").first().getString(0)).isEqualTo("shipped");
        assertThat(spark.table("raw.t").count()).isEqualTo(302);
    }

    @Test
    void compactionRewritesTheFilesWithDeletesAndKeepsTheRows() {
        SparkSession spark = Sparks.session(Settings.builder().overrides(Map.of("data.dir", dir.toString())).build());
        Sparks.createNamespace(spark, "raw");
        RawTables.create(spark, "raw.t", rows(spark, 1, 1, "x").schema());
        Sparks.append(rows(spark, 1, 100, "new"), "raw.t");
        RawTables.Changes changes = RawTables.apply(spark, "raw.t", rows(spark, 50, 50, "shipped"), List.of("order_id"), null, "r2");
        assertThat(RawTables.liveDeleteFiles(spark, "dsmart.raw.t")).isEqualTo(1);

        assertThat(RawTables.compact(spark, "raw.t", 1, changes.snapshotId())).isEqualTo(changes.snapshotId());
        Long compacted = RawTables.compact(spark, "raw.t", 0, changes.snapshotId());

        assertThat(compacted).isNotEqualTo(changes.snapshotId());
        assertThat(RawTables.liveDeleteFiles(spark, "dsmart.raw.t")).isZero();
        assertThat(spark.table("raw.t").count()).isEqualTo(100);
        assertThat(spark.sql("SELECT status, _run_id FROM raw.t WHERE order_id = 50").first().mkString("|")).isEqualTo("shipped|r1");
    }

    @Test
    void liveRowsCountsEachKeyOnceThroughUpdatesDeletesAndCompaction() {
        SparkSession spark = Sparks.session(Settings.builder().overrides(Map.of("data.dir", dir.toString())).build());
        Sparks.createNamespace(spark, "raw");
        RawTables.create(spark, "raw.t", rows(spark, 1, 1, "x").schema());
        Sparks.append(rows(spark, 1, 100, "new"), "raw.t");
        RawTables.apply(spark, "raw.t", rows(spark, 50, 50, "shipped"), List.of("order_id"), null, "r2");
        Long updatedTwice = RawTables.apply(spark, "raw.t", rows(spark, 50, 50, "paid").union(rows(spark, 60, 60, "shipped")),
                List.of("order_id"), null, "r3").snapshotId();
        assertThat(RawTables.liveRows(spark, "dsmart.raw.t")).isEqualTo(100); // orders 1..100, two of them updated

        RawTables.compact(spark, "raw.t", 0, updatedTwice);
        RawTables.apply(spark, "raw.t", rows(spark, 70, 70, "shipped").union(rows(spark, 101, 102, "new")), List.of("order_id"), null, "r4");

        assertThat(RawTables.liveRows(spark, "dsmart.raw.t")).isEqualTo(102); // the deletes of the rewritten files no longer apply
        assertThat(RawTables.liveDeleteFiles(spark, "dsmart.raw.t")).isEqualTo(1);
    }

    private static SparkSession lakeWithOrders(Path dir, long orders) {
        SparkSession spark = Sparks.session(Settings.builder().overrides(Map.of("data.dir", dir.toString())).build());
        Sparks.createNamespace(spark, "raw");
        RawTables.create(spark, "raw.t", rows(spark, 1, 1, "x").schema());
        Sparks.append(rows(spark, 1, orders, "new"), "raw.t");
        return spark;
    }

    private static RawTables.SliceKeys unread() {
        return (starts, width) -> {
            throw new AssertionError("the source's keys were read although the counts agree");
        };
    }

    /** A source holding these keys: its counts per slice computed here, key-only reads recorded in reads. */
    private static RawTables.SourceKeys source(SparkSession spark, List<Long> keys, List<String> reads) {
        return source(spark, keys, reads, null);
    }

    /** The same, with its rows per key range counted here when ranges is given; slice counts recorded in reads too. */
    private static RawTables.SourceKeys source(SparkSession spark, List<Long> keys, List<String> reads, KeyRanges ranges) {
        RawTables.SliceCounts slices = (width, within) -> {
            if (within != null) {
                reads.add("slices within " + within.stream().map(s -> "[" + s.from() + ", " + s.to() + ")").toList());
            }
            Map<Long, Long> counts = new java.util.HashMap<>();
            keys.stream().filter(k -> within == null || within.stream().anyMatch(s -> k >= s.from() && k < s.to()))
                    .forEach(k -> counts.merge(k / width * width, 1L, Long::sum));
            return counts;
        };
        RawTables.RangeCounts perRange = null;
        if (ranges != null) {
            Long[] rows = new Long[ranges.size()];
            java.util.Arrays.fill(rows, 0L);
            keys.forEach(k -> rows[ranges.of(k)]++);
            perRange = new RawTables.RangeCounts(ranges, List.of(rows));
        }
        RawTables.SliceKeys read = (starts, width) -> {
            reads.add(starts == null ? "all" : starts + " width " + width);
            List<Long> wanted = keys.stream().filter(k -> starts == null || starts.contains(k / width * width)).toList();
            return spark.createDataset(wanted, org.apache.spark.sql.Encoders.LONG()).toDF("order_id");
        };
        return RawTables.SourceKeys.counted(keys.size(), java.util.Collections.min(keys), java.util.Collections.max(keys), perRange, null, slices,
                read);
    }

    private static List<Long> range(long from, long to) {
        return java.util.stream.LongStream.rangeClosed(from, to).boxed().collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    @Test
    void equalCountsSettleTheHardDeleteCheckWithoutReadingTheKeys() {
        SparkSession spark = lakeWithOrders(dir, 100);
        // the source: orders 1..100 (one of them changed) and two new ones
        RawTables.Changes changes = RawTables.apply(spark, "raw.t", rows(spark, 50, 50, "shipped").union(rows(spark, 101, 102, "new")),
                List.of("order_id"), RawTables.SourceKeys.counted(102, 1L, 102L, null, null, (width, within) -> {
                    throw new AssertionError("slices counted although the totals agree");
                }, unread()), "r2");

        assertThat(changes.keysRead()).isFalse();
        assertThat(changes.deleted()).isZero();
        assertThat(changes.inserted()).isEqualTo(2);
        assertThat(spark.table("raw.t").where("_op = 'U'").count()).isEqualTo(102);
    }

    @Test
    void aKeyGoneIsFoundByReadingOnlyTheKeysOfTheSliceWhoseCountsDiffer() {
        SparkSession spark = lakeWithOrders(dir, 5000);
        List<Long> sourceKeys = range(1, 5001); // order 5001 new,
        sourceKeys.remove(Long.valueOf(7)); // order 7 hard-deleted
        List<String> reads = new ArrayList<>();

        RawTables.Changes changes = RawTables.apply(spark, "raw.t", rows(spark, 5001, 5001, "new"), List.of("order_id"),
                source(spark, sourceKeys, reads), "r2");

        // 1,024 slices up to key 5,001: width 5 (5001 / 1024 + 1); order 7 lies in the slice starting at 5
        assertThat(reads).containsExactly("[5] width 5");
        assertThat(changes.keysRead()).isTrue();
        assertThat(changes.deletedAbsent()).isEqualTo(1);
        assertThat(spark.sql("SELECT order_id FROM raw.t WHERE _op = 'D'").collectAsList()).extracting(r -> r.getLong(0)).containsExactly(7L);
        assertThat(spark.table("raw.t").where("_op = 'U'").count()).isEqualTo(5000);
    }

    @Test
    void keyRangesFollowTheDataFilesJoiningThoseThatOverlap() {
        SparkSession spark = lakeWithOrders(dir, 1000); // one file: 1..1000
        Sparks.append(rows(spark, 1001, 2000, "new"), "raw.t");
        Sparks.append(rows(spark, 2001, 3000, "new"), "raw.t");
        Sparks.append(rows(spark, 2500, 2500, "again").union(rows(spark, 3001, 3500, "new")).coalesce(1), "raw.t"); // 2500..3500

        assertThat(RawTables.keyRanges(spark, "raw.t", "order_id").bounds()).containsExactly(1001L, 2001L);
    }

    @Test
    void aKeyGoneIsCountedBySliceOnlyInTheKeyRangeOfItsFile() {
        SparkSession spark = lakeWithOrders(dir, 1000);
        for (long from = 1001; from <= 4001; from += 1000) {
            Sparks.append(rows(spark, from, from + 999, "new"), "raw.t"); // five files: 1..1000, ..., 4001..5000
        }
        KeyRanges ranges = RawTables.keyRanges(spark, "raw.t", "order_id");
        List<Long> sourceKeys = range(1, 5001); // order 5001 new,
        sourceKeys.remove(Long.valueOf(1500)); // order 1500 hard-deleted
        List<String> reads = new ArrayList<>();

        RawTables.Changes changes = RawTables.apply(spark, "raw.t", rows(spark, 5001, 5001, "new"), List.of("order_id"),
                source(spark, sourceKeys, reads, ranges), "r2");

        // only the range of the second file differs: 1,000 keys in 1,024 slices, width 1
        assertThat(reads).containsExactly("slices within [[1001, 2001)]", "[1500] width 1");
        assertThat(changes.deletedAbsent()).isEqualTo(1);
        assertThat(spark.sql("SELECT order_id FROM raw.t WHERE _op = 'D'").collectAsList()).extracting(r -> r.getLong(0)).containsExactly(1500L);
    }

    @Test
    void equalCountsInEveryKeyRangeSettleTheCheckWithoutCountingSlices() {
        SparkSession spark = lakeWithOrders(dir, 1000);
        Sparks.append(rows(spark, 1001, 2000, "new"), "raw.t");
        KeyRanges ranges = RawTables.keyRanges(spark, "raw.t", "order_id");
        List<String> reads = new ArrayList<>();

        RawTables.Changes changes = RawTables.apply(spark, "raw.t", rows(spark, 2001, 2001, "new"), List.of("order_id"),
                source(spark, range(1, 2001), reads, ranges), "r2");

        assertThat(reads).isEmpty();
        assertThat(changes.keysRead()).isFalse();
        assertThat(changes.inserted()).isEqualTo(1);
    }

    @Test
    void keysGoneAllOverReadEveryKey() {
        SparkSession spark = lakeWithOrders(dir, 5000);
        List<Long> sourceKeys = range(1, 5000).stream().filter(k -> k % 50 != 0).toList(); // 100 keys gone, in 100 slices
        List<String> reads = new ArrayList<>();

        RawTables.Changes changes = RawTables.apply(spark, "raw.t", rows(spark, 1, 1, "new"), List.of("order_id"),
                source(spark, sourceKeys, reads), "r2");

        assertThat(reads).containsExactly("all");
        assertThat(changes.deletedAbsent()).isEqualTo(100);
        assertThat(spark.table("raw.t").where("_op = 'D'").count()).isEqualTo(100);
    }

    @Test
    void softDeletedRowsStillInTheSourceCountAsPresent() {
        SparkSession spark = Sparks.session(Settings.builder().overrides(Map.of("data.dir", dir.toString())).build());
        Sparks.createNamespace(spark, "raw");
        Dataset<Row> all = spark.sql("SELECT id AS order_id, id % 10 = 0 AS deleted, CASE WHEN id % 10 = 0 THEN 'D' ELSE 'U' END AS _op, "
                + "current_timestamp() AS _ingested_at, 'r1' AS _run_id FROM range(1, 101)");
        RawTables.create(spark, "raw.t", all.schema());
        Sparks.append(all, "raw.t");
        // order 55 soft-deleted since; the source still holds all 100 rows, ten of them flagged before
        Dataset<Row> batch = spark.sql("SELECT 55L AS order_id, true AS deleted, 'D' AS _op, current_timestamp() AS _ingested_at, 'r2' AS _run_id");

        RawTables.Changes changes = RawTables.apply(spark, "raw.t", batch, List.of("order_id"),
                RawTables.SourceKeys.counted(100, 1L, 100L, null, "deleted", null, unread()), "r2");

        assertThat(changes.keysRead()).isFalse();
        assertThat(changes.deletedFromRows()).isEqualTo(1);
        assertThat(spark.table("raw.t").where("_op = 'D'").count()).isEqualTo(11);
    }
}
