package dsmart.transforms;

/** SQL shared by the receivables marts' checks, computed from staging independently of the marts. */
final class Receivables {
    private Receivables() {}

    /**
     * The ledger balance per as-of date: invoices − credit notes − live allocations of cleared receipts −
     * write-offs, each counted when its business date is on or before the as-of date.
     */
    static final String BALANCE = "SELECT d.as_of_date, CAST(COALESCE(SUM(x.amount), 0) AS DECIMAL(18,2)) AS balance "
            + "FROM stg_ar_as_of d LEFT JOIN ("
            + "SELECT issued_on AS on_date, amount FROM stg_invoices "
            + "UNION ALL SELECT issued_on, -amount FROM stg_credit_notes "
            + "UNION ALL SELECT allocated_on, -amount FROM stg_receipt_allocations "
            + "UNION ALL SELECT written_off_on, -amount FROM stg_write_offs"
            + ") x ON x.on_date <= d.as_of_date GROUP BY d.as_of_date";

    /** Counts the as-of dates whose Σ {@code column} of the candidate differs from the ledger balance (to the cent). */
    static DataCheck reconcilesToBalance(String name, String column) {
        return new DataCheck(name, "SELECT COUNT(*) FROM (" + BALANCE + ") b "
                + "LEFT JOIN (SELECT as_of_date, SUM(" + column + ") AS total FROM {{this}} GROUP BY as_of_date) m "
                + "ON m.as_of_date = b.as_of_date "
                + "WHERE NOT (CAST(COALESCE(m.total, 0) AS DECIMAL(18,2)) <=> b.balance)");
    }

    /** Counts rows of the candidate whose as-of date is not one of stg_ar_as_of. */
    static DataCheck knownAsOfDates() {
        return new DataCheck("as-of dates are those of stg_ar_as_of",
                "SELECT COUNT(*) FROM {{this}} WHERE as_of_date NOT IN (SELECT as_of_date FROM stg_ar_as_of)");
    }
}
