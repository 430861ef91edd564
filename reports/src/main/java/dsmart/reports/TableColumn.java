package dsmart.reports;

import static java.util.Objects.requireNonNull;

/**
 * One column of a tabular export: the result column it shows, the label key of its header, how its
 * values are typed in XLSX and written in CSV, and (for {@link Type#CODE}) the label prefix that names
 * the codes ({@code channel.} → {@code channel.phone}).
 */
public record TableColumn(String column, String label, Type type, String codePrefix) {
    public enum Type {
        /** Text as stored. */
        TEXT,
        /** A code shown by its label (unknown codes as they are). */
        CODE,
        /** Whole numbers, {@code #,##0} in XLSX. */
        COUNT,
        /** Whole-number identifiers, no thousands separator. */
        ID,
        /** Money, {@code #,##0.00} in XLSX, plain {@code 1234.50} in CSV. */
        MONEY,
        /** A date, {@code yyyy-mm-dd}. */
        DATE,
        /** A date shown as its month {@code yyyy-MM}. */
        MONTH
    }

    public TableColumn {
        requireNonNull(column, "column");
        requireNonNull(label, "label");
        requireNonNull(type, "type");
        if ((type == Type.CODE) != (codePrefix != null)) {
            throw new IllegalArgumentException("column " + column + ": a code prefix goes with type CODE, and only with it");
        }
    }

    public static TableColumn of(String column, String label, Type type) {
        return new TableColumn(column, label, type, null);
    }

    public static TableColumn code(String column, String label, String codePrefix) {
        return new TableColumn(column, label, Type.CODE, codePrefix);
    }
}
