package dsmart.web;

import java.util.List;
import java.util.Set;

/**
 * Sales overview (executives; region managers see their region): revenue per month and channel, totals, and for a
 * period the KPIs against last year and quota, the trend, channel mix, funnel, top reps and customers, tier mix.
 */
final class SalesPage implements WebPage {
    static final String ECHARTS = "/webjars/echarts/5.5.0/echarts.min.js";

    @Override
    public String id() {
        return "sales";
    }

    @Override
    public String path() {
        return "/sales";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.EXECUTIVE, Role.REGION_MANAGER);
    }

    @Override
    public List<String> scripts() {
        return List.of(ECHARTS, "/assets/sales.js", "/assets/sales-overview.js");
    }

    @Override
    public void routes(RouteRegistry routes, WebContext web) {
        SalesApi api = new SalesApi(web);
        routes.get("/api/sales-monthly")
                .summary("Orders, revenue, gross profit and new customers per month and channel, summed over the "
                        + "regions in scope (a region manager: their region only; another region is answered 403)")
                .query("from", "first month, YYYY-MM")
                .query("to", "last month, YYYY-MM (included)")
                .query("region", "region code (1 to 32 letters, digits, '_' or '-')")
                .query("channel", "channel code: " + Channel.codes())
                .query("lang", "zh-CN or en: language of channel names")
                .roles(roles())
                .api(api::salesMonthly);
        routes.get("/api/regions")
                .summary("The regions in mart.sales_monthly (a region manager: their own), for the region filter")
                .roles(roles())
                .api(api::regions);
        SalesOverview overview = new SalesOverview(web);
        String from = "first month, YYYY-MM; default January of the period's last month";
        String to = "last month, YYYY-MM (included); default the latest month of mart.sales_kpi";
        String region = "region code (a region manager: their own; another region is answered 403)";
        String team = "team id (digits)";
        routes.get("/api/sales/kpis")
                .summary("Net sales, gross profit, orders, new customers, quota and completion rate of the period (mart.sales_kpi, "
                        + "the company, region or team level) against the same months a year earlier; the monthly trend beside last year's")
                .query("from", from).query("to", to).query("region", region).query("team", team)
                .roles(roles())
                .api(overview::kpis);
        routes.get("/api/sales/channel-mix")
                .summary("Net sales and gross profit per order channel over the period (mart.sales_kpi detail rows), with shares")
                .query("from", from).query("to", to).query("region", region).query("team", team).query("lang", "zh-CN or en")
                .roles(roles())
                .api(overview::channelMix);
        routes.get("/api/sales/top-reps")
                .summary("Reps by net sales over the period (mart.sales_kpi), highest first; ties by rep id")
                .query("from", from).query("to", to).query("region", region).query("team", team)
                .query("limit", "1 to 100, default 10")
                .roles(roles())
                .api(overview::topReps);
        routes.get("/api/sales/top-customers")
                .summary("Customers by net sales over the period (mart.rep_kpi_evidence: orders less received returns), "
                        + "highest first; ties by customer id; region and team are those of the crediting rep")
                .query("from", from).query("to", to).query("region", region).query("team", team)
                .query("limit", "1 to 100, default 10")
                .roles(roles())
                .api(overview::topCustomers);
        routes.get("/api/sales/funnel")
                .summary("Leads of the period's months reaching each step (mart.sales_funnel roll-ups) and each step's "
                        + "conversion from the one before; the funnel has no team")
                .query("from", from).query("to", to).query("region", region)
                .roles(roles())
                .api(overview::funnel);
        routes.get("/api/sales/tiers")
                .summary("Customers and their trailing-12-month net purchases per current A/B/C tier (mart.customer_tier); "
                        + "a region: the customers of that region (mart.customer_sales)")
                .query("region", region)
                .roles(roles())
                .api(overview::tiers);
    }
}
