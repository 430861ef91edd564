package dsmart.serving;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Query results keyed by SQL, parameters and the snapshot ids read; least recently used out first.
 * When a table gets a new snapshot the entries that read the old one are dropped.
 */
final class ResultCache {
    record Key(String sql, List<?> params, Map<String, Long> snapshots) {}

    private final int capacity;
    private final LinkedHashMap<Key, QueryResult> entries;
    private long hits;
    private long misses;

    ResultCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("cache capacity must be >= 0, was " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, QueryResult> eldest) {
                return size() > ResultCache.this.capacity;
            }
        };
    }

    static ResultCache none() {
        return new ResultCache(0);
    }

    synchronized QueryResult find(Key key) {
        QueryResult result = entries.get(key);
        if (result == null) {
            misses++;
        } else {
            hits++;
        }
        return result;
    }

    synchronized void put(Key key, QueryResult result) {
        if (capacity > 0) {
            entries.put(key, result);
        }
    }

    synchronized void dropTable(String table, long currentSnapshot) {
        entries.keySet().removeIf(key -> key.snapshots().containsKey(table) && key.snapshots().get(table) != currentSnapshot);
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long hits() {
        return hits;
    }

    synchronized long misses() {
        return misses;
    }
}
