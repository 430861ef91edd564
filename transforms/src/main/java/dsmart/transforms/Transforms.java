package dsmart.transforms;

import dsmart.lake.Progress;
import dsmart.lake.Settings;
import dsmart.lake.TableId;
import dsmart.lake.spark.RunLedger;
import dsmart.lake.spark.Sparks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * raw → staging (temporary views, one SQL file each) → marts. A mart is computed, checked with its
 * data tests and only then published in one snapshot; a failing check leaves the previous snapshot.
 */
public final class Transforms {
    public static final String STAGE = "transform";
    static final List<String> STAGING = List.of("stg_regions", "stg_customers", "stg_order_revenue");
    static final List<Mart> MARTS = List.of(new SalesMonthly(), new CustomerSales(),
            // --- sales (issue 4) ---
            new SalesKpi(), new CustomerTierHistory(), new CustomerTier());

    private Transforms() {}

    /** A published mart. */
    public record MartResult(TableId table, long rows, long snapshotId) {}

    public static List<MartResult> run(Settings settings, Progress progress) {
        SparkSession spark = Sparks.session(settings);
        String runId = RunLedger.newRunId();
        for (String view : STAGING) {
            spark.sql(Models.sql(view)).createOrReplaceTempView(view);
        }
        Sparks.createNamespace(spark, "mart");
        List<MartResult> results = new ArrayList<>();
        List<RunLedger.Entry> ledger = new ArrayList<>();
        for (Mart mart : MARTS) {
            if (!mart.requires().stream().allMatch(t -> spark.catalog().tableExists(t))) {
                continue; // its raw inputs are not ingested (yet): skipped, the previous snapshot stays
            }
            Instant started = Instant.now();
            progress.start(mart.table().toString());
            try {
                results.add(publish(spark, mart, settings));
            } catch (RuntimeException e) {
                String message = e instanceof TransformException ? e.getMessage() : mart.table() + " failed: " + e.getMessage();
                ledger.add(new RunLedger.Entry(runId, STAGE, mart.table().toString(), started, Instant.now(), "failed", 0, 0, null, message));
                RunLedger.record(spark, ledger);
                throw e instanceof TransformException ? e : new TransformException(message, e);
            }
            MartResult result = results.get(results.size() - 1);
            progress.done(result.rows());
            ledger.add(new RunLedger.Entry(runId, STAGE, mart.table().toString(), started, Instant.now(), "ok", 0, result.rows(),
                    result.snapshotId(), null));
        }
        RunLedger.record(spark, ledger);
        return results;
    }

    private static MartResult publish(SparkSession spark, Mart mart, Settings settings) {
        String target = mart.table().toString();
        String candidate = "candidate_" + mart.table().name();
        Dataset<Row> rows = spark.sql(Models.withSettings(mart.sql(), settings)).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            rows.createOrReplaceTempView(candidate);
            List<String> failed = new ArrayList<>();
            for (DataCheck check : mart.checks()) {
                long offending = ((Number) spark.sql(check.sqlFor(candidate)).first().get(0)).longValue();
                if (offending != 0) {
                    failed.add(check.name() + " (" + offending + " offending)");
                }
            }
            if (!failed.isEmpty()) {
                throw new TransformException(target + " failed its data checks, not published: " + String.join("; ", failed));
            }
            if (!spark.catalog().tableExists(target)) {
                String columns = java.util.Arrays.stream(rows.schema().fields())
                        .map(f -> "`" + f.name() + "` " + f.dataType().sql())
                        .collect(Collectors.joining(", "));
                spark.sql("CREATE TABLE " + target + " (" + columns + ") USING iceberg TBLPROPERTIES ('format-version'='2')");
            }
            Sparks.replaceAll(rows, target);
            long count = rows.count();
            return new MartResult(mart.table(), count, Sparks.currentSnapshot(spark, target));
        } finally {
            rows.unpersist();
        }
    }
}
