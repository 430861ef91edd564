package dsmart.web;

import static java.util.Objects.requireNonNull;

import dsmart.serving.MartQuery;
import dsmart.serving.NamedQuery;
import dsmart.serving.QueryResult;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON API over mart.sales_monthly. SQL stays in the subset DuckDB and Trino share; values are bound. */
final class SalesApi {
    static final String SALES_MONTHLY_SQL = """
            SELECT month, channel,
                   CAST(SUM(orders) AS BIGINT) AS orders,
                   SUM(revenue) AS revenue,
                   SUM(gross_profit) AS gross_profit,
                   CAST(SUM(new_customers) AS BIGINT) AS new_customers
            FROM mart.sales_monthly%s
            GROUP BY month, channel
            ORDER BY month, channel""";

    static final String REGIONS_SQL = """
            SELECT region_code, MIN(region_name) AS region_name
            FROM mart.sales_monthly%s
            GROUP BY region_code
            ORDER BY region_code""";

    private final MartQuery mart;
    private final WebContext web;

    /** The queries this API runs, with filters as a user would set them (for engine comparisons and benchmarks). */
    static List<NamedQuery> samples() {
        List<NamedQuery> samples = new ArrayList<>();
        Map<String, Map<String, String>> filters = new LinkedHashMap<>();
        filters.put("sales-monthly", Map.of());
        filters.put("sales-monthly from/to", Map.of("from", "2025-03", "to", "2025-05"));
        filters.put("sales-monthly channel", Map.of("channel", "online"));
        filters.put("sales-monthly region+from", Map.of("region", "EAST", "from", "2025-02"));
        filters.put("sales-monthly of a region manager", Map.of("region", "EAST"));
        filters.forEach((name, parameters) -> {
            List<Object> params = new ArrayList<>();
            String sql = SALES_MONTHLY_SQL.formatted(SalesFilter.parse(parameters::get).where(params));
            samples.add(new NamedQuery("web " + name, sql, params));
        });
        samples.add(new NamedQuery("web regions", regionsSql(Scope.ALL, new ArrayList<>()), List.of()));
        List<Object> scoped = new ArrayList<>();
        samples.add(new NamedQuery("web regions of a region manager", regionsSql(new Scope("EAST"), scoped), scoped));
        return samples;
    }

    SalesApi(WebContext web) {
        this.web = requireNonNull(web, "web");
        this.mart = web.mart;
    }

    /** The regions query, limited to the scope's region when the scope is limited (bound, never spliced). */
    static String regionsSql(Scope scope, List<Object> params) {
        if (!scope.limited()) {
            return REGIONS_SQL.formatted("");
        }
        params.add(scope.region());
        return REGIONS_SQL.formatted(" WHERE region_code = ?");
    }

    /**
     * GET /api/sales-monthly: revenue and friends per month and channel, summed over regions unless one is
     * given. A region manager reads their own region only (asking for another one is answered 403).
     */
    void salesMonthly(Context ctx) {
        SalesFilter asked = SalesFilter.parse(ctx::queryParam);
        SalesFilter filter = asked.withRegion(web.scope(ctx).region(asked.region()));
        Lang lang = web.lang(ctx);
        List<Object> params = new ArrayList<>();
        String sql = SALES_MONTHLY_SQL.formatted(filter.where(params));
        QueryResult result = mart.query(sql, params);

        int month = result.columnIndex("month");
        int channel = result.columnIndex("channel");
        int orders = result.columnIndex("orders");
        int revenue = result.columnIndex("revenue");
        int grossProfit = result.columnIndex("gross_profit");
        int newCustomers = result.columnIndex("new_customers");

        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Totals> totals = new LinkedHashMap<>();
        for (Channel known : Channel.values()) {
            totals.put(known.code(), new Totals(known.code()));
        }
        for (List<Object> row : result.rows()) {
            String code = (String) row.get(channel);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("month", asDate(row.get(month)));
            out.put("channel", code);
            out.put("channel_name", Channel.labelOf(code, lang));
            out.put("orders", asLong(row.get(orders)));
            out.put("revenue", asDecimal(row.get(revenue)));
            out.put("gross_profit", asDecimal(row.get(grossProfit)));
            out.put("new_customers", asLong(row.get(newCustomers)));
            rows.add(out);
            totals.computeIfAbsent(code, Totals::new).add(out);
        }
        List<Map<String, Object>> totalRows = new ArrayList<>();
        for (Totals total : totals.values()) {
            if (total.rows > 0) {
                totalRows.add(total.asMap(lang));
            }
        }

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rows", rows);
        body.put("totals", totalRows);
        body.put("filter", filterAsMap(filter));
        body.put("channels", Channel.labels(lang));
        web.answer(ctx, body, result);
    }

    /** GET /api/regions: the regions the mart knows (a region manager's own only), for the dashboard's filter. */
    void regions(Context ctx) {
        List<Object> params = new ArrayList<>();
        QueryResult result = mart.query(regionsSql(web.scope(ctx), params), params);
        int code = result.columnIndex("region_code");
        int name = result.columnIndex("region_name");
        List<Map<String, Object>> regions = new ArrayList<>();
        for (List<Object> row : result.rows()) {
            Map<String, Object> region = new LinkedHashMap<>();
            region.put("code", row.get(code));
            region.put("name", row.get(name));
            regions.add(region);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("regions", regions);
        web.answer(ctx, body, result);
    }

    private static Map<String, Object> filterAsMap(SalesFilter filter) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("from", filter.from() == null ? null : filter.from().toString());
        map.put("to", filter.to() == null ? null : filter.to().toString());
        map.put("region", filter.region());
        map.put("channel", filter.channel() == null ? null : filter.channel().code());
        return map;
    }

    private static final class Totals {
        final String channel;
        int rows;
        long orders;
        BigDecimal revenue = BigDecimal.ZERO.setScale(2);
        BigDecimal grossProfit = BigDecimal.ZERO.setScale(2);
        long newCustomers;

        Totals(String channel) {
            this.channel = channel;
        }

        void add(Map<String, Object> row) {
            rows++;
            orders += orZero((Long) row.get("orders"));
            revenue = revenue.add(orZero((BigDecimal) row.get("revenue")));
            grossProfit = grossProfit.add(orZero((BigDecimal) row.get("gross_profit")));
            newCustomers += orZero((Long) row.get("new_customers"));
        }

        Map<String, Object> asMap(Lang lang) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("channel", channel);
            map.put("channel_name", Channel.labelOf(channel, lang));
            map.put("orders", orders);
            map.put("revenue", revenue);
            map.put("gross_profit", grossProfit);
            map.put("new_customers", newCustomers);
            return map;
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0L : value;
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    static LocalDate asDate(Object value) {
        if (value == null || value instanceof LocalDate) {
            return (LocalDate) value;
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        return LocalDate.parse(value.toString());
    }

    static Long asLong(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof BigDecimal d) {
            return d.longValueExact();
        }
        return ((Number) value).longValue();
    }

    static BigDecimal asDecimal(Object value) {
        if (value == null || value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        if (value instanceof Long || value instanceof Integer) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        return new BigDecimal(value.toString());
    }
}
