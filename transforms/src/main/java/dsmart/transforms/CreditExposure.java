package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.List;

/**
 * mart.credit_exposure: per customer at the data's as-of date, credit limit (finance's or the group default),
 * exposure, utilisation, breaches, credit score and suggested terms (receivables.credit.* / .score.* settings).
 */
final class CreditExposure implements Mart {
    static final TableId TABLE = TableId.of("mart.credit_exposure");

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public List<DataCheck> checks() {
        return List.of(
                DataCheck.uniqueKey(List.of("customer_id")),
                DataCheck.notNull(List.of("as_of_date", "customer_id", "open_receivables", "uninvoiced_amount", "exposure",
                        "over_limit_orders", "credit_score", "suggested_terms")),
                DataCheck.rows("every customer group has a limit (receivables.credit.limit.defaults)",
                        "credit_limit IS NULL"),
                DataCheck.equal("open receivables equal the ledger balance at the data's as-of date",
                        "SELECT CAST(COALESCE(SUM(open_receivables), 0) AS DECIMAL(18,2)) FROM {{this}}",
                        "SELECT b.balance FROM stg_ar_balance b JOIN stg_ar_as_of d "
                                + "ON d.as_of_date = b.as_of_date WHERE d.is_data_as_of"),
                DataCheck.rows("score within 0..100",
                        "credit_score < 0 OR credit_score > 100"));
    }
}
