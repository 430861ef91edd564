package dsmart.serving;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileContent;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * DuckDB views over the Parquet files of Iceberg tables' current snapshots. A view is rebuilt when
 * its table has a new snapshot. Position delete files (merge-on-read raw tables) are applied; equality
 * deletes, which dsmart never writes, are refused.
 */
final class IcebergViews implements SnapshotReader {
    private final Catalog catalog;
    private final Connection duckdb;
    private final Map<String, Table> tables = new HashMap<>();
    private final Map<String, Long> viewSnapshots = new HashMap<>();
    private final BiConsumer<String, Long> onNewSnapshot;
    private final ReadPoint readPoint;

    IcebergViews(Catalog catalog, Connection duckdb, ReadPoint readPoint, BiConsumer<String, Long> onNewSnapshot) {
        this.catalog = requireNonNull(catalog, "catalog");
        this.duckdb = requireNonNull(duckdb, "duckdb");
        this.readPoint = requireNonNull(readPoint, "readPoint");
        this.onNewSnapshot = requireNonNull(onNewSnapshot, "onNewSnapshot");
    }

    @Override
    public String pinned(String sql, Map<String, Long> snapshots) {
        return sql;
    }

    /** Brings the views of these tables to the snapshots the read point asks for; returns table → snapshot id. */
    @Override
    public Map<String, Long> snapshots(Set<String> names) {
        Map<String, Long> snapshots = new LinkedHashMap<>();
        for (String name : names) {
            Table table = load(name);
            Snapshot current = chosen(name, table);
            long id = current == null ? -1L : current.snapshotId();
            Long shown = viewSnapshots.get(name);
            if (shown == null || shown != id) {
                createView(name, table, current);
                viewSnapshots.put(name, id);
                if (shown != null) {
                    onNewSnapshot.accept(name, id);
                }
            }
            if (current != null) {
                snapshots.put(name, id);
            }
        }
        return snapshots;
    }

    private Snapshot chosen(String name, Table table) {
        Long pinned = readPoint.snapshots().get(name);
        if (pinned != null) {
            Snapshot snapshot = table.snapshot(pinned);
            if (snapshot == null) {
                throw new QueryException("table " + name + " has no snapshot " + pinned + " (expired or never existed)");
            }
            return snapshot;
        }
        if (readPoint.asOf() != null) {
            Snapshot found = null;
            for (org.apache.iceberg.HistoryEntry entry : table.history()) {
                if (entry.timestampMillis() <= readPoint.asOf().toEpochMilli()) {
                    found = table.snapshot(entry.snapshotId());
                }
            }
            if (found == null) {
                throw new QueryException("table " + name + " has no snapshot at or before " + readPoint.asOf());
            }
            return found;
        }
        return table.currentSnapshot();
    }

    private Table load(String name) {
        Table table = tables.get(name);
        if (table != null) {
            table.refresh();
            return table;
        }
        TableIdentifier identifier = TableIdentifier.parse(name);
        if (!catalog.tableExists(identifier)) {
            throw new QueryException("table " + name + " is not in the lake yet (has the pipeline run? try `dsmart demo --no-serve`)");
        }
        table = catalog.loadTable(identifier);
        tables.put(name, table);
        return table;
    }

    private void createView(String name, Table table, Snapshot snapshot) {
        List<String> files = new ArrayList<>();
        Set<String> positionDeletes = new java.util.TreeSet<>();
        if (snapshot != null) {
            try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(snapshot.snapshotId()).planFiles()) {
                for (FileScanTask task : tasks) {
                    for (DeleteFile delete : task.deletes()) {
                        if (delete.content() != FileContent.POSITION_DELETES || delete.format() != FileFormat.PARQUET) {
                            throw new QueryException("table " + name + " has " + delete.content() + " files in " + delete.format()
                                    + ", which the embedded engine does not apply (it applies Parquet position deletes)");
                        }
                        positionDeletes.add(localPath(delete.location()));
                    }
                    files.add(localPath(task.file().location()));
                }
            } catch (java.io.IOException e) {
                throw new QueryException("cannot list the files of " + name + ": " + e.getMessage(), e);
            }
        }
        List<Types.NestedField> columns = table.schema().columns();
        String select = columns.stream()
                .map(c -> "CAST(d." + quote(c.name()) + " AS " + duckType(c.type()) + ") AS " + quote(c.name()))
                .collect(Collectors.joining(", "));
        String from;
        if (files.isEmpty()) {
            from = "(SELECT " + columns.stream().map(c -> "NULL AS " + quote(c.name())).collect(Collectors.joining(", ")) + ") d WHERE FALSE";
        } else if (positionDeletes.isEmpty()) {
            from = "read_parquet(" + list(files) + ") d";
        } else {
            // Merge-on-read: a row is gone when a position delete names its file and row number.
            from = "read_parquet(" + list(files) + ", filename = true, file_row_number = true) d ANTI JOIN "
                    + "(SELECT regexp_replace(file_path, '^file:/+', '/') AS file_path, pos FROM read_parquet(" + list(positionDeletes)
                    + ")) x ON d.filename = x.file_path AND d.file_row_number = x.pos";
        }
        String namespace = name.substring(0, name.indexOf('.'));
        try (Statement statement = duckdb.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + namespace);
            statement.execute("CREATE OR REPLACE VIEW " + name + " AS SELECT " + select + " FROM " + from);
        } catch (SQLException e) {
            throw new QueryException("cannot create the view of " + name + ": " + e.getMessage(), e);
        }
    }

    private static String list(java.util.Collection<String> paths) {
        return "[" + paths.stream().map(f -> "'" + f.replace("'", "''") + "'").collect(Collectors.joining(", ")) + "]";
    }

    private static String localPath(String location) {
        return location.startsWith("file:") ? java.nio.file.Path.of(java.net.URI.create(location.replaceFirst("^file:/+", "file:///"))).toString() : location;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String duckType(Type type) {
        return switch (type.typeId()) {
            case BOOLEAN -> "BOOLEAN";
            case INTEGER -> "INTEGER";
            case LONG -> "BIGINT";
            case FLOAT -> "REAL";
            case DOUBLE -> "DOUBLE";
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP -> ((Types.TimestampType) type).shouldAdjustToUTC() ? "TIMESTAMPTZ" : "TIMESTAMP";
            case STRING -> "VARCHAR";
            case UUID -> "UUID";
            case BINARY, FIXED -> "BLOB";
            case DECIMAL -> "DECIMAL(" + ((Types.DecimalType) type).precision() + "," + ((Types.DecimalType) type).scale() + ")";
            default -> throw new QueryException("column type " + type + " is not served by the embedded engine");
        };
    }
}
