package dsmart.transforms;

/** SQL shared by the receivables marts' checks, computed from staging independently of the marts. */
final class Receivables {
    private Receivables() {}

    /**
     * The ledger balance per as-of date: invoices − credit notes − live allocations of cleared receipts −
     * write-offs, each counted when its business date is on or before the as-of date. One aggregate per
     * table joined on the as-of date, no UNION (docs/decisions.md, "Receivables SQL without UNION").
     */
    static final String BALANCE = "SELECT d.as_of_date, CAST(COALESCE(i.amount, 0) - COALESCE(c.amount, 0) - COALESCE(a.amount, 0) "
            + "- COALESCE(w.amount, 0) AS DECIMAL(18,2)) AS balance FROM stg_ar_as_of d "
            + "LEFT JOIN (" + totalBy("stg_invoices", "issued_on") + ") i ON i.as_of_date = d.as_of_date "
            + "LEFT JOIN (" + totalBy("stg_credit_notes", "issued_on") + ") c ON c.as_of_date = d.as_of_date "
            + "LEFT JOIN (" + totalBy("stg_receipt_allocations", "allocated_on") + ") a ON a.as_of_date = d.as_of_date "
            + "LEFT JOIN (" + totalBy("stg_write_offs", "written_off_on") + ") w ON w.as_of_date = d.as_of_date";

    /** Σ amount of a staging table's rows dated on or before each as-of date. */
    private static String totalBy(String table, String dateColumn) {
        return "SELECT d.as_of_date, SUM(x.amount) AS amount FROM stg_ar_as_of d JOIN " + table + " x ON x." + dateColumn
                + " <= d.as_of_date GROUP BY d.as_of_date";
    }

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
                "SELECT COUNT(*) FROM {{this}} t LEFT ANTI JOIN stg_ar_as_of d ON d.as_of_date = t.as_of_date");
    }
}
