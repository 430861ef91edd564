package dsmart.reports;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * What a pack reports on: a calendar month ({@code 2025-03}) or a calendar year ({@code 2025}), in
 * business dates. {@link #from()} is its first day, {@link #until()} the first day after it, so SQL
 * reads {@code month >= from AND month < until}.
 */
public record Period(Kind kind, YearMonth start) implements Comparable<Period> {
    public enum Kind { MONTH, YEAR }

    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");

    public Period {
        requireNonNull(kind, "kind");
        requireNonNull(start, "start");
        if (kind == Kind.YEAR && start.getMonthValue() != 1) {
            throw new IllegalArgumentException("a year period starts in January, not " + start);
        }
    }

    public static Period month(YearMonth month) {
        return new Period(Kind.MONTH, month);
    }

    public static Period month(int year, int month) {
        return month(YearMonth.of(year, month));
    }

    public static Period year(int year) {
        return new Period(Kind.YEAR, YearMonth.of(year, 1));
    }

    /** {@code YYYY-MM} (a month) or {@code YYYY} (a year); anything else is refused with a message naming it. */
    public static Period parse(String text) {
        String value = text == null ? "" : text.strip();
        try {
            if (MONTH.matcher(value).matches()) {
                return month(YearMonth.parse(value));
            }
            if (YEAR.matcher(value).matches()) {
                return year(Integer.parseInt(value));
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException("period \"" + value + "\" is neither a month YYYY-MM nor a year YYYY");
    }

    public LocalDate from() {
        return start.atDay(1);
    }

    public LocalDate until() {
        return kind == Kind.MONTH ? start.plusMonths(1).atDay(1) : start.plusYears(1).atDay(1);
    }

    /** The same period one year earlier (for comparisons against last year). */
    public Period yearBefore() {
        return new Period(kind, start.minusYears(1));
    }

    public Period next() {
        return new Period(kind, kind == Kind.MONTH ? start.plusMonths(1) : start.plusYears(1));
    }

    /** The last period of this kind that has closed by {@code today}: its successor's {@code closeDay} has come. */
    public static Period lastClosed(Kind kind, LocalDate today, int closeDay) {
        requireNonNull(today, "today");
        YearMonth current = YearMonth.from(today);
        if (kind == Kind.MONTH) {
            return month(today.getDayOfMonth() >= closeDay ? current.minusMonths(1) : current.minusMonths(2));
        }
        boolean closed = today.getMonthValue() > 1 || today.getDayOfMonth() >= closeDay;
        return year(today.getYear() - (closed ? 1 : 2));
    }

    @Override
    public int compareTo(Period other) {
        int byKind = kind.compareTo(other.kind);
        return byKind != 0 ? byKind : start.compareTo(other.start);
    }

    @Override
    public String toString() {
        return kind == Kind.MONTH ? start.toString() : Integer.toString(start.getYear());
    }
}
