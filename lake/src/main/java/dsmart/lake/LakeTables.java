package dsmart.lake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;

/** What the lake holds: each table with its current snapshot, row count and commit time, from Iceberg metadata alone. */
public final class LakeTables {
    public static final List<String> NAMESPACES = List.of("raw", "stg", "mart", "ops", "quarantine");

    private LakeTables() {}

    /** One table's current state; snapshot fields are null for a table with no snapshot. */
    public record TableState(TableId table, Long snapshotId, Long rows, Instant committedAt) {}

    public static List<TableState> list(Settings settings) {
        Catalog catalog = LakeCatalog.open(settings);
        List<TableState> states = new ArrayList<>();
        for (String namespace : NAMESPACES) {
            if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(Namespace.of(namespace))) {
                continue;
            }
            for (TableIdentifier identifier : catalog.listTables(Namespace.of(namespace))) {
                Table table = catalog.loadTable(identifier);
                Snapshot snapshot = table.currentSnapshot();
                TableId id = new TableId(namespace, identifier.name());
                if (snapshot == null) {
                    states.add(new TableState(id, null, null, null));
                    continue;
                }
                Map<String, String> summary = snapshot.summary();
                String total = summary.get("total-records");
                states.add(new TableState(id, snapshot.snapshotId(), total == null ? null : Long.parseLong(total),
                        Instant.ofEpochMilli(snapshot.timestampMillis())));
            }
        }
        states.sort(Comparator.comparing(s -> s.table().toString()));
        return states;
    }
}
