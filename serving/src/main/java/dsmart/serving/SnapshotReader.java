package dsmart.serving;

import java.util.Map;
import java.util.Set;

/** What an engine does around each query: find (and prepare) the snapshots to read, and pin the SQL to them. */
interface SnapshotReader {
    /** table → snapshot id for the lake tables a query names; tables with no snapshot are left out. */
    Map<String, Long> snapshots(Set<String> tables);

    /** The SQL to run so that it reads exactly those snapshots. */
    String pinned(String sql, Map<String, Long> snapshots);

    SnapshotReader NONE = new SnapshotReader() {
        @Override
        public Map<String, Long> snapshots(Set<String> tables) {
            return Map.of();
        }

        @Override
        public String pinned(String sql, Map<String, Long> snapshots) {
            return sql;
        }
    };
}
