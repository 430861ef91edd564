package dsmart.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** One file of a tabular export, written as rows arrive; never holds more than a window of rows. */
interface TableFile extends AutoCloseable {

    /** Before the first row: the stamp (with the snapshot ids this table's query read). */
    void start(Stamp stamp);

    /** One row, one value per column of the table, in the column's Java type (see {@link #value}). */
    void row(List<Object> values);

    long rows();

    /** Finishes the file; after a failure, releases what it holds (the caller discards the file). */
    @Override
    void close();

    DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    /**
     * A result value in the type its column promises: Long for counts, BigDecimal for money, LocalDate for
     * dates and months, String for text and codes (codes already translated by the caller).
     */
    static Object value(TableColumn column, Object value) {
        if (value == null) {
            return null;
        }
        return switch (column.type()) {
            case TEXT, CODE -> value.toString();
            case COUNT, ID -> {
                if (value instanceof Long l) {
                    yield l;
                }
                if (value instanceof BigDecimal d) {
                    yield d.longValueExact();
                }
                if (value instanceof Number n) {
                    yield n.longValue();
                }
                throw new IllegalArgumentException("column " + column.column() + " expects a whole number, got " + value.getClass().getSimpleName());
            }
            case MONEY -> {
                if (value instanceof BigDecimal d) {
                    yield d;
                }
                if (value instanceof Number n) {
                    yield new BigDecimal(n.toString());
                }
                throw new IllegalArgumentException("column " + column.column() + " expects a decimal, got " + value.getClass().getSimpleName());
            }
            case DATE, MONTH -> {
                if (value instanceof LocalDate d) {
                    yield d;
                }
                if (value instanceof LocalDateTime t) {
                    yield t.toLocalDate();
                }
                throw new IllegalArgumentException("column " + column.column() + " expects a date, got " + value.getClass().getSimpleName());
            }
        };
    }
}
