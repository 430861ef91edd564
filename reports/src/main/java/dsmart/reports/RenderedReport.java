package dsmart.reports;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one rendering produced: the report's name, the files written (in a fixed order, PDF first),
 * the snapshot id of every lake table the report read ("mart.sales_monthly" → id; empty when the
 * port's tables carry no snapshots) and the number of detail rows.
 */
public record RenderedReport(String name, List<Path> files, Map<String, Long> snapshots, int rows) {
    public RenderedReport {
        requireNonNull(name, "name");
        files = List.copyOf(requireNonNull(files, "files"));
        snapshots = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(snapshots, "snapshots")));
        if (rows < 0) {
            throw new IllegalArgumentException("rows must not be negative: " + rows);
        }
    }
}
