package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.List;
import java.util.Optional;

/** mart.ar_dso: DSO and days to pay per as-of date at customer, rep, region and company level. */
final class ArDso implements Mart {
    static final TableId TABLE = TableId.of("mart.ar_dso");

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public Optional<Partial> partial() {
        return Optional.of(Receivables.AS_OF);
    }

    @Override
    public List<DataCheck> checks() {
        return List.of(
                DataCheck.uniqueKey(List.of("as_of_date", "level", "customer_id", "rep_id", "region_code")),
                DataCheck.notNull(List.of("month", "as_of_date", "level", "receivables", "credit_sales", "paid", "window_days")),
                Receivables.knownAsOfDates(),
                Receivables.reconcilesToBalance("company receivables reconcile to the ledger balance per as-of date",
                        "CASE WHEN level = 'company' THEN receivables END"),
                new DataCheck("customer rows add up to the company row",
                        "SELECT COUNT(*) FROM (SELECT as_of_date, "
                                + "SUM(CASE WHEN level = 'customer' THEN receivables ELSE 0 END) AS cr, "
                                + "SUM(CASE WHEN level = 'company' THEN receivables ELSE 0 END) AS tr, "
                                + "SUM(CASE WHEN level = 'customer' THEN credit_sales ELSE 0 END) AS cs, "
                                + "SUM(CASE WHEN level = 'company' THEN credit_sales ELSE 0 END) AS ts, "
                                + "SUM(CASE WHEN level = 'customer' THEN paid ELSE 0 END) AS cp, "
                                + "SUM(CASE WHEN level = 'company' THEN paid ELSE 0 END) AS tp "
                                + "FROM {{this}} GROUP BY as_of_date) WHERE cr <> tr OR cs <> ts OR cp <> tp", false, List.of("as_of_date")));
    }
}
