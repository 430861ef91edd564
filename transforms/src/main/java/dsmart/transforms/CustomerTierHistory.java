package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.List;
import java.util.Optional;

/** mart.customer_tier_history: A/B/C per buying customer per month with migrations and their reason (P-4.2). */
final class CustomerTierHistory implements Mart {
    static final TableId TABLE = TableId.of("mart.customer_tier_history");
    private static final Partial PARTIAL = new Periods("month", List.of("MONTH"));

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public List<String> requires() {
        return List.of("raw.orders_orders", "raw.orders_order_lines", "raw.orders_products", "raw.orders_order_returns",
                "raw.orders_order_return_lines");
    }

    @Override
    public Optional<Partial> partial() {
        return Optional.of(PARTIAL);
    }

    @Override
    public List<DataCheck> checks() {
        return List.of(
                DataCheck.uniqueKey(List.of("customer_id", "month")),
                DataCheck.notNull(List.of("customer_id", "month", "tier", "score", "migration")),
                DataCheck.equal("every buying customer is tiered",
                        "SELECT COUNT(DISTINCT customer_id) FROM {{this}}", "SELECT customers FROM stg_order_totals"),
                DataCheck.rows("a migration has a reason",
                        "(migration_reason IS NULL) <> (migration = 'none')"));
    }
}
