package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.List;

/** mart.customer_sales: lifetime confirmed orders, revenue and gross profit per customer. */
final class CustomerSales implements Mart {
    static final TableId TABLE = TableId.of("mart.customer_sales");

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public List<DataCheck> checks() {
        return List.of(
                DataCheck.uniqueKey(List.of("customer_id")),
                DataCheck.notNull(List.of("customer_id", "customer_name", "revenue", "first_order_date")),
                DataCheck.equal("revenue reconciles to staging",
                        "SELECT SUM(revenue) FROM {{this}}", "SELECT CAST(revenue AS DECIMAL(18,2)) FROM stg_order_totals"));
    }
}
