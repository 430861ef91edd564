package dsmart.ingestion;

import static java.util.Objects.requireNonNull;

import dsmart.lake.Settings;
import dsmart.lake.TableId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One source table from setting ingest.tables: its system, name, primary key, and the raw table it lands in. */
record SourceTable(String system, String table, List<String> keys) {
    SourceTable {
        requireNonNull(system, "system");
        requireNonNull(table, "table");
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("source table " + system + "." + table + " needs a key");
        }
    }

    TableId target() {
        return new TableId("raw", system + "_" + table);
    }

    static List<SourceTable> fromSettings(Settings settings) {
        List<SourceTable> tables = new ArrayList<>();
        for (String entry : settings.text("ingest.tables").split(",")) {
            String item = entry.strip();
            int dot = item.indexOf('.');
            int colon = item.indexOf(':');
            tables.add(new SourceTable(item.substring(0, dot), item.substring(dot + 1, colon),
                    Arrays.asList(item.substring(colon + 1).split("\\+"))));
        }
        return tables;
    }

    @Override
    public String toString() {
        return system + "." + table;
    }
}
