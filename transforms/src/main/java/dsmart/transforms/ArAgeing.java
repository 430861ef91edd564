package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.List;
import java.util.Optional;

/**
 * mart.ar_ageing: open receivables per as-of date, customer and ageing bucket (receivables.ageing.*
 * settings, read by its SQL as {@code {{setting:key}}}). Its reconciliation gate: per as-of date Σ buckets = total outstanding = ledger balance.
 */
final class ArAgeing implements Mart {
    static final TableId TABLE = TableId.of("mart.ar_ageing");

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
                DataCheck.uniqueKey(List.of("as_of_date", "customer_id", "bucket_no")),
                DataCheck.notNull(List.of("as_of_date", "customer_id", "bucket_no", "bucket", "amount", "customer_outstanding")),
                Receivables.knownAsOfDates(),
                new DataCheck("buckets sum to each customer's outstanding",
                        "SELECT COUNT(*) FROM (SELECT SUM(amount) AS buckets, MIN(customer_outstanding) AS low, "
                                + "MAX(customer_outstanding) AS high FROM {{this}} GROUP BY as_of_date, customer_id) "
                                + "WHERE NOT (buckets <=> low) OR NOT (low <=> high)", false, List.of("as_of_date", "customer_id")),
                Receivables.reconcilesToBalance("buckets reconcile to the ledger balance per as-of date", "amount"));
    }
}
