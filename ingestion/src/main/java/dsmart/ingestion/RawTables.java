package dsmart.ingestion;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import dsmart.lake.Trace;
import dsmart.lake.spark.Sparks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writing raw.* and quarantine.* tables: creation, schema drift, the change classification (insert, update,
 * delete, unchanged) and the single MERGE that applies the changes.
 */
final class RawTables {
    /** Lineage columns of every raw row; not compared when deciding whether a row changed. */
    static final List<String> META = List.of("_op", "_ingested_at", "_run_id");
    static final String SOURCE_FILE = "_source_file";
    private static final String CHANGE = "_change";
    /** Batches up to this many rows have their keys broadcast when they are compared with raw. */
    private static final long BROADCAST_ROWS = 2_000_000;
    /**
     * Merge-on-read: a MERGE writes the changed rows and small position-delete files instead of rewriting every data file
     * that holds a changed key, so an incremental run costs what changed, not the size of the files it touches.
     */
    private static final String PROPERTIES = "TBLPROPERTIES ('format-version'='2', 'write.merge.mode'='merge-on-read', "
            + "'write.update.mode'='merge-on-read', 'write.delete.mode'='merge-on-read', 'write.delete.granularity'='file')";
    /**
     * quarantine.*: the run, where the row came from (system.table, or feed/file), its key or line, the row as text,
     * every reason as a JSON array of strings (text, so that every engine reads it; Spark: from_json(reasons, 'array<string>'))
     * and how many there are.
     */
    static final StructType QUARANTINE = new StructType()
            .add("run_id", DataTypes.StringType, true)
            .add("source", DataTypes.StringType, true)
            .add("locator", DataTypes.StringType, true)
            .add("record", DataTypes.StringType, true)
            .add("reasons", DataTypes.StringType, true)
            .add("reason_count", DataTypes.IntegerType, true)
            .add("quarantined_at", DataTypes.TimestampType, true);

    private RawTables() {}

    /** What a MERGE did. Deletes are split into tombstones from source rows (soft deletes) and from absent keys. */
    /** keysRead: the source's keys were read for the hard-delete check (it was not settled by counts). */
    record Changes(long inserted, long updated, long deletedFromRows, long deletedAbsent, long unchanged, Long snapshotId, boolean keysRead) {
        long deleted() {
            return deletedFromRows + deletedAbsent;
        }

        long written() {
            return inserted + updated + deleted();
        }
    }

    static boolean isMeta(String column) {
        return META.contains(column) || column.equals(SOURCE_FILE);
    }

    static void create(SparkSession spark, String target, StructType schema) {
        spark.sql("CREATE TABLE " + target + " (" + Arrays.stream(schema.fields())
                .map(f -> "`" + f.name() + "` " + f.dataType().sql()).collect(Collectors.joining(", ")) + ") USING iceberg " + PROPERTIES);
    }

    /**
     * Creates a raw table keyed by the given columns, kept in its properties ({@link Sparks#KEY_PROPERTY}): the transform
     * finds a changed row's previous version by it.
     */
    static void create(SparkSession spark, String target, StructType schema, List<String> keys) {
        create(spark, target, schema);
        recordKey(spark, target, keys);
    }

    /** Records a raw table's key in its properties when they do not hold it (a table created before they did, a new key). */
    static void recordKey(SparkSession spark, String target, List<String> keys) {
        String key = String.join(",", keys);
        if (Sparks.property(spark, target, Sparks.KEY_PROPERTY).filter(key::equals).isEmpty()) {
            spark.sql("ALTER TABLE " + target + " SET TBLPROPERTIES ('" + Sparks.KEY_PROPERTY + "'='" + key + "')");
        }
    }

    /**
     * Lines the staged rows up with an existing raw table: a new source column is added to raw, a widened type
     * (int to bigint, float to double, decimal precision) widens raw, a narrower source type is cast up; any other
     * difference fails naming the column. With evolve false every difference fails. Returns the rows in raw's
     * column order and types; what was changed in raw is appended to changes.
     */
    static Dataset<Row> align(SparkSession spark, String target, Dataset<Row> staged, boolean evolve, String source, List<String> changes) {
        Map<String, DataType> raw = new LinkedHashMap<>();
        for (StructField field : spark.table(target).schema().fields()) {
            raw.put(field.name(), field.dataType());
        }
        Map<String, DataType> incoming = new LinkedHashMap<>();
        for (StructField field : staged.schema().fields()) {
            incoming.put(field.name(), field.dataType());
        }
        for (Map.Entry<String, DataType> column : raw.entrySet()) {
            if (!isMeta(column.getKey()) && !incoming.containsKey(column.getKey())) {
                throw new IngestionException("schema drift: column " + column.getKey() + " of " + target + " is gone from " + source
                        + " (dropped or renamed at the source); raw keeps its history, so ingestion stops until the column is back "
                        + "or " + target + " is rebuilt", null);
            }
        }
        String lastData = raw.keySet().stream().filter(c -> !isMeta(c)).reduce((a, b) -> b).orElse(null);
        for (Map.Entry<String, DataType> column : incoming.entrySet()) {
            String name = column.getKey();
            DataType from = column.getValue();
            DataType to = raw.get(name);
            if (isMeta(name)) {
                continue;
            }
            if (to == null) {
                if (!evolve) {
                    throw new IngestionException("schema drift: " + source + " has a new column " + name + " " + from.sql()
                            + " that " + target + " lacks (setting ingest.schema.evolve=false)", null);
                }
                spark.sql("ALTER TABLE " + target + " ADD COLUMN `" + name + "` " + from.sql() + (lastData == null ? "" : " AFTER `" + lastData + "`"));
                changes.add("added column " + name + " " + from.sql());
                lastData = name;
            } else if (!to.equals(from)) {
                if (widens(from, to)) {
                    continue; // cast up below
                }
                if (widens(to, from)) {
                    if (!evolve) {
                        throw new IngestionException("schema drift: column " + name + " of " + source + " widened from " + to.sql() + " to "
                                + from.sql() + " (setting ingest.schema.evolve=false)", null);
                    }
                    spark.sql("ALTER TABLE " + target + " ALTER COLUMN `" + name + "` TYPE " + from.sql());
                    changes.add("widened column " + name + " from " + to.sql() + " to " + from.sql());
                } else {
                    throw new IngestionException("schema drift: column " + name + " of " + source + " changed type from " + to.sql()
                            + " to " + from.sql() + ", which " + target + " cannot take (only int to bigint, float to double and "
                            + "decimal precision can widen)", null);
                }
            }
        }
        spark.catalog().refreshTable(target);
        List<Column> columns = new ArrayList<>();
        for (StructField field : spark.table(target).schema().fields()) {
            if (incoming.containsKey(field.name())) {
                Column value = col("`" + field.name() + "`");
                columns.add(incoming.get(field.name()).equals(field.dataType()) ? value : value.cast(field.dataType()).as(field.name()));
            }
        }
        return staged.select(columns.toArray(Column[]::new));
    }

    /** Whether a value of type from always fits type to, the widenings Iceberg allows. */
    static boolean widens(DataType from, DataType to) {
        if (from.equals(DataTypes.IntegerType) || from.equals(DataTypes.ShortType) || from.equals(DataTypes.ByteType)) {
            return to.equals(DataTypes.LongType) || (to.equals(DataTypes.IntegerType) && !from.equals(DataTypes.IntegerType));
        }
        if (from.equals(DataTypes.FloatType)) {
            return to.equals(DataTypes.DoubleType);
        }
        if (from instanceof DecimalType f && to instanceof DecimalType t) {
            return f.scale() == t.scale() && t.precision() > f.precision();
        }
        return false;
    }

    /**
     * The source's keys for the hard-delete check: every key (a full read), or for an incremental run what the source
     * can tell cheaply (its row count, rows per slice of a whole-number first key) and key-only reads that run only where
     * those counts say a key may be gone.
     *
     * <p>The counts are enough when the cursor brought every row changed since the last run: then every source key is in
     * raw after the batch (live, or a soft-delete tombstone), so a slice of the source holds as many rows as raw holds
     * keys there that the source has not hard-deleted exactly when none of them was hard-deleted. Any other difference
     * (a row added since the batch was read) reads the keys of that slice, as every run once read all of them. A batch
     * with a quarantined row (a key raw will not hold, repeated keys among them) compares every key instead: such a row
     * and a deleted key would cancel out in the counts.
     */
    record SourceKeys(long rows, Long minKey, Long maxKey, RangeCounts perRange, String softDelete, SliceCounts sliceCounts, SliceKeys keys) {
        SourceKeys {
            requireNonNull(keys, "keys");
        }

        static SourceKeys all(Dataset<Row> keys) {
            requireNonNull(keys, "keys");
            return uncounted((starts, width) -> keys);
        }

        /** Every key compared, read when the check runs. */
        static SourceKeys uncounted(SliceKeys keys) {
            return new SourceKeys(-1, null, null, null, null, null, keys);
        }

        /**
         * rows: the source's row count; minKey, maxKey: its first key's range (null: not a whole number, or no rows);
         * perRange: its rows per range of raw's {@link #keyRanges} (null: not counted); softDelete: the source's
         * soft-delete column (null: none), whose tombstones the source still holds.
         */
        static SourceKeys counted(long rows, Long minKey, Long maxKey, RangeCounts perRange, String softDelete, SliceCounts sliceCounts,
                SliceKeys keys) {
            return new SourceKeys(rows, minKey, maxKey, perRange, softDelete, sliceCounts, keys);
        }
    }

    /** Rows per key range: rows.get(i) in range i of ranges. */
    record RangeCounts(KeyRanges ranges, List<Long> rows) {
        RangeCounts {
            requireNonNull(ranges, "ranges");
            rows = List.copyOf(rows);
            if (rows.size() != ranges.size()) {
                throw new IllegalArgumentException(rows.size() + " counts for " + ranges.size() + " key ranges");
            }
        }
    }

    /** The source's rows per slice of its first key: slice start (key − key mod width) → rows, of the keys within spans (null: all). */
    interface SliceCounts {
        Map<Long, Long> rowsPerSlice(long width, List<KeyRanges.Span> within);
    }

    /** A key-only read of the source: the keys in the slices starting at starts (null: every key). */
    interface SliceKeys {
        Dataset<Row> keys(List<Long> starts, long width);
    }

    /** What the hard-delete check compares by key: nothing, the first key's slices starting at starts, or everything (null). */
    private record KeyScope(boolean none, List<Long> starts, long width) {
        static final KeyScope NONE = new KeyScope(true, List.of(), 0);
        static final KeyScope ALL = new KeyScope(false, null, 0);
    }

    /** Slices of the first key the source is asked to count, and the most whose keys are read instead of every key. */
    private static final int SLICES = 1024;
    private static final int MAX_SLICES_READ = 64;
    /** The most key ranges the source is asked to count at once. */
    private static final int MAX_RANGES = 64;

    /**
     * Applies a batch of source rows (data columns in raw's order, then _op, _ingested_at, _run_id and maybe
     * _source_file) to raw by key: new keys inserted, changed rows replaced, identical rows left alone. When
     * sourceKeys is given, live raw rows whose key the source no longer has become tombstones. One MERGE, one
     * snapshot; none when nothing changed.
     */
    static Changes apply(SparkSession spark, String target, Dataset<Row> batch, List<String> keys, SourceKeys sourceKeys, String runId) {
        return apply(spark, target, batch, keys, sourceKeys, runId, null);
    }

    /** What the caller knows of a batch already (saves Spark jobs): its rows, how many are tombstones, its first key's range. */
    record Facts(long rows, long tombstones, Object firstKeyMin, Object firstKeyMax) {}

    static Changes apply(SparkSession spark, String target, Dataset<Row> batch, List<String> keys, SourceKeys sourceKeys, String runId,
            Facts facts) {
        Dataset<Row> raw = spark.table(target);
        boolean empty = snapshot(spark, target) == null;
        List<String> rawColumns = List.of(raw.columns());
        List<String> compared = rawColumns.stream().filter(c -> !isMeta(c) && !keys.contains(c)).toList();
        Dataset<Row> ordered = batch.select(rawColumns.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new));
        if (facts == null) {
            Row row = ordered.selectExpr("count(*)", "count_if(_op = 'D')", "min(`" + keys.get(0) + "`)", "max(`" + keys.get(0) + "`)").first();
            facts = new Facts(row.getLong(0), row.getLong(1), row.get(2), row.get(3));
        }
        if (empty) {
            if (facts.rows() > 0) {
                Sparks.append(ordered, target);
            }
            return new Changes(facts.rows() - facts.tombstones(), 0, facts.tombstones(), 0, 0, snapshot(spark, target), false);
        }

        // Only the part of raw the batch can touch: Iceberg skips files by the first key column's min/max.
        Dataset<Row> candidates = raw;
        if (facts.firstKeyMin() != null) {
            candidates = raw.where(col("`" + keys.get(0) + "`").between(facts.firstKeyMin(), facts.firstKeyMax()));
        }
        List<Column> existing = new ArrayList<>();
        for (String c : rawColumns) {
            if (keys.contains(c) || compared.contains(c) || c.equals("_op")) {
                existing.add(col("`" + c + "`").as("__t_" + c));
            }
        }
        Column[] keyColumns = keys.stream().map(k -> col("`" + k + "`")).toArray(Column[]::new);
        Dataset<Row> batchKeys = ordered.select(keyColumns);
        if (facts.rows() <= BROADCAST_ROWS) {
            // A batch of moderate size: its keys are broadcast and only the raw rows it touches are shuffled, not all of raw.
            candidates = candidates.join(broadcast(batchKeys), seq(keys), "left_semi");
        }
        Dataset<Row> t = candidates.select(existing.toArray(Column[]::new));
        Column on = null;
        for (String k : keys) {
            Column eq = col("`" + k + "`").equalTo(col("__t_" + k));
            on = on == null ? eq : on.and(eq);
        }
        Column same = lit(true);
        for (String c : compared) {
            same = same.and(col("`" + c + "`").eqNullSafe(col("__t_" + c)));
        }
        Column absent = col("__t_" + keys.get(0)).isNull();
        Column change = when(absent.and(col("_op").equalTo("D")), lit("D"))
                .when(absent, lit("I"))
                .when(same.and(col("_op").equalTo(col("__t__op"))), lit("N"))
                .when(col("_op").equalTo("D").and(col("__t__op").notEqual("D")), lit("D"))
                .otherwise(lit("U"));
        // Checkpointed, not cached: the MERGE below writes the table this plan reads, and Spark would re-run a cached
        // plan over the new snapshot (or refuse a MERGE source that references its own target).
        Dataset<Row> classified = ordered.join(t, on, "left").withColumn(CHANGE, change).localCheckpoint();
        Trace.lap("  classify");
        {
            Map<String, Long> counts = new LinkedHashMap<>(Map.of("I", 0L, "U", 0L, "D", 0L, "N", 0L));
            boolean counted = sourceKeys != null && sourceKeys.rows() >= 0;
            long added = 0;
            for (Row row : classified.groupBy(col(CHANGE), (counted ? addsKey(keys, sourceKeys.softDelete()) : lit(false)).as("_adds"))
                    .count().collectAsList()) {
                counts.merge(row.getString(0), row.getLong(2), Long::sum);
                added += row.getBoolean(1) ? row.getLong(2) : 0;
            }
            Dataset<Row> rowChanges = classified.where(col(CHANGE).notEqual("N"))
                    .select(rawColumns.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new));
            Dataset<Row> changes = rowChanges;
            long absentDeleted = 0;
            Dataset<Row> tombstones = null;
            boolean keysRead = false;
            KeyScope scope = sourceKeys == null ? KeyScope.NONE : keyScope(spark, target, raw, classified, keys, sourceKeys, added);
            if (!scope.none()) {
                keysRead = true;
                Dataset<Row> live = raw.where(col("_op").notEqual("D"));
                if (scope.starts() != null) {
                    // key ranges, which Iceberg prunes by file bounds (a mod expression it cannot)
                    live = live.where(KeyRanges.within(col("`" + keys.get(0) + "`"), KeyRanges.slices(scope.starts(), scope.width())));
                }
                // Live raw rows whose key the source no longer has (and the batch does not bring back). Over every key,
                // keys only, and whole rows fetched for the gone ones alone: the comparison shuffles keys, not rows. The
                // rows of a few slices are compared whole, so one pass finds and fetches them.
                boolean everyKey = scope.starts() == null;
                Dataset<Row> gone = (everyKey ? live.select(keyColumns) : live)
                        .join(sourceKeys.keys().keys(scope.starts(), scope.width()), seq(keys), "left_anti")
                        .join(batchKeys, seq(keys), "left_anti")
                        .localCheckpoint();
                absentDeleted = gone.count();
                if (absentDeleted > 0) {
                    tombstones = (everyKey ? live.join(broadcast(gone), seq(keys), "left_semi") : gone)
                            .withColumn("_op", lit("D"))
                            .withColumn("_ingested_at", current_timestamp())
                            .withColumn("_run_id", lit(runId))
                            .select(rawColumns.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new))
                            .localCheckpoint();
                    changes = changes.unionByName(tombstones);
                }
                Trace.lap("  tombstones");
            }
            long changed = counts.get("I") + counts.get("U") + counts.get("D") + absentDeleted;
            if (changed > 0) {
                String view = "changes_" + target.replace('.', '_') + "_" + Math.abs(runId.hashCode());
                changes.createOrReplaceTempView(view);
                String match = keys.stream().map(k -> "t.`" + k + "` = s.`" + k + "`").collect(Collectors.joining(" AND "));
                spark.sql("MERGE INTO " + target + " t USING " + view + " s ON " + match + keyRange(keys.get(0), rowChanges, tombstones)
                        + " WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
                spark.catalog().dropTempView(view);
                Trace.lap("  merge");
            }
            return new Changes(counts.get("I"), counts.get("U"), counts.get("D"), absentDeleted, counts.get("N"), snapshot(spark, target),
                    keysRead);
        }
    }

    /**
     * A condition on the target's first key column that holds for every row the changes can match, so that the MERGE
     * scans only the data files whose key range overlaps one of the changes' (Iceberg prunes files by column bounds):
     * the batch's range and the absent keys' range (a batch of recent rows and an old row deleted are far apart). Empty
     * when the key is not a whole number.
     */
    private static String keyRange(String firstKey, Dataset<Row> rowChanges, Dataset<Row> tombstones) {
        if (!JdbcReader.wholeNumber(rowChanges.schema().apply(firstKey).dataType())) {
            return "";
        }
        List<String> ranges = new ArrayList<>();
        for (Dataset<Row> part : java.util.Arrays.asList(rowChanges, tombstones)) {
            if (part == null) {
                continue;
            }
            Row range = part.agg(min(col("`" + firstKey + "`")), max(col("`" + firstKey + "`"))).first();
            if (!range.isNullAt(0)) {
                ranges.add("t.`" + firstKey + "` BETWEEN " + new java.math.BigDecimal(range.get(0).toString()).toPlainString() + " AND "
                        + new java.math.BigDecimal(range.get(1).toString()).toPlainString());
            }
        }
        return ranges.isEmpty() ? "" : " AND (" + String.join(" OR ", ranges) + ")";
    }

    /**
     * What the hard-delete check must compare by key (see {@link SourceKeys}): nothing when the source holds as many rows
     * as raw will hold keys the source has (live rows and soft-delete tombstones) once the classified batch is applied,
     * in every key range of raw's files when the source counted them, else in all; else the slices of the first key whose
     * counts differ, counted only within the ranges that differ, when the key is a non-negative whole number and few
     * slices differ; else every key. added: the batch rows that add such a key ({@link #addsKey}).
     */
    private static KeyScope keyScope(SparkSession spark, String target, Dataset<Row> raw, Dataset<Row> classified, List<String> keys,
            SourceKeys sourceKeys, long added) {
        if (sourceKeys.rows() < 0) {
            return KeyScope.ALL;
        }
        String soft = sourceKeys.softDelete();
        Column first = col("`" + keys.get(0) + "`");
        List<KeyRanges.Span> within = null;
        List<Long> rawPerRange = sourceKeys.perRange() == null ? null
                : presentRowsPerRange(spark, target, raw, classified.where(addsKey(keys, soft)).select(first), soft, sourceKeys.perRange().ranges());
        if (rawPerRange != null) {
            KeyRanges ranges = sourceKeys.perRange().ranges();
            within = new ArrayList<>();
            for (int range = 0; range < ranges.size(); range++) {
                if (!rawPerRange.get(range).equals(sourceKeys.perRange().rows().get(range))) {
                    within.add(ranges.span(range));
                }
            }
            Trace.lap("  hard-delete check by counts in " + ranges.size() + " key ranges: " + within.size() + " differ");
            if (within.isEmpty()) {
                return KeyScope.NONE;
            }
        } else {
            long expected = presentRows(spark, target, raw, soft) + added;
            Trace.lap("  hard-delete check by counts: source " + sourceKeys.rows() + ", raw with the batch " + expected);
            if (sourceKeys.rows() == expected) {
                return KeyScope.NONE;
            }
        }
        if (sourceKeys.sliceCounts() == null || sourceKeys.minKey() == null || sourceKeys.minKey() < 0
                || !JdbcReader.wholeNumber(raw.schema().apply(keys.get(0)).dataType())) {
            return KeyScope.ALL;
        }
        Column inside = within == null ? lit(true) : KeyRanges.within(first, within);
        Dataset<Row> rawKeys = raw.where(present("", soft)).where(inside).select(first);
        Dataset<Row> addedKeys = classified.where(addsKey(keys, soft)).where(inside).select(first);
        Row batchRange = addedKeys.agg(min(first), max(first)).first();
        long[] rawRange = keyBounds(spark, qualified(spark, target), keys.get(0));
        if (rawRange == null) {
            Row range = raw.agg(min(first), max(first)).first();
            rawRange = range.isNullAt(0) ? new long[0] : new long[] {((Number) range.get(0)).longValue(), ((Number) range.get(1)).longValue()};
        }
        long lowest = Math.min(rawRange.length == 0 ? 0 : rawRange[0], batchRange.isNullAt(0) ? 0 : ((Number) batchRange.get(0)).longValue());
        if (lowest < 0) {
            return KeyScope.ALL;
        }
        long highest = Math.max(sourceKeys.maxKey(), Math.max(rawRange.length == 0 ? 0 : rawRange[1],
                batchRange.isNullAt(1) ? 0 : ((Number) batchRange.get(1)).longValue()));
        long width = spanned(within, highest) / SLICES + 1;
        List<KeyRanges.Span> counted = within;
        Background<Map<Long, Long>> source = Background.start(() -> sourceKeys.sliceCounts().rowsPerSlice(width, counted));
        Map<Long, Long> rawSlices = new java.util.HashMap<>();
        for (Row row : rawKeys.unionAll(addedKeys).groupBy(sliceStart(first, width)).count().collectAsList()) {
            rawSlices.put(((Number) row.get(0)).longValue(), row.getLong(1));
        }
        Map<Long, Long> sourceSlices = source.result();
        java.util.SortedSet<Long> differing = new java.util.TreeSet<>();
        for (Long start : union(rawSlices.keySet(), sourceSlices.keySet())) {
            if (!java.util.Objects.equals(rawSlices.get(start), sourceSlices.get(start))) {
                differing.add(start);
            }
        }
        Trace.lap("  hard-delete check by slices: " + differing.size() + " of " + rawSlices.size() + " differ");
        return differing.size() > MAX_SLICES_READ ? KeyScope.ALL : new KeyScope(false, List.copyOf(differing), width);
    }

    /** How many non-negative keys up to highest the spans hold (null: all of them). */
    private static long spanned(List<KeyRanges.Span> spans, long highest) {
        if (spans == null) {
            return highest;
        }
        long keys = 0;
        for (KeyRanges.Span span : spans) {
            keys += Math.max(0, Math.min(span.to(), highest + 1) - Math.max(span.from(), 0));
        }
        return keys;
    }

    /** A raw row whose key the source still has: live, or a tombstone of a soft delete. prefix: of the raw columns' names. */
    private static Column present(String prefix, String soft) {
        Column present = col(prefix + "_op").equalTo("U");
        return soft == null ? present : present.or(coalesce(col("`" + prefix + soft + "`").cast(DataTypes.BooleanType), lit(false)));
    }

    /** A classified batch row that adds a key the source has to raw: every batch row is a source row, new or not present before. */
    private static Column addsKey(List<String> keys, String soft) {
        return col("__t_" + keys.get(0)).isNull().or(not(present("__t_", soft)));
    }

    /**
     * Raw rows whose key the source still has ({@link #present}), without reading them: the live rows from Iceberg's file
     * metadata less the hard-delete tombstones, whose files alone are read (Iceberg skips every file without {@code _op = 'D'}).
     */
    private static long presentRows(SparkSession spark, String target, Dataset<Row> raw, String soft) {
        Long live = liveRows(spark, qualified(spark, target));
        return (live == null ? raw.count() : live) - raw.where(tombstone(soft)).count();
    }

    /** A hard-delete tombstone; {@code _op = 'D'} spelled out: Iceberg prunes files by an equality, not by the negation of present. */
    private static Column tombstone(String soft) {
        return col("_op").equalTo("D").and(not(present("", soft)));
    }

    /**
     * {@link #presentRows} per key range, with the keys the batch adds (firstKeys: their first key column): live rows from
     * the metadata of the files in each range, less the tombstones there, plus the added keys there. Null when a file's
     * rows cannot be counted from metadata or a file spans two ranges (the table changed since the ranges were cut).
     */
    private static List<Long> presentRowsPerRange(SparkSession spark, String target, Dataset<Row> raw, Dataset<Row> addedFirstKeys,
            String soft, KeyRanges ranges) {
        String key = addedFirstKeys.columns()[0];
        long[] rows = new long[ranges.size()];
        for (LiveFile file : liveFiles(spark, qualified(spark, target), key)) {
            if (file.rows() == null || file.lowestKey() == null || ranges.of(file.lowestKey()) != ranges.of(file.highestKey())) {
                return null;
            }
            rows[ranges.of(file.lowestKey())] += file.rows();
        }
        Column range = ranges.of(col("`" + key + "`"));
        // aliased: a bare literal (one range: 0) in a GROUP BY would be read as a column position
        for (Row row : raw.where(tombstone(soft)).groupBy(range.as("range")).count().collectAsList()) {
            rows[row.getInt(0)] -= row.getLong(1);
        }
        for (Row row : addedFirstKeys.groupBy(range.as("range")).count().collectAsList()) {
            rows[row.getInt(0)] += row.getLong(1);
        }
        return Arrays.stream(rows).boxed().toList();
    }

    /**
     * The rows of a table's current snapshot from its metadata: records of the live data files less the records of the
     * position-delete files that apply to them (each position is deleted once: a MERGE reads, so deletes, only live rows).
     * Null when a delete applies that is not a file-scoped position delete (raw tables write those only), whose rows
     * cannot be counted without reading.
     */
    static Long liveRows(SparkSession spark, String table) {
        long rows = 0;
        for (LiveFile file : liveFiles(spark, table, null)) {
            if (file.rows() == null) {
                return null;
            }
            rows += file.rows();
        }
        return rows;
    }

    /**
     * Cuts of a whole-number column (the first key) such that each live data file of the table lies in one range: the
     * files sorted by their lowest key and joined where their key ranges overlap, at most MAX_RANGES ranges (whole
     * groups joined). One range when the table has no rows or a file has no bounds for the column.
     */
    static KeyRanges keyRanges(SparkSession spark, String target, String column) {
        List<LiveFile> files = new ArrayList<>(liveFiles(spark, qualified(spark, target), column));
        if (files.isEmpty() || files.stream().anyMatch(f -> f.lowestKey() == null)) {
            return KeyRanges.ONE;
        }
        files.sort(java.util.Comparator.comparing(LiveFile::lowestKey));
        List<Long> bounds = new ArrayList<>();
        long reach = files.get(0).highestKey();
        for (LiveFile file : files.subList(1, files.size())) {
            if (file.lowestKey() > reach) {
                bounds.add(file.lowestKey());
            }
            reach = Math.max(reach, file.highestKey());
        }
        if (bounds.size() >= MAX_RANGES) {
            List<Long> fewer = new ArrayList<>();
            for (int i = 0; i < MAX_RANGES - 1; i++) {
                fewer.add(bounds.get((int) ((long) i * bounds.size() / (MAX_RANGES - 1))));
            }
            bounds = fewer;
        }
        return new KeyRanges(bounds);
    }

    /**
     * The lowest and highest value of a whole-number column over the live data files, from their column bounds (no
     * data read; deleted rows may widen it, never narrow it); an empty array when the table has no rows, null when a
     * file has no bounds for the column.
     */
    static long[] keyBounds(SparkSession spark, String table, String column) {
        long lowest = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;
        for (LiveFile file : liveFiles(spark, table, column)) {
            if (file.lowestKey() == null) {
                return null;
            }
            lowest = Math.min(lowest, file.lowestKey());
            highest = Math.max(highest, file.highestKey());
        }
        return lowest == Long.MAX_VALUE ? new long[0] : new long[] {lowest, highest};
    }

    /** The start of the key's slice: key − key mod width, as the sources compute it for non-negative keys. */
    static Column sliceStart(Column key, long width) {
        return key.minus(key.mod(lit(width)));
    }

    private static Set<Long> union(Set<Long> a, Set<Long> b) {
        Set<Long> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * Rewrites the data files that have position deletes when more than maxDeleteFiles delete files apply to the table's
     * current data files (merge-on-read keeps reads fast only while deletes are few). Same rows, a new snapshot; returns the
     * current snapshot id.
     */
    static Long compact(SparkSession spark, String target, int maxDeleteFiles, Long snapshotId) {
        String catalog = spark.conf().get("spark.sql.defaultCatalog");
        if (liveDeleteFiles(spark, catalog + "." + target) <= maxDeleteFiles) {
            return snapshotId;
        }
        spark.sql("CALL " + catalog + ".system.rewrite_data_files(table => '" + target + "', options => map('delete-file-threshold', '1'))");
        return snapshot(spark, target);
    }

    /** Delete files that apply to a current data file (deletes of rewritten files no longer apply and are not counted). */
    static long liveDeleteFiles(SparkSession spark, String table) {
        Set<String> deletes = new java.util.HashSet<>();
        scanTasks(spark, table).forEach(task -> task.deletes().forEach(delete -> deletes.add(delete.location())));
        return deletes.size();
    }

    /**
     * A live data file from metadata: its records less those its position deletes remove (null when a delete applies
     * that is not a file-scoped position delete), and the bounds of a whole-number column (null: none recorded, or no
     * column asked for).
     */
    private record LiveFile(Long rows, Long lowestKey, Long highestKey) {}

    /** The current snapshot's data files (catalog.namespace.table), with the bounds of column (null: none wanted). */
    private static List<LiveFile> liveFiles(SparkSession spark, String table, String column) {
        List<LiveFile> files = new ArrayList<>();
        for (org.apache.iceberg.FileScanTask task : scanTasks(spark, table)) {
            Long rows = task.file().recordCount();
            for (org.apache.iceberg.DeleteFile delete : task.deletes()) {
                if (delete.content() != org.apache.iceberg.FileContent.POSITION_DELETES
                        || !org.apache.iceberg.util.ContentFileUtil.isFileScoped(delete)) {
                    rows = null;
                    break;
                }
                rows -= delete.recordCount();
            }
            Long lowest = null;
            Long highest = null;
            org.apache.iceberg.types.Types.NestedField field = column == null ? null : task.schema().caseInsensitiveFindField(column);
            if (field != null && task.file().lowerBounds() != null && task.file().upperBounds() != null) {
                java.nio.ByteBuffer lower = task.file().lowerBounds().get(field.fieldId());
                java.nio.ByteBuffer upper = task.file().upperBounds().get(field.fieldId());
                if (lower != null && upper != null) {
                    lowest = ((Number) org.apache.iceberg.types.Conversions.fromByteBuffer(field.type(), lower)).longValue();
                    highest = ((Number) org.apache.iceberg.types.Conversions.fromByteBuffer(field.type(), upper)).longValue();
                }
            }
            files.add(new LiveFile(rows, lowest, highest));
        }
        return files;
    }

    /** namespace.table in the lake's catalog. */
    private static String qualified(SparkSession spark, String target) {
        return spark.conf().get("spark.sql.defaultCatalog") + "." + target;
    }

    /** The current snapshot's data files with the deletes that apply to each (catalog.namespace.table); none without a snapshot. */
    private static List<org.apache.iceberg.FileScanTask> scanTasks(SparkSession spark, String table) {
        try {
            org.apache.iceberg.Table iceberg = org.apache.iceberg.spark.Spark3Util.loadIcebergTable(spark, table);
            if (iceberg.currentSnapshot() == null) {
                return List.of();
            }
            List<org.apache.iceberg.FileScanTask> files = new ArrayList<>();
            try (org.apache.iceberg.io.CloseableIterable<org.apache.iceberg.FileScanTask> tasks = iceberg.newScan().includeColumnStats().planFiles()) {
                tasks.forEach(files::add);
            }
            return files;
        } catch (org.apache.spark.sql.catalyst.parser.ParseException | org.apache.spark.sql.catalyst.analysis.NoSuchTableException
                | java.io.IOException e) {
            throw new IngestionException("cannot plan the files of " + table + ": " + e.getMessage(), e);
        }
    }

    static scala.collection.immutable.Seq<String> seq(List<String> columns) {
        return scala.jdk.javaapi.CollectionConverters.asScala(columns).toList();
    }

    /**
     * Rows of raw written by this run (reconciliation: must equal inserted + updated + deleted). When the run wrote the
     * table's first snapshot, every row is the run's and Iceberg's snapshot summary counts them without a scan.
     */
    static long writtenBy(SparkSession spark, String target, String runId, boolean firstSnapshot) {
        if (firstSnapshot) {
            try {
                org.apache.iceberg.Table iceberg = org.apache.iceberg.spark.Spark3Util.loadIcebergTable(spark,
                        qualified(spark, target));
                String total = iceberg.currentSnapshot().summary().get("total-records");
                if (total != null) {
                    return Long.parseLong(total);
                }
            } catch (org.apache.spark.sql.catalyst.parser.ParseException | org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
                // fall through to counting
            }
        }
        return spark.table(target).where(col("_run_id").equalTo(runId)).count();
    }

    /** The current snapshot of a table from its Iceberg metadata (no Spark job); null when it has none. */
    static Long snapshot(SparkSession spark, String table) {
        try {
            org.apache.iceberg.Table iceberg = org.apache.iceberg.spark.Spark3Util.loadIcebergTable(spark,
                    spark.conf().get("spark.sql.defaultCatalog") + "." + table);
            org.apache.iceberg.Snapshot current = iceberg.currentSnapshot();
            return current == null ? null : current.snapshotId();
        } catch (org.apache.spark.sql.catalyst.parser.ParseException | org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
            throw new IngestionException("cannot read the snapshot of " + table + ": " + e.getMessage(), e);
        }
    }

    /** Appends rows (QUARANTINE schema) to a quarantine table, created on first use; returns the rows the table has for this run and source. */
    static long quarantine(SparkSession spark, String table, Dataset<Row> rows, String runId, String source) {
        if (!spark.catalog().tableExists(table)) {
            create(spark, table, QUARANTINE);
        }
        Sparks.append(rows, table);
        return spark.table(table).where(col("run_id").equalTo(runId).and(col("source").equalTo(source))).count();
    }

    static Set<String> columnsOf(SparkSession spark, String table) {
        return Set.of(spark.table(table).columns());
    }
}
