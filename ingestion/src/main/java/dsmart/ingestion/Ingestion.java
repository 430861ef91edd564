package dsmart.ingestion;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import dsmart.lake.Progress;
import dsmart.lake.Settings;
import dsmart.lake.SettingsException;
import dsmart.lake.TableId;
import dsmart.lake.Trace;
import dsmart.lake.spark.RunLedger;
import dsmart.lake.spark.Sparks;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * One ingest run: every table of setting ingest.tables read over JDBC (in full the first time, then from its cursor
 * on) and MERGEd into raw.<system>_<table> by key, then every file dropped in a feed's inbox. Rows failing validation
 * go to quarantine.*; ops.watermarks and ops.files advance at the end; ops.runs gets a line per table.
 *
 * <p>A run is one unit: it holds the lake's writer lock, journals every table's snapshot before its first write, and
 * on failure rolls every table it may have touched (raw, quarantine, watermarks, files) back to that snapshot. When
 * the process is killed, the next run finds the journal and rolls back first. See docs/ingestion.md.
 */
public final class Ingestion {
    public static final String STAGE = "ingest";

    private final Settings settings;
    private final Progress progress;
    private final boolean fullRefresh;

    private Ingestion(Settings settings, Progress progress, boolean fullRefresh) {
        this.settings = settings;
        this.progress = progress;
        this.fullRefresh = fullRefresh;
    }

    /** What one table (or feed) got in a run. rowsWritten: rows read that reached raw, changed or not. */
    public record TableResult(TableId table, String mode, long rowsRead, long rowsWritten, long inserted, long updated, long deleted,
            long unchanged, long quarantined, Long snapshotId, String cursorBefore, String cursorAfter, int queries) {}

    public static List<TableResult> run(Settings settings, Progress progress) {
        return run(settings, progress, false);
    }

    /** With fullRefresh every table is read in full (deletes found by absence, watermarks reset to what was read). */
    public static List<TableResult> run(Settings settings, Progress progress, boolean fullRefresh) {
        return new Ingestion(settings, progress, fullRefresh).run();
    }

    private record Move(Path from, Path to) {}

    /** What the run has done so far; written to the lake at its end. */
    private static final class RunState {
        final String runId;
        final List<TableResult> results = new ArrayList<>();
        final List<RunLedger.Entry> ledger = new ArrayList<>();
        final List<Watermarks.Mark> marks = new ArrayList<>();
        final List<FileLog.Entry> files = new ArrayList<>();
        final List<Move> moves = new ArrayList<>();

        RunState(String runId) {
            this.runId = runId;
        }
    }

    private List<TableResult> run() {
        List<SourceTable> tables = SourceTable.fromSettings(settings);
        List<Feed> feeds = Feed.fromSettings(settings);
        for (Feed feed : feeds) {
            if (tables.stream().anyMatch(t -> t.target().equals(feed.target()))) {
                throw new SettingsException("feed " + feed.name() + " would write " + feed.target() + ", which ingest.tables writes already "
                        + "(setting " + feed.prefix() + "table)");
            }
        }
        String runId = RunLedger.newRunId();
        try (WriterLock lock = WriterLock.acquire(settings, runId, progress)) {
            if (lock.previous() != null) {
                recover(Sparks.session(settings), lock, runId);
            }
            checkSources(settings, tables); // before Spark starts: an unreachable source fails in a second
            Trace.lap("check sources");
            SparkSession spark = Sparks.session(settings);
            JdbcReader reader = new JdbcReader(spark, settings);
            for (String namespace : List.of("raw", "quarantine", "ops")) {
                Sparks.createNamespace(spark, namespace);
            }
            Map<String, Long> before = snapshots(spark, touched(tables, feeds));
            lock.begin(runId, before);
            Trace.lap("snapshots and journal");
            RunState state = new RunState(runId);
            Instant started = Instant.now();
            String current = null;
            String target = null;
            try {
                Map<String, Watermarks.Mark> marks = Watermarks.read(spark);
                Trace.lap("read watermarks");
                for (SourceTable table : tables) {
                    current = table.toString();
                    target = table.target().toString();
                    ingestTable(spark, reader, table, marks.get(target), state);
                }
                Map<String, String> loaded = FileLog.loaded(spark);
                for (Feed feed : feeds) {
                    current = feed.toString();
                    target = feed.target().toString();
                    ingestFeed(spark, feed, loaded, state);
                }
                current = "ops.watermarks";
                target = Watermarks.TABLE;
                Watermarks.write(spark, marks, state.marks);
                Trace.lap("write watermarks");
                current = "ops.files";
                target = FileLog.TABLE;
                FileLog.append(spark, state.files);
            } catch (RuntimeException e) {
                String what = "ingesting " + current + " into " + target + " failed: " + rootMessage(e);
                try {
                    rollBack(spark, before);
                } catch (RuntimeException rollback) {
                    e.addSuppressed(rollback);
                    // the journal stays: the next ingest rolls back before it does anything else
                    throw new IngestionException(what + "; rolling back failed too (" + rootMessage(rollback)
                            + "), the next ingest will roll back first", e);
                }
                lock.clear();
                String message = what + " (lake rolled back to its previous snapshots; no watermark moved)";
                RunLedger.record(spark, List.of(new RunLedger.Entry(runId, STAGE, "*", started, Instant.now(), "failed", 0, 0, null, message)));
                throw new IngestionException(message, e);
            }
            lock.committed(runId);
            if (!state.ledger.isEmpty()) {
                RunLedger.record(spark, state.ledger);
            }
            Trace.lap("ledger");
            archive(state.moves);
            lock.clear();
            return state.results;
        }
    }

    // ------------------------------------------------------------------ JDBC tables

    private void ingestTable(SparkSession spark, JdbcReader reader, SourceTable table, Watermarks.Mark mark, RunState state) {
        Instant started = Instant.now();
        String target = table.target().toString();
        progress.start(target);
        JdbcReader.Shape shape = reader.shape(table);
            Trace.lap("shape");
        for (String key : table.keys()) {
            if (!shape.has(key)) {
                throw new IllegalArgumentException("key column " + key + " (setting ingest.tables) is not a column of " + table + " "
                        + shape.columns().keySet());
            }
        }
        table.rules().columnsNamed().forEach((column, key) -> {
            if (!shape.has(column)) {
                throw new SettingsException("setting " + key + " names column " + column + ", which " + table + " does not have "
                        + shape.columns().keySet());
            }
        });
        String cursor = optionalColumn(table, shape, table.cursor(), table.cursorExplicit(), "cursor", "ingest.cursor.column");
        if (cursor != null && !JdbcReader.cursorType(shape.type(cursor))) {
            throw new SettingsException("setting " + (table.cursorExplicit() ? table.prefix() + "cursor" : "ingest.cursor.column") + ": column "
                    + cursor + " of " + table + " is " + shape.type(cursor).sql() + "; a cursor must be a timestamp, date or number");
        }
        String soft = optionalColumn(table, shape, table.softDelete(), table.softDeleteExplicit(), "soft.delete", "ingest.soft.delete.column");
        boolean rawExists = spark.catalog().tableExists(target);
        boolean firstSnapshot = !rawExists || RawTables.snapshot(spark, target) == null;
        boolean incremental = !fullRefresh && !table.full() && cursor != null && mark != null && mark.cursorValue() != null
                && cursor.equals(mark.cursorColumn()) && rawExists;
        String cursorBefore = mark == null ? null : mark.cursorValue();
        DataType cursorType = cursor == null ? null : shape.type(cursor);
        String predicate = incremental ? JdbcReader.cursorPredicate(reader.quote(table, shape.original(cursor)), cursorType,
                mark.cursorValue(), settings.integer("ingest.overlap.minutes")) : null;

        // the source's counts run while Spark reads and classifies the batch
        Background<JdbcReader.KeyStats> keyStats = null;
        if (incremental && keyCheckDue(mark)) {
            String first = table.keys().get(0);
            KeyRanges ranges = JdbcReader.wholeNumber(shape.type(first)) ? RawTables.keyRanges(spark, target, first) : null;
            keyStats = Background.start(() -> reader.keyStats(table, shape, ranges));
        }
        JdbcReader.Read read = reader.read(table, shape, predicate, null);
            Trace.lap("plan read (stats query)");
        List<String> dataColumns = List.of(read.rows().columns());
        Dataset<Row> staged = read.rows()
                .withColumn("_op", soft == null ? lit("U") : when(coalesce(col("`" + soft + "`").cast(DataTypes.BooleanType), lit(false)), lit("D"))
                        .otherwise(lit("U")))
                .withColumn("_ingested_at", current_timestamp())
                .withColumn("_run_id", lit(state.runId));
        List<String> drift = new ArrayList<>();
        if (rawExists) {
            staged = RawTables.align(spark, target, staged, settings.bool("ingest.schema.evolve"), table.toString(), drift);
            RawTables.recordKey(spark, target, table.keys());
        } else {
            RawTables.create(spark, target, staged.schema(), table.keys());
        }
        staged = staged.persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> checked;
        try {
            boolean unique = reader.keyIsUnique(table);
            checked = Checks.reasons(spark, staged, table.rules(), table.keys(), true, !unique);
            if (!table.rules().references().isEmpty() || !unique) {
                checked = checked.localCheckpoint(); // joins other raw tables: not cached, see RawTables.apply
            }
            // One pass for what the run needs to know of the batch: rows, highest cursor, key range, rows refused, tombstones.
            Column refused = size(col(Checks.REASONS)).gt(0);
            Column firstKey = col("`" + table.keys().get(0) + "`");
            Row totals = checked.agg(count(lit(1)), cursor == null ? lit(null) : max(col("`" + cursor + "`")), min(firstKey), max(firstKey),
                    count_if(refused), count_if(not(refused).and(col("_op").equalTo("D")))).first();
            Trace.lap("read and check rows");
            long rowsRead = totals.getLong(0);
            String maxCursor = JdbcReader.watermarkText(totals.get(1));
            long quarantined = 0;
            if (totals.getLong(4) > 0) {
                quarantined = RawTables.quarantine(spark, table.quarantine().toString(),
                        Checks.quarantineRows(Checks.bad(checked), state.runId, table.toString(), table.keys(), dataColumns), state.runId,
                        table.toString());
            }
            RawTables.SourceKeys sourceKeys = null;
            if (!incremental) {
                sourceKeys = RawTables.SourceKeys.all(staged.select(table.keys().stream().map(k -> col("`" + k + "`")).toArray(Column[]::new)));
            } else if (keyStats != null) {
                RawTables.SliceKeys keys = (starts, width) -> reader.read(table, shape,
                        starts == null ? null : reader.inSlices(table, shape, starts, width), table.keys()).rows();
                if (totals.getLong(4) > 0) {
                    // a quarantined row is a source key raw will not hold: the counts could not tell a deleted key from it
                    sourceKeys = RawTables.SourceKeys.uncounted(keys);
                } else {
                    JdbcReader.KeyStats stats = keyStats.result();
                    sourceKeys = RawTables.SourceKeys.counted(stats.rows(), stats.min(), stats.max(), stats.perRange(), soft,
                            (width, within) -> reader.rowsPerSlice(table, shape, width, within), keys);
                }
            }
            boolean keysChecked = sourceKeys != null;
            RawTables.Changes changes = RawTables.apply(spark, target, Checks.good(checked), table.keys(), sourceKeys, state.runId,
                    new RawTables.Facts(rowsRead - totals.getLong(4), totals.getLong(5), totals.get(2), totals.get(3)));
            Trace.lap("apply");

            // Reconciliation: every row read is in raw (changed or not) or in quarantine; raw holds exactly the rows this run wrote.
            long accepted = changes.inserted() + changes.updated() + changes.deletedFromRows() + changes.unchanged();
            Reconciliation.rowsAccountedFor(table.toString(), rowsRead, target, accepted, table.quarantine().toString(), quarantined);
            if (changes.written() > 0) { // else there is no new snapshot to hold rows of this run
                Reconciliation.rowsWritten(table.toString(), target, state.runId, RawTables.writtenBy(spark, target, state.runId, firstSnapshot),
                        changes.written());
            }
            Trace.lap("reconcile written");
            List<String> notes = new ArrayList<>(drift);
            Long snapshotId = changes.written() > 0
                    ? RawTables.compact(spark, target, settings.integer("ingest.compact.delete.files"), changes.snapshotId())
                    : changes.snapshotId();
            if (!java.util.Objects.equals(snapshotId, changes.snapshotId())) {
                notes.add("compacted: data files with deletes rewritten");
            }
            Trace.lap("compact");
            String cursorAfter = cursor == null ? null : incremental ? JdbcReader.later(cursorBefore, maxCursor, cursorType) : maxCursor;
            Instant keysAt = keysChecked ? started : mark == null ? null : mark.keysCheckedAt();
            state.marks.add(new Watermarks.Mark(target, table.toString(), cursor, cursorAfter, keysAt, state.runId, Instant.now()));

            String mode = incremental ? (keysChecked ? "incremental+keys" : "incremental") : "full";
            if (read.queries() > 1) {
                notes.add("read in " + read.queries() + " parallel key ranges");
            }
            if (cursor == null) {
                notes.add("no cursor column: read in full");
            }
            if (incremental && keysChecked && !changes.keysRead()) {
                notes.add("hard-delete check by row counts (no key gone)");
            }
            progress.done(rowsRead);
            progress.message(String.format("%s %s: %d inserted, %d updated, %d deleted, %d unchanged, %d quarantined%s", target, mode,
                    changes.inserted(), changes.updated(), changes.deleted(), changes.unchanged(), quarantined,
                    notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")"));
            state.results.add(new TableResult(table.target(), mode, rowsRead, accepted, changes.inserted(), changes.updated(), changes.deleted(),
                    changes.unchanged(), quarantined, snapshotId, cursorBefore, cursorAfter, read.queries()));
            state.ledger.add(new RunLedger.Entry(state.runId, STAGE, target, started, Instant.now(), "ok", rowsRead, accepted,
                    snapshotId, notes.isEmpty() ? null : String.join("; ", notes),
                    new RunLedger.Detail(mode, changes.inserted(), changes.updated(), changes.deleted(), changes.unchanged(), quarantined,
                            cursorBefore, cursorAfter)));
        } finally {
            staged.unpersist();
        }
    }

    /** A cursor or soft-delete column: one named for this table must exist; the global default is used where present. */
    private static String optionalColumn(SourceTable table, JdbcReader.Shape shape, String column, boolean explicit, String option, String global) {
        if (column == null) {
            return null;
        }
        if (shape.has(column)) {
            return column;
        }
        if (explicit) {
            throw new SettingsException("setting " + table.prefix() + option + "=" + column + ": " + table + " has no such column "
                    + shape.columns().keySet());
        }
        return null;
    }

    private boolean keyCheckDue(Watermarks.Mark mark) {
        int minutes = settings.integer("ingest.delete.check.minutes");
        return minutes == 0 || mark.keysCheckedAt() == null
                || !Instant.now().isBefore(mark.keysCheckedAt().plus(Duration.ofMinutes(minutes)));
    }

    // ------------------------------------------------------------------ file feeds

    private void ingestFeed(SparkSession spark, Feed feed, Map<String, String> loaded, RunState state) {
        List<Path> files;
        try {
            Files.createDirectories(feed.inbox());
            try (Stream<Path> listing = Files.list(feed.inbox())) {
                files = listing.filter(Files::isRegularFile).filter(FeedReader::isFeedFile).sorted().toList();
            }
        } catch (IOException e) {
            throw new IngestionException("inbox " + feed.inbox() + " of feed " + feed.name() + " cannot be read: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            return;
        }
        Instant started = Instant.now();
        String target = feed.target().toString();
        progress.start(target);
        long read = 0;
        long accepted = 0;
        long inserted = 0;
        long updated = 0;
        long unchanged = 0;
        long quarantined = 0;
        Long snapshot = null;
        List<String> notes = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new IngestionException("file " + file + " cannot be read: " + e.getMessage(), e);
            }
            String sha = sha256(bytes);
            String name = file.getFileName().toString();
            Path archiveTo = feed.archive().resolve(state.runId).resolve(name);
            String earlier = loaded.get(sha);
            if (earlier != null) {
                progress.message("skipped " + file + ": same content (SHA-256 " + sha + ") as " + earlier + "; not loaded again");
                state.files.add(new FileLog.Entry(sha, feed.name(), name, bytes.length, "duplicate", state.runId, 0, 0, 0,
                        archiveTo.toString(), Instant.now(), "same SHA-256 as " + earlier));
                state.moves.add(new Move(file, archiveTo));
                notes.add(name + ": duplicate of " + earlier);
                continue;
            }
            FeedReader.Parsed parsed = FeedReader.read(feed, file, bytes);
            String source = feed.name() + "/" + name;
            Dataset<Row> checked = Checks.reasons(spark, spark.createDataFrame(rows(parsed), schema(feed)), feed.rules(), feed.keys(), false)
                    .localCheckpoint();
            {
                long fileRows = parsed.rows().size();
                Dataset<Row> bad = Checks.bad(checked);
                long fileQuarantined = 0;
                if (!bad.isEmpty()) {
                    String unit = name.toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx") ? "row " : "line ";
                    fileQuarantined = RawTables.quarantine(spark, feed.quarantine().toString(), bad.select(lit(state.runId).as("run_id"),
                            lit(source).as("source"), concat(lit(unit), col("_line").cast(DataTypes.StringType)).as("locator"),
                            col("_record").as("record"), org.apache.spark.sql.functions.to_json(col(Checks.REASONS)).as("reasons"),
                            size(col(Checks.REASONS)).as("reason_count"), current_timestamp().as("quarantined_at")),
                            state.runId, source);
                }
                Dataset<Row> good = Checks.good(checked).drop("_line", "_record")
                        .withColumn(RawTables.SOURCE_FILE, lit(name))
                        .withColumn("_op", lit("U"))
                        .withColumn("_ingested_at", current_timestamp())
                        .withColumn("_run_id", lit(state.runId));
                List<String> drift = new ArrayList<>();
                if (spark.catalog().tableExists(target)) {
                    good = RawTables.align(spark, target, good, settings.bool("ingest.schema.evolve"), source, drift);
                    RawTables.recordKey(spark, target, feed.keys());
                } else {
                    RawTables.create(spark, target, good.schema(), feed.keys());
                }
                RawTables.Changes changes = RawTables.apply(spark, target, good, feed.keys(), null, state.runId);
                long fileAccepted = changes.inserted() + changes.updated() + changes.unchanged();
                Reconciliation.rowsAccountedFor(file.toString(), fileRows, target, fileAccepted, feed.quarantine().toString(), fileQuarantined);
                List<String> fileNotes = new ArrayList<>(drift);
                if (parsed.blankLines() > 0) {
                    fileNotes.add(parsed.blankLines() + " blank lines skipped");
                }
                if (!parsed.unmappedHeaders().isEmpty()) {
                    fileNotes.add("columns not mapped, ignored: " + parsed.unmappedHeaders());
                }
                loaded.put(sha, name + " (run " + state.runId + ")");
                state.files.add(new FileLog.Entry(sha, feed.name(), name, bytes.length, "loaded", state.runId, fileRows, fileAccepted,
                        fileQuarantined, archiveTo.toString(), Instant.now(), fileNotes.isEmpty() ? null : String.join("; ", fileNotes)));
                state.moves.add(new Move(file, archiveTo));
                notes.add(name + ": " + fileRows + " rows" + (fileNotes.isEmpty() ? "" : " (" + String.join("; ", fileNotes) + ")"));
                read += fileRows;
                accepted += fileAccepted;
                inserted += changes.inserted();
                updated += changes.updated();
                unchanged += changes.unchanged();
                quarantined += fileQuarantined;
                snapshot = changes.snapshotId();
                progress.add(fileRows);
            }
        }
        progress.done(read);
        progress.message(String.format("%s file: %d inserted, %d updated, %d unchanged, %d quarantined (%s)", target, inserted, updated,
                unchanged, quarantined, String.join("; ", notes)));
        state.results.add(new TableResult(feed.target(), "file", read, accepted, inserted, updated, 0, unchanged, quarantined, snapshot,
                null, null, files.size()));
        state.ledger.add(new RunLedger.Entry(state.runId, STAGE, target, started, Instant.now(), "ok", read, accepted, snapshot,
                String.join("; ", notes), new RunLedger.Detail("file", inserted, updated, 0L, unchanged, quarantined, null, null)));
    }

    private static StructType schema(Feed feed) {
        StructType schema = new StructType();
        for (Feed.Column column : feed.columns()) {
            schema = schema.add(column.name(), column.sparkType(), true);
        }
        return schema.add("_line", DataTypes.IntegerType, false)
                .add("_record", DataTypes.StringType, true)
                .add(Checks.REASONS, DataTypes.createArrayType(DataTypes.StringType, true), false);
    }

    private static List<Row> rows(FeedReader.Parsed parsed) {
        List<Row> rows = new ArrayList<>(parsed.rows().size());
        for (FeedReader.ParsedRow row : parsed.rows()) {
            Object[] values = new Object[row.values().length + 3];
            System.arraycopy(row.values(), 0, values, 0, row.values().length);
            values[row.values().length] = row.line();
            values[row.values().length + 1] = row.record();
            values[row.values().length + 2] = List.copyOf(row.reasons());
            rows.add(RowFactory.create(values));
        }
        return rows;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loaded and duplicate files leave the inbox once the run is committed; a file that cannot move is loaded-and-skipped next time. */
    private void archive(List<Move> moves) {
        for (Move move : moves) {
            try {
                Files.createDirectories(move.to().getParent());
                try {
                    Files.move(move.from(), move.to(), StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(move.from(), move.to(), StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                progress.message("could not archive " + move.from() + " to " + move.to() + ": " + e.getMessage()
                        + " (it is recorded as loaded: the next run archives it without loading it again)");
            }
        }
    }

    // ------------------------------------------------------------------ the run as one unit

    private static List<String> touched(List<SourceTable> tables, List<Feed> feeds) {
        List<String> names = new ArrayList<>();
        tables.forEach(t -> {
            names.add(t.target().toString());
            names.add(t.quarantine().toString());
        });
        feeds.forEach(f -> {
            names.add(f.target().toString());
            names.add(f.quarantine().toString());
        });
        names.add(Watermarks.TABLE);
        names.add(FileLog.TABLE);
        return names;
    }

    private static Map<String, Long> snapshots(SparkSession spark, List<String> tables) {
        Map<String, Long> snapshots = new LinkedHashMap<>();
        for (String table : tables) {
            snapshots.put(table, spark.catalog().tableExists(table) ? RawTables.snapshot(spark, table) : null);
        }
        return snapshots;
    }

    /** Every table back to its snapshot before the run; tables the run created are dropped. */
    static void rollBack(SparkSession spark, Map<String, Long> before) {
        for (Map.Entry<String, Long> entry : before.entrySet()) {
            String name = entry.getKey();
            if (!spark.catalog().tableExists(name)) {
                continue;
            }
            if (entry.getValue() == null) {
                spark.sql("DROP TABLE " + name + " PURGE");
                continue;
            }
            try {
                Table table = Spark3Util.loadIcebergTable(spark, spark.conf().get("spark.sql.defaultCatalog") + "." + name);
                table.refresh();
                if (table.currentSnapshot() == null || table.currentSnapshot().snapshotId() != entry.getValue()) {
                    table.manageSnapshots().setCurrentSnapshot(entry.getValue()).commit();
                }
            } catch (org.apache.spark.sql.catalyst.parser.ParseException | org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
                throw new IngestionException("cannot roll back " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /** Deals with the journal of a run whose process died holding the lock. */
    private void recover(SparkSession spark, WriterLock lock, String runId) {
        WriterLock.Journal journal = lock.previous();
        Instant now = Instant.now();
        String message;
        if ("running".equals(journal.state())) {
            progress.message("run " + journal.runId() + " (" + journal.holder() + ") stopped before finishing; rolling its tables back");
            rollBack(spark, journal.before());
            message = "stopped before finishing (" + journal.holder() + "); run " + runId + " rolled its tables back to their snapshots before it";
        } else {
            message = "stopped after committing its writes (" + journal.holder() + "); they were kept, its ledger lines are missing";
        }
        RunLedger.record(spark, List.of(new RunLedger.Entry(journal.runId(), STAGE, "*", now, now, "interrupted", 0, 0, null, message)));
        lock.clear();
    }

    /** Every source system reachable and every table present, before anything is written. */
    private static void checkSources(Settings settings, List<SourceTable> tables) {
        Map<String, List<SourceTable>> bySystem = tables.stream()
                .collect(Collectors.groupingBy(SourceTable::system, LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<String, List<SourceTable>> system : bySystem.entrySet()) {
            String url = JdbcReader.url(settings, system.getKey());
            try (Connection connection = DriverManager.getConnection(url, JdbcReader.properties(settings, system.getKey()));
                    Statement statement = connection.createStatement()) {
                for (SourceTable table : system.getValue()) {
                    try {
                        statement.executeQuery("SELECT * FROM " + table.table() + " WHERE 1 = 0").close();
                    } catch (SQLException e) {
                        throw new IngestionException("source " + system.getKey() + " (" + url + ") has no readable table "
                                + table.table() + ": " + firstLine(e.getMessage()), e);
                    }
                }
            } catch (SQLException e) {
                throw new IngestionException("source " + system.getKey() + " (" + url + ") cannot be reached: " + firstLine(e.getMessage()), e);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        if (e instanceof IngestionException || e instanceof SettingsException || e instanceof IllegalArgumentException) {
            return firstLine(String.valueOf(e.getMessage()));
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return firstLine(cause.getMessage() == null ? cause.toString() : cause.getMessage());
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

}
