package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.List;
import java.util.Optional;

/**
 * mart.sales_kpi: the appraisal KPIs of P-2.3 (net sales, gross profit, orders, new customers,
 * satisfaction, quota completion) per month, quarter and year for each rep, team, region and the
 * company, with rep x month x channel x product category detail rows.
 */
final class SalesKpi implements Mart {
    static final TableId TABLE = TableId.of("mart.sales_kpi");
    private static final Partial PARTIAL = new Periods("period_start", List.of("MONTH", "QUARTER", "YEAR"));
    private static final String COMPANY_MONTHS = " FROM {{this}} WHERE level = 'company' AND period_type = 'month'";

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public List<String> requires() {
        return List.of("raw.crm_reps", "raw.crm_teams", "raw.crm_quotas", "raw.crm_satisfaction_surveys", "raw.orders_orders",
                "raw.orders_order_lines", "raw.orders_products", "raw.orders_order_returns", "raw.orders_order_return_lines");
    }

    @Override
    public Optional<Partial> partial() {
        return Optional.of(PARTIAL);
    }

    @Override
    public List<DataCheck> checks() {
        return List.of(
                DataCheck.uniqueKey(List.of("period_type", "period_start", "level", "rep_id", "team_id", "region_code", "channel", "category")),
                DataCheck.notNull(List.of("period_type", "period_start", "level", "channel", "category", "gross_sales", "returns",
                        "net_sales", "gross_profit", "orders")),
                DataCheck.equal("gross sales reconcile to staging",
                        "SELECT SUM(gross_sales)" + COMPANY_MONTHS, "SELECT CAST(revenue AS DECIMAL(18,2)) FROM stg_order_totals"),
                DataCheck.equal("orders reconcile to staging",
                        "SELECT SUM(orders)" + COMPANY_MONTHS, "SELECT orders FROM stg_order_totals"),
                DataCheck.equal("each customer is new once",
                        "SELECT SUM(new_customers)" + COMPANY_MONTHS, "SELECT customers FROM stg_order_totals"),
                DataCheck.equal("channel x category detail adds up to the rep rows",
                        "SELECT SUM(net_sales) FROM {{this}} WHERE level = 'rep_channel_category'",
                        "SELECT SUM(net_sales) FROM {{this}} WHERE level = 'rep' AND period_type = 'month'"),
                DataCheck.equal("years add up to their months",
                        "SELECT SUM(net_sales) FROM {{this}} WHERE level = 'company' AND period_type = 'year'",
                        "SELECT SUM(net_sales)" + COMPANY_MONTHS));
    }
}
