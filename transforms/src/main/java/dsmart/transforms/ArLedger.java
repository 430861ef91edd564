package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.List;
import java.util.Optional;

/** mart.ar_ledger: every invoice's open amount per receivables as-of date. */
final class ArLedger implements Mart {
    static final TableId TABLE = TableId.of("mart.ar_ledger");

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
                DataCheck.uniqueKey(List.of("as_of_date", "invoice_id")),
                DataCheck.notNull(List.of("as_of_date", "invoice_id", "customer_id", "due_on", "invoice_amount", "open_amount")),
                Receivables.knownAsOfDates(),
                Receivables.reconcilesToBalance("open amounts reconcile to the ledger balance per as-of date", "open_amount"));
    }
}
