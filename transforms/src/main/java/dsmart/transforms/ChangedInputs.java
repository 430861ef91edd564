package dsmart.transforms;

import dsmart.lake.Settings;
import dsmart.lake.Trace;
import dsmart.lake.spark.Sparks;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What changed in an as-of mart's inputs since the snapshot that published it, as the as-of dates to rebuild
 * ({@link Rebuild}). A raw table's changed rows are those ingestion wrote after that snapshot's input snapshot
 * ({@code _ingested_at} after its commit: one writer at a time), compared with their version then by the table's key
 * ({@link Sparks#KEY_PROPERTY}); a row whose values are the same but for {@code updated_at} is no change. A change
 * reaches back to the earliest business date (a date or timestamp column other than {@code updated_at}) of the row
 * before and after it.
 */
final class ChangedInputs {
    /** Not a business date: a re-stamp with no other change is no change. */
    static final String RESTAMP = "updated_at";
    /** Changed rows up to this many have their keys broadcast to find their previous versions. */
    private static final long BROADCAST_ROWS = 2_000_000;

    private ChangedInputs() {}

    /**
     * What to rebuild of an as-of mart whose inputs are now {@code now}, published last in {@code published}. A run keeps
     * what it found of a raw table since a snapshot in {@code seen}, for the next mart that reads the same.
     */
    static Rebuild of(SparkSession spark, Mart mart, MartInputs.Inputs now, Sparks.Snapshot published, Map<String, DatedBy> datedBy,
            Map<String, Rebuild> seen) {
        String target = mart.table().toString();
        Mart.Partial partial = mart.partial().orElseThrow(() -> new IllegalArgumentException(target + " is not rebuilt in part"));
        if (!Sparks.partitioning(spark, target).contains(partial.partitionedBy())) {
            return Rebuild.whole("not partitioned by " + partial.partitionedBy() + " yet");
        }
        if (!now.definition().equals(published.summary().get(MartInputs.DEFINITION_PROPERTY))) {
            return Rebuild.whole("its SQL, checks, settings or time zone changed");
        }
        SortedMap<String, String> before = MartInputs.publishedSnapshots(published.summary()).orElse(null);
        if (before == null) {
            return Rebuild.whole("its snapshot " + published.id() + " does not record its inputs' snapshots");
        }
        Rebuild rebuild = Rebuild.NOTHING;
        for (Map.Entry<String, String> input : now.snapshots().entrySet()) {
            String name = input.getKey();
            String was = before.get(name);
            if (input.getValue().equals(was)) {
                continue;
            }
            if (was == null || was.equals(MartInputs.ABSENT)) {
                rebuild = rebuild.and(Rebuild.whole(name + " is new to it"));
            } else if (input.getValue().equals(MartInputs.ABSENT)) {
                rebuild = rebuild.and(Rebuild.whole(name + " is gone"));
            } else if (!name.startsWith("raw.")) {
                rebuild = rebuild.and(martSince(spark, name, Long.parseLong(was)));
            } else {
                long id = Long.parseLong(was);
                rebuild = rebuild.and(seen.computeIfAbsent(name + "@" + id, k -> Sparks.snapshot(spark, name, id)
                        .map(s -> rawSince(spark, name, s, datedBy.get(name)))
                        .orElseGet(() -> Rebuild.whole(name + "'s snapshot " + id + " is expired"))));
                Trace.lap(target + " changes of " + name);
            }
            if (rebuild.isWhole()) {
                break;
            }
        }
        return rebuild;
    }

    /**
     * What another mart's snapshots since one of them reach back to: the earliest as-of date they replaced, when each
     * replaced some as-of dates only ({@link Transforms#REBUILT_FROM_PROPERTY}).
     */
    static Rebuild martSince(SparkSession spark, String table, long before) {
        List<Sparks.Snapshot> after = Sparks.snapshotsAfter(spark, table, before).orElse(null);
        if (after == null) {
            return Rebuild.whole(table + " has no snapshot " + before + " before its current one");
        }
        Rebuild rebuild = Rebuild.NOTHING;
        for (Sparks.Snapshot snapshot : after) {
            String from = snapshot.summary().get(Transforms.REBUILT_FROM_PROPERTY);
            if (from == null) {
                return Rebuild.whole(table + " was rebuilt whole");
            }
            rebuild = rebuild.and(Rebuild.from(LocalDate.parse(from)));
        }
        return rebuild;
    }

    /**
     * A raw table without business dates of its own whose rows take their parent's: a changed row reaches back to the
     * earliest business date of the row of {@code parent} with the same {@code column} (its key there). The parent's own
     * changes (a re-dated order) are its own table's, which a mart reading the child reads too.
     */
    record DatedBy(String column, String parent) {
        static final String SETTING = "transform.dated.by";

        DatedBy {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(parent, "parent");
        }

        /** Setting transform.dated.by (checked by the settings): {@code child:column:parent}, comma-separated. */
        static Map<String, DatedBy> of(Settings settings) {
            Map<String, DatedBy> tables = new java.util.LinkedHashMap<>();
            for (String entry : settings.text(SETTING).split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                String[] parts = entry.strip().split(":");
                tables.put("raw." + parts[0].strip(), new DatedBy(parts[1].strip(), "raw." + parts[2].strip()));
            }
            return Map.copyOf(tables);
        }
    }

    /** What a raw table's changes since one of its snapshots reach back to; {@code datedBy} may be null. */
    static Rebuild rawSince(SparkSession spark, String table, Sparks.Snapshot before, DatedBy datedBy) {
        String key = Sparks.property(spark, table, Sparks.KEY_PROPERTY).orElse(null);
        if (key == null) {
            return Rebuild.whole(table + " has no key (table property " + Sparks.KEY_PROPERTY + ")");
        }
        List<String> keys = Arrays.stream(key.split(",")).map(String::strip).toList();
        StructType schema = spark.table(table).schema();
        if (!schema.equals(spark.sql("SELECT * FROM " + table + " VERSION AS OF " + before.id()).schema())) {
            return Rebuild.whole(table + "'s columns changed since snapshot " + before.id());
        }
        List<String> dates = businessDates(schema);
        List<String> compared = new ArrayList<>();
        for (StructField field : schema.fields()) {
            String name = field.name();
            if (!isMeta(name) && !name.equals(RESTAMP) && !keys.contains(name)) {
                compared.add(name);
            }
        }
        String written = "(SELECT * FROM " + table + " WHERE _ingested_at > timestamp_millis(" + before.committedAtMillis() + "))";
        long rows = spark.sql("SELECT COUNT(*) FROM " + written).first().getLong(0);
        if (rows == 0) {
            return Rebuild.NOTHING;
        }
        String changes = changes(table, written, rows <= BROADCAST_ROWS, keys, compared, before);
        if (dates.isEmpty() && datedBy != null) {
            return parentSince(spark, table, datedBy, changes);
        }
        if (dates.isEmpty()) {
            return spark.sql("SELECT COUNT(*) " + changes).first().getLong(0) == 0 ? Rebuild.NOTHING
                    : Rebuild.whole(table + " changed and has no business date");
        }
        String earliest = least(dates.stream().flatMap(d -> List.of("a.`" + d + "`", "b.`" + d + "`").stream()).toList());
        Row row = spark.sql("SELECT COUNT(*), COUNT_IF(earliest IS NULL), MIN(earliest) FROM (SELECT " + earliest + " AS earliest "
                + changes + ")").first();
        if (row.getLong(0) == 0) {
            return Rebuild.NOTHING;
        }
        if (row.getLong(1) > 0) {
            return Rebuild.whole(row.getLong(1) + " changed rows of " + table + " have no business date");
        }
        return Rebuild.from(Sparks.date(row.get(2)));
    }

    /** What changed rows of a table dated by its parent reach back to: the earliest business date of their parents' rows. */
    private static Rebuild parentSince(SparkSession spark, String table, DatedBy datedBy, String changes) {
        if (!spark.catalog().tableExists(datedBy.parent())) {
            return Rebuild.whole(table + " is dated by " + datedBy.parent() + ", which is absent");
        }
        List<String> dates = businessDates(spark.table(datedBy.parent()).schema());
        if (dates.isEmpty()) {
            return Rebuild.whole(table + " is dated by " + datedBy.parent() + ", which has no business date");
        }
        String column = "`" + datedBy.column() + "`";
        // computed once: the query below reads the changed keys twice
        Dataset<Row> keys = spark.sql("SELECT DISTINCT a." + column + " AS k " + changes).localCheckpoint();
        String changed = "changed_" + table.replace('.', '_');
        keys.createOrReplaceTempView(changed);
        String parents = "(SELECT /*+ BROADCAST(c) */ p." + column + " AS k, "
                + least(dates.stream().map(d -> "p.`" + d + "`").toList()) + " AS earliest "
                + "FROM " + datedBy.parent() + " p LEFT SEMI JOIN " + changed + " c ON p." + column + " = c.k)";
        Row row;
        try {
            row = spark.sql("SELECT COUNT(*), COUNT(p.earliest), MIN(p.earliest) FROM " + changed + " c LEFT JOIN " + parents
                    + " p ON p.k = c.k").first();
        } finally {
            spark.catalog().dropTempView(changed);
            Transforms.release(keys);
        }
        if (row.getLong(0) == 0) {
            return Rebuild.NOTHING;
        }
        if (row.getLong(1) < row.getLong(0)) {
            return Rebuild.whole((row.getLong(0) - row.getLong(1)) + " changed rows of " + table + " have no dated row in "
                    + datedBy.parent());
        }
        return Rebuild.from(Sparks.date(row.get(2)));
    }

    private static boolean isMeta(String column) {
        return column.startsWith("_") && !column.equals("_op");
    }

    /** A table's business dates: its DATE and TIMESTAMP columns but {@code updated_at} and ingestion's. */
    private static List<String> businessDates(StructType schema) {
        return Arrays.stream(schema.fields())
                .filter(f -> !isMeta(f.name()) && !f.name().equals(RESTAMP))
                .filter(f -> f.dataType().equals(DataTypes.DateType) || f.dataType().equals(DataTypes.TimestampType))
                .map(StructField::name)
                .toList();
    }

    private static String least(List<String> columns) {
        List<String> dates = columns.stream().map(c -> "CAST(" + c + " AS DATE)").toList();
        return dates.size() == 1 ? dates.get(0) : "least(" + String.join(", ", dates) + ")";
    }

    /**
     * FROM … WHERE …: each row written after {@code before} (a), with its version in {@code before} (b) when there was one.
     * With {@code few} written rows, their keys are broadcast to pick the old versions, so the table at {@code before} is
     * read once and not shuffled.
     */
    private static String changes(String table, String written, boolean few, List<String> keys, List<String> compared,
            Sparks.Snapshot before) {
        String on = keys.stream().map(k -> "a.`" + k + "` = b.`" + k + "`").collect(Collectors.joining(" AND "));
        String same = compared.stream().map(c -> "a.`" + c + "` <=> b.`" + c + "`").collect(Collectors.joining(" AND "));
        String old = table + " VERSION AS OF " + before.id();
        if (few) {
            String keyList = keys.stream().map(k -> "`" + k + "`").collect(Collectors.joining(", "));
            old = "(SELECT /*+ BROADCAST(a) */ b.* FROM " + old + " b LEFT SEMI JOIN (SELECT " + keyList + " FROM " + written + ") a ON "
                    + on + ")";
        }
        return "FROM " + written + " a LEFT JOIN " + old + " b ON " + on + " "
                + "WHERE b.`" + keys.get(0) + "` IS NULL" + (same.isEmpty() ? "" : " OR NOT (" + same + ")");
    }
}
