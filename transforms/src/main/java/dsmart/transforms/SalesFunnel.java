package dsmart.transforms;

import dsmart.lake.TableId;
import java.util.List;

/**
 * mart.sales_funnel: leads by month of creation, region, channel and source through prospect, visit, proposal,
 * signed contract and order, with conversion rates and median days per step (P-3.1, P-3.2).
 */
final class SalesFunnel implements Mart {
    static final TableId TABLE = TableId.of("mart.sales_funnel");
    private static final String DETAIL = " FROM {{this}} WHERE region_code <> 'all' AND channel <> 'all' AND lead_source <> 'all'";
    private static final String TOTALS = " FROM {{this}} WHERE region_code = 'all' AND channel = 'all' AND lead_source = 'all'";

    @Override
    public TableId table() {
        return TABLE;
    }

    @Override
    public List<String> requires() {
        return List.of("raw.crm_leads", "raw.crm_visits", "raw.crm_proposals", "raw.orders_contracts", "raw.orders_orders");
    }

    @Override
    public List<DataCheck> checks() {
        return List.of(
                DataCheck.uniqueKey(List.of("month", "region_code", "channel", "lead_source")),
                DataCheck.notNull(List.of("month", "region_code", "channel", "lead_source", "leads", "prospects", "visited", "proposals",
                        "contracts", "orders")),
                DataCheck.equal("leads reconcile to the live leads", "SELECT SUM(leads)" + DETAIL,
                        "SELECT COUNT(*) FROM raw.crm_leads WHERE _op = 'U' AND NOT deleted"),
                DataCheck.equal("month totals add up the detail", "SELECT SUM(leads + prospects + visited + proposals + contracts + orders)" + TOTALS,
                        "SELECT SUM(leads + prospects + visited + proposals + contracts + orders)" + DETAIL),
                DataCheck.rows("no step counts more leads than there are", "GREATEST(prospects, visited, "
                        + "proposals, contracts, orders) > leads"));
    }
}
