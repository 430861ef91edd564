package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.List;

/** mart.collection_rep: follow-ups due, done, missed and pending per responsible rep and month. */
final class CollectionRep implements Mart {
    static final TableId TABLE = TableId.of("mart.collection_rep");

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public List<DataCheck> checks() {
        return List.of(
                DataCheck.uniqueKey(List.of("month", "rep_id")),
                DataCheck.notNull(List.of("as_of_date", "month", "due", "done", "missed", "pending")),
                DataCheck.equal("missed adds up to mart.collection_due",
                        "SELECT COALESCE(SUM(missed), 0) FROM {{this}}",
                        "SELECT COUNT(*) FROM mart.collection_due WHERE status = 'missed'"),
                DataCheck.rows("due = done + missed + pending", "due <> done + missed + pending"));
    }
}
