package dsmart.serving;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * Which snapshot of each table a port reads: the current one (default), the one current at a
 * time, or given snapshot ids per table (to re-render an old report exactly). Tables not named in
 * {@code snapshots} fall back to {@code asOf}, then to current.
 */
public record ReadPoint(Instant asOf, Map<String, Long> snapshots) {
    public ReadPoint {
        snapshots = Map.copyOf(requireNonNull(snapshots, "snapshots"));
    }

    public static ReadPoint current() {
        return new ReadPoint(null, Map.of());
    }

    public static ReadPoint at(Instant time) {
        return new ReadPoint(requireNonNull(time, "time"), Map.of());
    }

    public static ReadPoint snapshots(Map<String, Long> snapshots) {
        return new ReadPoint(null, snapshots);
    }

    public boolean isCurrent() {
        return asOf == null && snapshots.isEmpty();
    }
}
