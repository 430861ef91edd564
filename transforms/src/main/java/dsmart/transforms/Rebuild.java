package dsmart.transforms;

import java.time.LocalDate;

/**
 * What a run must rebuild of an as-of mart, from its changed inputs: nothing of what they hold changed; the as-of dates
 * from {@code from} on; or all of it, {@code because} of what.
 */
record Rebuild(LocalDate from, String because) {
    static final Rebuild NOTHING = new Rebuild(null, null);

    Rebuild {
        if (from != null && because != null) {
            throw new IllegalArgumentException("a rebuild from " + from + " cannot also be whole (" + because + ")");
        }
    }

    static Rebuild from(LocalDate date) {
        return new Rebuild(java.util.Objects.requireNonNull(date, "date"), null);
    }

    static Rebuild whole(String because) {
        return new Rebuild(null, java.util.Objects.requireNonNull(because, "because"));
    }

    boolean isWhole() {
        return because != null;
    }

    /** What two inputs' changes need together: whole if either does, else from the earlier date. */
    Rebuild and(Rebuild other) {
        if (isWhole()) {
            return this;
        }
        if (other.isWhole() || from == null) {
            return other;
        }
        return other.from == null || !other.from.isBefore(from) ? this : other;
    }
}
