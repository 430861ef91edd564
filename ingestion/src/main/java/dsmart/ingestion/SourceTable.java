package dsmart.ingestion;

import static java.util.Objects.requireNonNull;

import dsmart.lake.Settings;
import dsmart.lake.SettingsException;
import dsmart.lake.TableId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One source table from setting ingest.tables with its options ({@code ingest.table.<system>.<table>.*}): primary key,
 * cursor column (null: read in full every run), soft-delete column (null: none), split column for parallel reads
 * (null: the first key column when numeric), whether it is always read in full, and its validation rules.
 * A column named by default settings (cursor, soft delete) is used only when the table has it; one named for
 * this table must exist.
 */
record SourceTable(String system, String table, List<String> keys, String cursor, boolean cursorExplicit, boolean full,
        String softDelete, boolean softDeleteExplicit, String split, Rules rules) {
    SourceTable {
        requireNonNull(system, "system");
        requireNonNull(table, "table");
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("source table " + system + "." + table + " needs a key");
        }
    }

    /** A table with defaults only (no per-table settings). */
    SourceTable(String system, String table, List<String> keys) {
        this(system, table, keys, "updated_at", false, false, "deleted", false, null, new Rules("", keys, java.util.Map.of(), java.util.Map.of()));
    }

    TableId target() {
        return new TableId("raw", system + "_" + table);
    }

    TableId quarantine() {
        return new TableId("quarantine", system + "_" + table);
    }

    String prefix() {
        return prefix(system, table);
    }

    static String prefix(String system, String table) {
        return "ingest.table." + system + "." + table + ".";
    }

    static List<SourceTable> fromSettings(Settings settings) {
        List<SourceTable> tables = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        String list = settings.text("ingest.tables");
        for (String entry : list.isBlank() ? new String[0] : list.split(",")) {
            String item = entry.strip();
            int dot = item.indexOf('.');
            int colon = item.indexOf(':');
            String system = item.substring(0, dot);
            String table = item.substring(dot + 1, colon);
            if (!names.add(system + "." + table)) {
                throw new SettingsException("bad setting ingest.tables: " + system + "." + table + " is listed twice");
            }
            List<String> keys = Arrays.asList(item.substring(colon + 1).split("\\+"));
            String prefix = prefix(system, table);
            boolean cursorExplicit = settings.has(prefix + "cursor");
            String cursor = settings.text(prefix + "cursor", settings.text("ingest.cursor.column"));
            boolean softExplicit = settings.has(prefix + "soft.delete");
            String soft = settings.text(prefix + "soft.delete", settings.text("ingest.soft.delete.column"));
            String split = settings.text(prefix + "split", "");
            boolean full = settings.has(prefix + "full") && settings.bool(prefix + "full");
            tables.add(new SourceTable(system, table, keys, cursor.isEmpty() ? null : cursor, cursorExplicit, full,
                    soft.isEmpty() ? null : soft, softExplicit, split.isEmpty() ? null : split, Rules.from(settings, prefix, keys)));
        }
        // A per-table option for a table that is not ingested is a typo until proven otherwise.
        for (String key : settings.startingWith("ingest.table.").keySet()) {
            String[] parts = key.split("\\.");
            if (!names.contains(parts[2] + "." + parts[3])) {
                throw new SettingsException("setting " + key + " is for " + parts[2] + "." + parts[3]
                        + ", which is not in ingest.tables");
            }
        }
        return tables;
    }

    @Override
    public String toString() {
        return system + "." + table;
    }
}
