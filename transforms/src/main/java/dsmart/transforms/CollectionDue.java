package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.List;

/** mart.collection_due: invoice × follow-up level due at the data's as-of date, done, missed or pending. */
final class CollectionDue implements Mart {
    static final TableId TABLE = TableId.of("mart.collection_due");

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public List<DataCheck> checks() {
        return List.of(
                DataCheck.uniqueKey(List.of("invoice_id", "level_days")),
                DataCheck.notNull(List.of("as_of_date", "invoice_id", "customer_id", "level_days", "level", "level_on", "status")),
                DataCheck.rows("done exactly when an action is linked",
                        "(status = 'done') <> (action_id IS NOT NULL)"));
    }
}
