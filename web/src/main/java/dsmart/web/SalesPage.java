package dsmart.web;

import java.util.List;
import java.util.Set;

/** Sales overview (executives; region managers see their region): revenue per month and channel, totals. */
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
        return List.of(ECHARTS, "/assets/sales.js");
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
    }
}
