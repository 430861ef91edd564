package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.List;

/** mart.credit_limit_breach: confirmed orders accepted over the credit limit, with the override that allowed them. */
final class CreditLimitBreach implements Mart {
    static final TableId TABLE = TableId.of("mart.credit_limit_breach");

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public List<DataCheck> checks() {
        return List.of(
                DataCheck.uniqueKey(List.of("order_id")),
                DataCheck.notNull(List.of("order_id", "customer_id", "order_date", "amount", "credit_limit", "exposure_before",
                        "approved", "without_override")),
                new DataCheck("every order over its limit is listed",
                        "SELECT COUNT(*) FROM stg_credit_orders o LEFT ANTI JOIN {{this}} b ON b.order_id = o.order_id "
                                + "WHERE o.credit_exposure + o.amount > o.credit_limit"),
                DataCheck.rows("an approved override names its approver and time",
                        "approved AND (approver IS NULL OR approved_at IS NULL)"));
    }
}
