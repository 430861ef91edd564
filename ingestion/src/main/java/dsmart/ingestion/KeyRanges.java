package dsmart.ingestion;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;

/**
 * Cuts of a whole-number first key into ranges: range i holds the keys k with {@code bounds[i-1] <= k < bounds[i]}, the
 * first range unbounded below and the last above. Raw's ranges follow its data files ({@link RawTables#keyRanges}), so
 * raw's rows per range come from file metadata, and the hard-delete check counts by slice only inside the ranges
 * where the source's rows and raw's differ.
 */
record KeyRanges(List<Long> bounds) {
    static final KeyRanges ONE = new KeyRanges(List.of());

    KeyRanges {
        bounds = List.copyOf(bounds);
        for (int i = 1; i < bounds.size(); i++) {
            if (bounds.get(i) <= bounds.get(i - 1)) {
                throw new IllegalArgumentException("key range bounds must ascend: " + bounds);
            }
        }
    }

    /** Keys from (inclusive) to (exclusive); Long.MIN_VALUE and Long.MAX_VALUE stand for no bound. */
    record Span(long from, long to) {}

    int size() {
        return bounds.size() + 1;
    }

    int of(long key) {
        int range = 0;
        while (range < bounds.size() && key >= bounds.get(range)) {
            range++;
        }
        return range;
    }

    Span span(int range) {
        return new Span(range == 0 ? Long.MIN_VALUE : bounds.get(range - 1), range == bounds.size() ? Long.MAX_VALUE : bounds.get(range));
    }

    /** The range of a key column, as Spark computes it. */
    Column of(Column key) {
        if (bounds.isEmpty()) {
            return lit(0);
        }
        Column range = when(key.lt(bounds.get(0)), lit(0));
        for (int i = 1; i < bounds.size(); i++) {
            range = range.when(key.lt(bounds.get(i)), lit(i));
        }
        return range.otherwise(lit(bounds.size()));
    }

    /** The slices of the given width starting at starts, as spans. */
    static List<Span> slices(List<Long> starts, long width) {
        return starts.stream().map(start -> new Span(start, start + width)).toList();
    }

    /** Keys in one of the spans. */
    static Column within(Column key, List<Span> spans) {
        Column in = lit(false);
        for (Span span : spans) {
            Column inside = lit(true);
            if (span.from() != Long.MIN_VALUE) {
                inside = inside.and(key.geq(span.from()));
            }
            if (span.to() != Long.MAX_VALUE) {
                inside = inside.and(key.lt(span.to()));
            }
            in = in.or(inside);
        }
        return in;
    }

    /** Keys in one of the spans, as a source database's predicate (key: the quoted column). */
    static String withinSql(String key, List<Span> spans) {
        if (spans.isEmpty()) {
            return "1 = 0";
        }
        List<String> each = new ArrayList<>();
        for (Span span : spans) {
            List<String> sides = new ArrayList<>();
            if (span.from() != Long.MIN_VALUE) {
                sides.add(key + " >= " + span.from());
            }
            if (span.to() != Long.MAX_VALUE) {
                sides.add(key + " < " + span.to());
            }
            each.add(sides.isEmpty() ? "1 = 1" : "(" + String.join(" AND ", sides) + ")");
        }
        return each.stream().collect(Collectors.joining(" OR ", "(", ")"));
    }
}
