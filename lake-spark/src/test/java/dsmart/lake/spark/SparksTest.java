package dsmart.lake.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.LakeTables;
import dsmart.lake.Settings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparksTest {
    @TempDir
    Path dir;

    /** A session over a lake in the test's directory, with namespace mart. */
    private SparkSession sessionWithMartNamespace() {
        SparkSession spark = Sparks.session(Settings.builder().overrides(Map.of("data.dir", dir.toString())).build());
        Sparks.createNamespace(spark, "mart");
        return spark;
    }

    @Test
    void sessionCountsDatesInTheBusinessZone() {
        Settings settings = Settings.builder().overrides(Map.of("data.dir", dir.toString())).build();
        SparkSession spark = Sparks.session(settings);
        // 16:30 UTC on 31 January is already 1 February in Shanghai.
        assertThat(spark.sql("SELECT CAST(TIMESTAMP '2025-01-31 16:30:00+00:00' AS DATE)").first().getDate(0).toString())
                .isEqualTo("2025-02-01");
    }

    @Test
    void sessionsOnOtherLakesDoNotSeeEachOther(@TempDir Path other) {
        Settings one = Settings.builder().overrides(Map.of("data.dir", dir.toString())).build();
        Settings two = Settings.builder().overrides(Map.of("data.dir", other.toString())).build();
        SparkSession first = Sparks.session(one);
        Sparks.createNamespace(first, "mart");
        first.sql("CREATE TABLE mart.only_here (id BIGINT) USING iceberg");
        assertThat(Sparks.session(two).catalog().tableExists("mart.only_here")).isFalse();
        assertThat(Sparks.session(one).catalog().tableExists("mart.only_here")).isTrue();
    }

    @Test
    void runLedgerAppendsOneRowPerEntryAndItsSnapshotIsListed() {
        Settings settings = Settings.builder().overrides(Map.of("data.dir", dir.toString())).build();
        SparkSession spark = Sparks.session(settings);
        Instant now = Instant.parse("2025-03-01T00:00:00Z");
        RunLedger.record(spark, List.of(
                new RunLedger.Entry("r1", "ingest", "raw.a", now, now, "ok", 5, 5, 1L, null),
                new RunLedger.Entry("r1", "ingest", "raw.b", now, now, "failed", 0, 0, null, "source x down")));
        assertThat(spark.sql("SELECT target, status, message FROM ops.runs ORDER BY target").collectAsList())
                .extracting(r -> r.mkString("|")).containsExactly("raw.a|ok|null", "raw.b|failed|source x down");
        assertThat(LakeTables.list(settings)).singleElement()
                .satisfies(t -> {
                    assertThat(t.table().toString()).isEqualTo("ops.runs");
                    assertThat(t.rows()).isEqualTo(2L);
                    assertThat(t.snapshotId()).isEqualTo(Sparks.currentSnapshot(spark, "ops.runs"));
                });
    }

    @Test
    void latestSnapshotIsReadInANewSessionWithItsSummary() {
        Settings settings = Settings.builder().overrides(Map.of("data.dir", dir.toString())).build();
        SparkSession writer = Sparks.session(settings);
        Sparks.createNamespace(writer, "mart");
        writer.sql("CREATE TABLE mart.t (id BIGINT) USING iceberg");
        Sparks.replaceAll(writer.range(3).toDF("id"), "mart.t", Map.of("dsmart.test", "x"));

        SparkSession reader = Sparks.session(settings);

        assertThat(Sparks.latest(reader, "mart.t")).hasValueSatisfying(s -> {
            assertThat(s.id()).isEqualTo(Sparks.currentSnapshot(writer, "mart.t"));
            assertThat(s.summary()).containsEntry("dsmart.test", "x").containsEntry("total-records", "3");
        });
        assertThat(Sparks.latest(reader, "mart.absent")).isEmpty();
    }

    @Test
    void replaceWhereReplacesTheMatchingPartitionsOnlyInOneSnapshot() {
        SparkSession spark = sessionWithMartNamespace();
        spark.sql("CREATE TABLE mart.p (day INT, v STRING) USING iceberg PARTITIONED BY (day)");
        spark.sql("INSERT INTO mart.p VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        long first = Sparks.currentSnapshot(spark, "mart.p");

        Sparks.replaceWhere(spark.sql("SELECT 2 AS day, 'B' AS v"), "mart.p", org.apache.spark.sql.functions.col("day").geq(2),
                Map.of("dsmart.test", "y"));

        assertThat(spark.sql("SELECT day, v FROM mart.p ORDER BY day").collectAsList()).extracting(r -> r.mkString("|"))
                .containsExactly("1|a", "2|B");
        assertThat(Sparks.snapshotsAfter(spark, "mart.p", first)).hasValueSatisfying(after -> assertThat(after).singleElement()
                .satisfies(s -> assertThat(s.summary()).containsEntry("dsmart.test", "y")));
        assertThat(Sparks.partitioning(spark, "mart.p")).containsExactly("`day`");
    }

    @Test
    void partitioningIsTheSpecAsSparkDdlWithoutDroppedFields() {
        SparkSession spark = sessionWithMartNamespace();
        spark.sql("CREATE TABLE mart.m (region STRING, day DATE, v INT) USING iceberg PARTITIONED BY (region, months(day))");
        assertThat(Sparks.partitioning(spark, "mart.m")).containsExactly("`region`", "months(`day`)");

        spark.sql("ALTER TABLE mart.m DROP PARTITION FIELD region");

        assertThat(Sparks.partitioning(spark, "mart.m")).containsExactly("months(`day`)");
        assertThat(Sparks.partitioning(spark, "mart.absent")).isEmpty();
    }

    @Test
    void snapshotsAfterOneThatIsNoAncestorAreUnknown() {
        SparkSession spark = sessionWithMartNamespace();
        spark.sql("CREATE TABLE mart.q (id BIGINT) USING iceberg");
        spark.sql("INSERT INTO mart.q VALUES (1)");
        long first = Sparks.currentSnapshot(spark, "mart.q");
        spark.sql("INSERT INTO mart.q VALUES (2)");
        spark.sql("INSERT INTO mart.q VALUES (3)");

        assertThat(Sparks.snapshotsAfter(spark, "mart.q", first)).hasValueSatisfying(after -> assertThat(after).hasSize(2));
        assertThat(Sparks.snapshotsAfter(spark, "mart.q", 42L)).isEmpty();
        assertThat(Sparks.snapshot(spark, "mart.q", first)).hasValueSatisfying(s -> assertThat(s.committedAtMillis()).isPositive());
    }
}
