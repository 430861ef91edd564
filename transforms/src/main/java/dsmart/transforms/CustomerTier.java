package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.List;

/** mart.customer_tier: each buying customer's current tier (the latest month of mart.customer_tier_history). */
final class CustomerTier implements Mart {
    static final TableId TABLE = TableId.of("mart.customer_tier");

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public List<String> requires() {
        return new CustomerTierHistory().requires();
    }

    @Override
    public List<DataCheck> checks() {
        return List.of(
                DataCheck.uniqueKey(List.of("customer_id")),
                DataCheck.notNull(List.of("customer_id", "month", "tier", "score")));
    }
}
