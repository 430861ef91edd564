package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.List;
import java.util.Optional;

/** mart.ar_on_account: cleared money of a customer not allocated to any invoice, per as-of date. */
final class ArOnAccount implements Mart {
    static final TableId TABLE = TableId.of("mart.ar_on_account");

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
                DataCheck.uniqueKey(List.of("as_of_date", "customer_id")),
                DataCheck.notNull(List.of("as_of_date", "customer_id", "on_account")),
                Receivables.knownAsOfDates(),
                DataCheck.rows("allocated never exceeds received", "allocated > received"));
    }
}
