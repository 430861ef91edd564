package dsmart.transforms;

/** What the receivables marts share: their as-of dates and checks against the ledger balance of staging (stg_ar_balance.sql). */
final class Receivables {
    /** The receivables marts' as-of dates: stg_ar_as_of.as_of_date. */
    static final Mart.AsOf AS_OF = new Mart.AsOf("as_of_date", "stg_ar_as_of");

    private Receivables() {}

    /** Counts the as-of dates whose Σ {@code column} of the candidate differs from the ledger balance (to the cent). */
    static DataCheck reconcilesToBalance(String name, String column) {
        return new DataCheck(name, "SELECT COUNT(*) FROM stg_ar_balance b "
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
