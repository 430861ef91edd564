package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.List;
import java.util.Optional;

/** mart.sales_monthly: orders, revenue, gross profit and new customers per month, region and channel. */
final class SalesMonthly implements Mart {
    static final TableId TABLE = TableId.of("mart.sales_monthly");
    private static final Partial PARTIAL = new Periods("month", List.of("MONTH"));

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public Optional<Partial> partial() {
        return Optional.of(PARTIAL);
    }

    @Override
    public List<DataCheck> checks() {
        return List.of(
                DataCheck.uniqueKey(List.of("month", "region_code", "channel")),
                DataCheck.notNull(List.of("month", "region_code", "region_name", "channel", "revenue")),
                DataCheck.equal("revenue reconciles to staging",
                        "SELECT SUM(revenue) FROM {{this}}", "SELECT CAST(revenue AS DECIMAL(18,2)) FROM stg_order_totals"),
                DataCheck.equal("orders reconcile to staging",
                        "SELECT SUM(orders) FROM {{this}}", "SELECT orders FROM stg_order_totals"),
                DataCheck.equal("each customer is new once",
                        "SELECT SUM(new_customers) FROM {{this}}", "SELECT customers FROM stg_order_totals"));
    }
}
