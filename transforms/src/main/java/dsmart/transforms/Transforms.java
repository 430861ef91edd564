package dsmart.transforms;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dsmart.lake.Progress;
import dsmart.lake.Settings;
import dsmart.lake.TableId;
import dsmart.lake.Trace;
import dsmart.lake.spark.RunLedger;
import dsmart.lake.spark.Sparks;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * raw → staging (temporary views, one SQL file each) → marts. A mart is computed, checked with its
 * data tests and only then published in one snapshot; a failing check leaves the previous snapshot. A mart whose inputs
 * are unchanged since it was published ({@link MartInputs}) is kept as it is, unless setting {@code transform.full} is set.
 */
public final class Transforms {
    public static final String STAGE = "transform";
    /** The ledger status of a mart kept because its inputs are unchanged since it was published ({@link MartInputs}). */
    public static final String UNCHANGED = "unchanged";
    /** The snapshot-summary property of a mart snapshot that replaced its rows from this date on, not all of them. */
    static final String REBUILT_FROM_PROPERTY = "dsmart.rebuilt-from";

    static final List<String> STAGING = List.of("stg_regions", "stg_customers", "stg_order_revenue", "stg_order_totals",
            "stg_reps", "stg_teams", "stg_invoices", "stg_credit_notes", "stg_receipts", "stg_write_offs",
            "stg_receipt_allocations", "stg_ar_as_of", "stg_ar_balance",
            // --- compliance (issue 6) ---
            "stg_calendar", "stg_compliance_as_of",
            // --- receivables (issue 5) ---
            "stg_credit_limits", "stg_credit_assessments", "stg_collection_actions", "stg_credit_orders", "stg_credit_overrides");
    /**
     * Staging views of a few rows computed from large inputs and read by several models and checks: computed once per run
     * and held in memory for it. Caching the large views costs more than recomputing them (docs/benchmarks.md).
     */
    static final Set<String> CACHED = Set.of("stg_order_totals", "stg_ar_as_of", "stg_ar_balance");
    static final List<Mart> MARTS = List.of(new SalesMonthly(), new CustomerSales(),
            // --- receivables (issue 5) ---
            new ArLedger(), new ArOnAccount(), new ArAgeing(), new ArDso(), new CreditLimitBreach(), new CreditExposure(),
            new CollectionDue(), new CollectionRep(), new ArProvision(), new ArWriteOff(),
            // --- sales (issue 4) ---
            new SalesKpi(), new CustomerTierHistory(), new CustomerTier(),
            // --- sales (issue 4, second part): read mart.sales_kpi, so after it ---
            new RepScorecardMonthly(), new RepScorecardAnnual(), new RepKpiEvidence(), new SalesFunnel(),
            new TrainingFindings(), new TrainingCompliance(), new CustomerCareCalendar(),
            // --- market early warning (issue 6): indicators, then the alerts evaluated on them ---
            new MarketIndicator(), new MarketAlert(),
            // --- compliance (issue 6) ---
            new ComplianceFinding(), new ComplianceSummary(), new ServiceSla(), new OrderCycle());
    private static final Pattern RAW_TABLE = Pattern.compile("\\braw\\.([a-z][a-z0-9_]*)");
    private static final Pattern STAGING_VIEW = Pattern.compile("\\b(stg_[a-z0-9_]*)");
    private static final Pattern MART_TABLE = Pattern.compile("\\bmart\\.([a-z][a-z0-9_]*)");

    private Transforms() {}

    /** A published mart; rebuiltFrom: the first date rebuilt when not all were (null otherwise). */
    public record MartResult(TableId table, long rows, long snapshotId, LocalDate rebuiltFrom) {
        public MartResult(TableId table, long rows, long snapshotId) {
            this(table, rows, snapshotId, null);
        }
    }

    public static List<MartResult> run(Settings settings, Progress progress) {
        return run(settings, progress, selected(settings));
    }

    /** The marts setting {@code transform.marts} names (all when empty), in the order of {@link #MARTS}. */
    static List<Mart> selected(Settings settings) {
        String wanted = settings.text("transform.marts");
        if (wanted.isBlank()) {
            return MARTS;
        }
        Set<String> names = new java.util.LinkedHashSet<>();
        for (String name : wanted.split(",")) {
            names.add(name.strip());
        }
        Set<String> known = MARTS.stream().map(m -> m.table().name()).collect(Collectors.toCollection(java.util.TreeSet::new));
        for (String name : names) {
            if (!known.contains(name)) {
                throw new dsmart.lake.SettingsException("setting transform.marts names " + name + ", which is no mart; known: " + known);
            }
        }
        return MARTS.stream().filter(m -> names.contains(m.table().name())).toList();
    }

    /** The model file of a staging view: receipt allocations come from FIFO when the finance source records none. */
    static String stagingModel(String view, Settings settings) {
        if (view.equals("stg_receipt_allocations") && settings.text("receivables.allocation").strip().equals("fifo")) {
            return "stg_receipt_allocations_fifo";
        }
        return view;
    }

    /** Runs the given marts only (in the given order), e.g. a test's. */
    static List<MartResult> run(Settings settings, Progress progress, List<Mart> marts) {
        SparkSession spark = Sparks.session(settings);
        Map<String, String> views = new LinkedHashMap<>();
        for (String view : STAGING) {
            String sql = settings.fill(Models.sql(stagingModel(view, settings)));
            if (missingInput(spark, sql, views.keySet()) == null) {
                spark.sql(sql).createOrReplaceTempView(view);
                views.put(view, sql);
                if (CACHED.contains(view)) {
                    spark.catalog().cacheTable(view, StorageLevel.MEMORY_ONLY());
                }
            } else {
                spark.catalog().dropTempView(view);
            }
        }
        try {
            return publishAll(spark, settings, progress, marts, views);
        } finally {
            for (String view : views.keySet()) {
                if (CACHED.contains(view)) {
                    spark.catalog().uncacheTable(view);
                }
            }
        }
    }

    private static List<MartResult> publishAll(SparkSession spark, Settings settings, Progress progress, List<Mart> marts,
            Map<String, String> views) {
        boolean full = settings.bool("transform.full");
        String runId = RunLedger.newRunId();
        Sparks.createNamespace(spark, "mart");
        List<MartResult> results = new ArrayList<>();
        List<RunLedger.Entry> ledger = new ArrayList<>();
        Set<String> materialized = new HashSet<>();
        Map<String, Rebuild> rawChanges = new java.util.HashMap<>();
        Map<String, ChangedInputs.DatedBy> datedBy = ChangedInputs.DatedBy.of(settings);
        Map<String, String> rawSnapshots = new java.util.HashMap<>();
        for (Mart mart : marts) {
            Instant started = Instant.now();
            String absent = mart.requires().stream().filter(t -> !spark.catalog().tableExists(t)).findFirst().orElse(null);
            if (absent != null) {
                ledger.add(new RunLedger.Entry(runId, STAGE, mart.table().toString(), started, Instant.now(), "skipped", 0, 0, null,
                        "input " + absent + " absent"));
                continue;
            }
            String sql = mart.sql(settings);
            String sqlAndChecks = sql + String.join("\n", mart.checks().stream().map(DataCheck::sql).toList());
            String missing = missingInput(spark, sqlAndChecks, views.keySet());
            if (missing == null) {
                missing = missingMart(spark, sql, mart.table().toString());
            }
            if (missing != null) {
                ledger.add(new RunLedger.Entry(runId, STAGE, mart.table().toString(), started, Instant.now(), "skipped", 0, 0, null,
                        "input " + missing + " absent"));
                continue;
            }
            String closure = MartInputs.closure(settings.fill(sqlAndChecks), views);
            MartInputs.Inputs inputs = MartInputs.rebuiltEveryRun(mart, closure) ? null
                    : MartInputs.of(spark, settings, mart.table(), closure, rawSnapshots);
            Sparks.Snapshot previous = inputs == null || full ? null : Sparks.latest(spark, mart.table().toString()).orElse(null);
            if (previous != null && inputs.digest().equals(previous.summary().get(MartInputs.SUMMARY_PROPERTY))) {
                long rows = Long.parseLong(previous.summary().getOrDefault("total-records", "0"));
                results.add(new MartResult(mart.table(), rows, previous.id()));
                progress.message(mart.table() + ": inputs unchanged since snapshot " + previous.id() + ", kept (" + rows + " rows)");
                ledger.add(new RunLedger.Entry(runId, STAGE, mart.table().toString(), started, Instant.now(), UNCHANGED, 0, rows,
                        previous.id(), "inputs unchanged since its last build"));
                continue;
            }
            progress.start(mart.table().toString());
            Trace.lap(mart.table() + " inputs");
            try {
                Rebuild rebuild = previous == null || mart.partial().isEmpty() ? null
                        : ChangedInputs.of(spark, mart, inputs, previous, datedBy, rawChanges);
                Trace.lap(mart.table() + " changes");
                if (rebuild != null && rebuild.isWhole()) {
                    progress.message(mart.table() + ": every " + unit(mart) + " rebuilt: " + rebuild.because());
                }
                materializeCached(spark, settings, sqlAndChecks, materialized);
                mart.prepare(spark);
                Trace.lap(mart.table() + " prepare");
                results.add(publishRetryingInternalErrors(spark, mart, settings, sql, inputs, rebuild, progress));
            } catch (RuntimeException e) {
                String message = e instanceof TransformException ? e.getMessage() : mart.table() + " failed: " + e.getMessage();
                ledger.add(new RunLedger.Entry(runId, STAGE, mart.table().toString(), started, Instant.now(), "failed", 0, 0, null, message));
                RunLedger.record(spark, ledger);
                throw e instanceof TransformException ? e : new TransformException(message, e);
            }
            MartResult result = results.get(results.size() - 1);
            if (result.rebuiltFrom() != null) {
                progress.message(mart.table() + ": " + unit(mart) + "s from " + result.rebuiltFrom() + " rebuilt, the earlier ones kept");
            }
            progress.done(result.rows());
            ledger.add(new RunLedger.Entry(runId, STAGE, mart.table().toString(), started, Instant.now(), "ok", 0, result.rows(),
                    result.snapshotId(), result.rebuiltFrom() == null ? null : unit(mart) + "s from " + result.rebuiltFrom() + " rebuilt"));
        }
        RunLedger.record(spark, ledger);
        return results;
    }

    /** What a mart rebuilt in part rebuilds: as-of dates or periods. */
    private static String unit(Mart mart) {
        return mart.partial().orElseThrow().unit();
    }

    /**
     * Computes each cached staging view the SQL reads (after the cached views it reads itself) the first time one does, so
     * that the joins of a query reading it several times (stg_ar_balance reads stg_ar_as_of five times) find it computed
     * instead of each computing it.
     */
    private static void materializeCached(SparkSession spark, Settings settings, String sql, Set<String> materialized) {
        Matcher view = STAGING_VIEW.matcher(sql);
        while (view.find()) {
            String name = view.group(1);
            if (CACHED.contains(name) && materialized.add(name)) {
                materializeCached(spark, settings, Models.sql(stagingModel(name, settings)), materialized);
                spark.table(name).count();
            }
        }
    }

    /**
     * The first other mart a mart's SQL reads that is not in the lake (it was skipped, now and before, for lack of its own
     * inputs), or null when all are there. A mart that reads an absent mart is skipped the same way.
     */
    static String missingMart(SparkSession spark, String sql, String self) {
        Matcher mart = MART_TABLE.matcher(sql);
        while (mart.find()) {
            String table = "mart." + mart.group(1);
            if (!table.equals(self) && !spark.catalog().tableExists(table)) {
                return table;
            }
        }
        return null;
    }

    /**
     * The first input a model reads that is not there (a raw table absent from the lake, or a staging view
     * not created because its own inputs are absent), or null when all are present.
     */
    static String missingInput(SparkSession spark, String sql, Set<String> views) {
        Matcher raw = RAW_TABLE.matcher(sql);
        while (raw.find()) {
            if (!spark.catalog().tableExists("raw." + raw.group(1))) {
                return "raw." + raw.group(1);
            }
        }
        Matcher view = STAGING_VIEW.matcher(sql);
        while (view.find()) {
            if (!views.contains(view.group(1))) {
                return view.group(1);
            }
        }
        return null;
    }

    /**
     * Spark 4.1's optimizer intermittently fails an internal assertion ("[INTERNAL_ERROR] The Spark SQL phase optimization
     * failed", PushPredicateThroughNonJoin over a UNION; the same query on the same data passes when planned again). Nothing
     * is written before the checks pass, so the mart is planned and computed once more; a second failure stops the run.
     */
    static MartResult publishRetryingInternalErrors(SparkSession spark, Mart mart, Settings settings, String sql,
            MartInputs.Inputs inputs, Rebuild rebuild, Progress progress) {
        try {
            return publish(spark, mart, settings, sql, inputs, rebuild);
        } catch (RuntimeException e) {
            if (!isOptimizerInternalError(e)) {
                throw e;
            }
            progress.message(mart.table() + ": Spark optimizer internal error, planning the mart once more");
            return publish(spark, mart, settings, sql, inputs, rebuild);
        }
    }

    static boolean isOptimizerInternalError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains("INTERNAL_ERROR") && message.contains("phase optimization failed")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Computes, checks and publishes a mart; {@code inputs} (or null) go into the snapshot's summary. With a {@code rebuild}
     * that is not whole, a mart rebuilt in part is computed from the first date its inputs' changes reach (and its last
     * as-of date or period, which moves with the data) on: its result filtered to those dates (which Spark pushes down
     * where it can), an as-of mart also with its as-of view restricted to them; the candidate checked is the previous rows
     * before that date and the new ones after (a check that holds per part, {@link DataCheck#holdsPerPartOf}, runs on the new
     * ones only), and the snapshot replaces the rows from that date on.
     */
    private static MartResult publish(SparkSession spark, Mart mart, Settings settings, String sql, MartInputs.Inputs inputs,
            Rebuild rebuild) {
        String target = mart.table().toString();
        String candidate = "candidate_" + mart.table().name();
        LocalDate from = rebuild == null || rebuild.isWhole() ? null : rebuildFrom(spark, mart, rebuild);
        Trace.lap(target + " rebuild from");
        Map<String, String> summary = new LinkedHashMap<>(inputs == null ? Map.of() : inputs.summary());
        String computed = sql;
        // Computed once, here: the checks and the write read these rows, not a recomputation that could differ from what was
        // checked. (A persisted result was not enough: Spark 4.1 replans one whose SQL has CTEs over views when two scalar
        // subqueries read it, and mart.market_indicator run alone then failed its reconciliations.)
        Dataset<Row> rows;
        Dataset<Row> checked;
        Column rebuilt = null;
        if (from == null) {
            rows = mart.rows(spark, settings, computed).localCheckpoint(true, StorageLevel.MEMORY_AND_DISK());
            checked = rows;
        } else {
            Mart.Partial partial = mart.partial().orElseThrow();
            rebuilt = col(partial.column()).geq(lit(from));
            if (partial instanceof Mart.AsOf asOf) {
                String since = "since_" + asOf.view();
                spark.table(asOf.view()).where(rebuilt).createOrReplaceTempView(since);
                computed = computed.replaceAll("\\b" + asOf.view() + "\\b", since);
            }
            rows = mart.rows(spark, settings, computed).where(rebuilt).localCheckpoint(true, StorageLevel.MEMORY_AND_DISK());
            // the rows kept are read from the snapshot they are kept in, not copied
            checked = spark.sql("SELECT * FROM " + target + " VERSION AS OF " + Sparks.latest(spark, target).orElseThrow().id())
                    .where(col(partial.column()).lt(lit(from))).unionByName(rows);
            summary.put(REBUILT_FROM_PROPERTY, from.toString());
        }
        Trace.lap(target + " compute");
        String rebuiltRows = "rebuilt_" + mart.table().name();
        try {
            checked.createOrReplaceTempView(candidate);
            rows.createOrReplaceTempView(rebuiltRows);
            List<String> failed = new ArrayList<>();
            for (DataCheck check : mart.checks()) {
                String view = rebuilt != null && check.holdsPerPartOf(mart.partial().orElseThrow().column()) ? rebuiltRows : candidate;
                long offending = ((Number) spark.sql(settings.fill(check.sqlFor(view))).first().get(0)).longValue();
                if (offending != 0) {
                    failed.add(check.name() + " (" + offending + " offending)");
                }
            }
            if (!failed.isEmpty()) {
                throw new TransformException(target + " failed its data checks, not published: " + String.join("; ", failed));
            }
            Trace.lap(target + " checks");
            String partition = mart.partial().map(Mart.Partial::partitionedBy).orElse(null);
            if (!spark.catalog().tableExists(target)) {
                String columns = java.util.Arrays.stream(rows.schema().fields())
                        .map(f -> "`" + f.name() + "` " + f.dataType().sql())
                        .collect(Collectors.joining(", "));
                spark.sql("CREATE TABLE " + target + " (" + columns + ") USING iceberg"
                        + (partition == null ? "" : " PARTITIONED BY (" + partition + ")") + " TBLPROPERTIES ('format-version'='2')");
            } else if (partition != null && !Sparks.partitioning(spark, target).contains(partition)) {
                // a mart published before it was rebuilt in part: partitioned now, so that later runs can replace some dates
                spark.sql("ALTER TABLE " + target + " ADD PARTITION FIELD " + partition);
            }
            if (rebuilt == null) {
                Sparks.replaceAll(rows, target, summary);
            } else {
                Sparks.replaceWhere(rows, target, rebuilt, summary);
            }
            Trace.lap(target + " write");
            // the rows published, from the snapshot's summary: counting the candidate would read the kept rows again
            Sparks.Snapshot published = Sparks.latest(spark, target).orElseThrow();
            return new MartResult(mart.table(), Long.parseLong(published.summary().get("total-records")), published.id(), from);
        } finally {
            release(rows);
        }
    }

    /**
     * The first date to rebuild: from the earliest its inputs' changes reach, or from the mart's last as-of date or period
     * when earlier (the last moves with the data, and its rows with it; an as-of mart's new data as-of date too), to the
     * first of the rows those reach ({@link Mart.Partial#first}).
     */
    private static LocalDate rebuildFrom(SparkSession spark, Mart mart, Rebuild rebuild) {
        Mart.Partial partial = mart.partial().orElseThrow();
        LocalDate from = rebuild.from();
        List<String> tables = partial instanceof Mart.AsOf asOf ? List.of(mart.table().toString(), asOf.view())
                : List.of(mart.table().toString());
        for (String table : tables) {
            LocalDate date = Sparks.date(spark.table(table).agg(functions.max(col(partial.column()))).first().get(0));
            if (date != null && (from == null || date.isBefore(from))) {
                from = date;
            }
        }
        return from == null ? null : partial.first(from);
    }

    /** Frees the blocks of a checkpointed candidate now rather than when the JVM collects it. */
    static void release(Dataset<Row> checkpointed) {
        if (checkpointed.queryExecution().analyzed() instanceof LogicalRDD computed) {
            computed.rdd().unpersist(false);
        }
    }
}
