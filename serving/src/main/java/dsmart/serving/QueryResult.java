package dsmart.serving;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of one query with the snapshot ids of the tables it read ("mart.sales_monthly" → id).
 * Values are Java types: DECIMAL → BigDecimal, DATE → LocalDate, TIMESTAMP → LocalDateTime,
 * integers → Long, text → String. A null cell is null.
 */
public record QueryResult(List<Column> columns, List<List<Object>> rows, Map<String, Long> snapshots) {
    public QueryResult {
        columns = List.copyOf(requireNonNull(columns, "columns"));
        rows = Collections.unmodifiableList(new ArrayList<>(requireNonNull(rows, "rows")));
        snapshots = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(snapshots, "snapshots")));
    }

    public int columnIndex(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name + " in " + columns);
    }

    /** One map per row, column name → value, in column order (what Jasper and JSON want). */
    public List<Map<String, Object>> asMaps() {
        List<Map<String, Object>> maps = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                map.put(columns.get(i).name(), row.get(i));
            }
            maps.add(map);
        }
        return maps;
    }
}
