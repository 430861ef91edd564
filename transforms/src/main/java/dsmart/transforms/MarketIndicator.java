package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.List;
import java.util.Optional;

/**
 * mart.market_indicator: the market early-warning indicators of P-5.1 (sales amount and volume, average
 * selling price, discount depth, return and complaint rates, new leads and their conversion, churned A/B
 * customers, overdue receivables ratio) per daily, weekly and monthly period, for the company and by region,
 * product category and channel. mart.market_alert evaluates the rules of settings {@code market.rule.*} on it.
 */
final class MarketIndicator implements Mart {
    static final TableId TABLE = TableId.of("mart.market_indicator");
    private static final Partial PARTIAL = new Periods("period_start", List.of("DAY", "WEEK", "MONTH"));
    private static final String SALES = " FROM {{this}} WHERE indicator = 'sales_amount' AND grain = ";

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public List<String> requires() {
        return List.of("raw.orders_orders", "raw.orders_order_lines", "raw.orders_products", "raw.orders_order_returns",
                "raw.orders_order_return_lines", "raw.crm_customers", "raw.crm_complaints", "raw.crm_leads",
                "mart.customer_tier_history");
    }

    @Override
    public Optional<Partial> partial() {
        return Optional.of(PARTIAL);
    }

    @Override
    public List<DataCheck> checks() {
        return List.of(
                DataCheck.uniqueKey(List.of("grain", "period_start", "indicator", "dimension", "dimension_value")),
                DataCheck.notNull(List.of("grain", "period_start", "period_end", "is_complete", "indicator", "dimension", "dimension_value", "numerator")),
                DataCheck.equal("monthly sales reconcile to staging",
                        "SELECT SUM(numerator)" + SALES + "'monthly' AND dimension = 'all'",
                        "SELECT revenue FROM stg_order_totals"),
                DataCheck.equal("daily sales add up to the monthly",
                        "SELECT SUM(numerator)" + SALES + "'daily' AND dimension = 'all'",
                        "SELECT SUM(numerator)" + SALES + "'monthly' AND dimension = 'all'"),
                DataCheck.equal("weekly sales add up to the monthly",
                        "SELECT SUM(numerator)" + SALES + "'weekly' AND dimension = 'all'",
                        "SELECT SUM(numerator)" + SALES + "'monthly' AND dimension = 'all'"),
                DataCheck.equal("regions add up to the company",
                        "SELECT SUM(numerator)" + SALES + "'monthly' AND dimension = 'region'",
                        "SELECT SUM(numerator)" + SALES + "'monthly' AND dimension = 'all'"),
                DataCheck.equal("categories add up to the company",
                        "SELECT SUM(numerator)" + SALES + "'monthly' AND dimension = 'category'",
                        "SELECT SUM(numerator)" + SALES + "'monthly' AND dimension = 'all'"),
                DataCheck.rows("overdue never exceeds open",
                        "indicator = 'overdue_ratio' AND numerator > denominator AND numerator > 0"));
    }
}
