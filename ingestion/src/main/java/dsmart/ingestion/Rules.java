package dsmart.ingestion;

import dsmart.lake.Settings;
import dsmart.lake.SettingsException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validation rules of a source table or feed, from settings under one prefix: {@code required} columns (never
 * null or blank), {@code accepted.<column>} values, {@code references.<column>} (the value must exist in a lake table).
 * The key columns are always required.
 */
record Rules(String prefix, List<String> required, Map<String, Set<String>> accepted, Map<String, Reference> references) {

    /** A column of a lake table that values must exist in; setting is the key that asked for it. */
    record Reference(String table, String column, String setting) {
        @Override
        public String toString() {
            return table + "." + column;
        }
    }

    Rules {
        required = List.copyOf(required);
        accepted = Map.copyOf(accepted);
        references = Map.copyOf(references);
    }

    static Rules from(Settings settings, String prefix, List<String> keys) {
        List<String> required = new ArrayList<>(keys);
        for (String column : list(settings.text(prefix + "required", ""))) {
            if (!required.contains(column)) {
                required.add(column);
            }
        }
        Map<String, Set<String>> accepted = new LinkedHashMap<>();
        settings.startingWith(prefix + "accepted.").forEach((key, value) -> {
            Set<String> values = new LinkedHashSet<>();
            Arrays.stream(value.split("\\|")).map(String::strip).forEach(values::add);
            accepted.put(key.substring((prefix + "accepted.").length()), values);
        });
        Map<String, Reference> references = new LinkedHashMap<>();
        settings.startingWith(prefix + "references.").forEach((key, value) -> {
            String[] parts = value.strip().split("\\.");
            if (!parts[0].equals("raw")) {
                throw new SettingsException("bad setting " + key + "=" + value + ": references must name a raw table column, raw.table.column");
            }
            references.put(key.substring((prefix + "references.").length()), new Reference(parts[0] + "." + parts[1], parts[2], key));
        });
        return new Rules(prefix, required, accepted, references);
    }

    /** Every column the rules name, with the setting that names it. */
    Map<String, String> columnsNamed() {
        Map<String, String> named = new LinkedHashMap<>();
        required.forEach(c -> named.put(c, prefix + "required"));
        accepted.keySet().forEach(c -> named.put(c, prefix + "accepted." + c));
        references.keySet().forEach(c -> named.put(c, prefix + "references." + c));
        return named;
    }

    static List<String> list(String value) {
        return value.isBlank() ? List.of() : Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
