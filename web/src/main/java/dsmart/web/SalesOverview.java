package dsmart.web;

import static java.util.Objects.requireNonNull;

import dsmart.serving.NamedQuery;
import dsmart.serving.QueryResult;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The sales overview's API beyond the monthly chart: KPIs of a period against the same period a year earlier and
 * against quota, the monthly trend, channel mix, top reps (mart.sales_kpi), the funnel (mart.sales_funnel), top
 * customers (mart.rep_kpi_evidence) and the tier mix (mart.customer_tier). Every filter is checked and bound;
 * a region manager's region is bound into every query.
 */
final class SalesOverview {
    /** Months of one organisation level (company, region or team rows of mart.sales_kpi). */
    static final String KPI_SQL = """
            SELECT period_start, SUM(net_sales) AS net_sales, SUM(gross_profit) AS gross_profit,
                   CAST(SUM(orders) AS BIGINT) AS orders, CAST(SUM(new_customers) AS BIGINT) AS new_customers,
                   SUM(quota) AS quota
            FROM mart.sales_kpi
            WHERE period_type = 'month' AND period_start >= ? AND period_start < ? AND level = ?%s
            GROUP BY period_start
            ORDER BY period_start""";

    static final String LATEST_MONTH_SQL =
            "SELECT MAX(period_start) AS latest FROM mart.sales_kpi WHERE period_type = 'month' AND level = 'company'";

    static final String CHANNEL_MIX_SQL = """
            SELECT channel, SUM(net_sales) AS net_sales, SUM(gross_profit) AS gross_profit
            FROM mart.sales_kpi
            WHERE period_type = 'month' AND level = 'rep_channel_category' AND period_start >= ? AND period_start < ?%s
            GROUP BY channel
            ORDER BY 2 DESC, 1""";

    static final String TOP_REPS_SQL = """
            SELECT t.rep_id, n.rep_name, t.team_id, t.region_code, t.net_sales, t.gross_profit, t.orders, t.new_customers,
                   t.quota
            FROM (SELECT rep_id, MAX(team_id) AS team_id, MAX(region_code) AS region_code, SUM(net_sales) AS net_sales,
                         SUM(gross_profit) AS gross_profit, CAST(SUM(orders) AS BIGINT) AS orders,
                         CAST(SUM(new_customers) AS BIGINT) AS new_customers, SUM(quota) AS quota
                  FROM mart.sales_kpi
                  WHERE period_type = 'month' AND level = 'rep' AND period_start >= ? AND period_start < ?%s
                  GROUP BY rep_id
                  ORDER BY 4 DESC, 1
                  LIMIT ?) t
            LEFT JOIN (SELECT rep_id, MAX(rep_name) AS rep_name FROM mart.rep_scorecard_monthly GROUP BY rep_id) n
              ON n.rep_id = t.rep_id
            ORDER BY t.net_sales DESC, t.rep_id""";

    /** Net sales per customer from the rows behind the reps' KPIs; region and team are the crediting rep's. */
    static final String TOP_CUSTOMERS_SQL = """
            SELECT e.customer_id, MAX(e.customer_name) AS customer_name, SUM(e.amount) AS net_sales,
                   SUM(e.gross_profit) AS gross_profit,
                   CAST(SUM(CASE WHEN e.source_table = 'orders.orders' THEN 1 ELSE 0 END) AS BIGINT) AS orders
            FROM mart.rep_kpi_evidence e%s
            WHERE e.kpi = 'sales' AND e.month >= ? AND e.month < ?%s
            GROUP BY e.customer_id
            ORDER BY SUM(e.amount) DESC, e.customer_id
            LIMIT ?""";

    static final String EVIDENCE_REP_JOIN = " JOIN mart.sales_kpi k ON k.period_type = 'month' AND k.level = 'rep'"
            + " AND k.period_start = e.month AND k.rep_id = e.rep_id";

    static final String FUNNEL_SQL = """
            SELECT CAST(SUM(leads) AS BIGINT) AS leads, CAST(SUM(prospects) AS BIGINT) AS prospects,
                   CAST(SUM(visited) AS BIGINT) AS visited, CAST(SUM(proposals) AS BIGINT) AS proposals,
                   CAST(SUM(contracts) AS BIGINT) AS contracts, CAST(SUM(orders) AS BIGINT) AS orders
            FROM mart.sales_funnel
            WHERE month >= ? AND month < ? AND region_code = ? AND channel = 'all' AND lead_source = 'all'""";

    static final String TIERS_SQL = """
            SELECT t.tier, MAX(t.month) AS month, COUNT(*) AS customers, SUM(t.amount_12m) AS amount_12m
            FROM mart.customer_tier t%s
            GROUP BY t.tier
            ORDER BY t.tier""";

    /** The customer's region: mart.customer_sales names it, mart.sales_monthly pairs names with codes. */
    static final String TIER_REGION_JOIN = """
             JOIN mart.customer_sales s ON s.customer_id = t.customer_id
             JOIN (SELECT DISTINCT region_code, region_name FROM mart.sales_monthly) r ON r.region_name = s.region_name
            WHERE r.region_code = ?""";

    static final List<String> STEPS = List.of("leads", "prospects", "visited", "proposals", "contracts", "orders");
    static final List<String> TIERS = List.of("A", "B", "C");
    private static final Pattern TEAM = Pattern.compile("[0-9]{1,18}");
    private static final int RATE_SCALE = 4;

    private final WebContext web;

    SalesOverview(WebContext web) {
        this.web = requireNonNull(web, "web");
    }

    /** The period and organisation filters of an overview question: from, to (YYYY-MM), region, team. */
    record Filter(YearMonth from, YearMonth to, String region, Long team) {
        static Filter parse(Context ctx, Scope scope) {
            SalesFilter checked = SalesFilter.parse(name -> name.equals("channel") ? null : ctx.queryParam(name));
            notTheRollUp(checked.region());
            String team = Params.matching("team", ctx.queryParam("team"), TEAM, "a team id (digits)");
            return new Filter(checked.from(), checked.to(), scope.region(checked.region()), team == null ? null : Long.valueOf(team));
        }

        /** The period with its open ends filled: to the latest month (today's without data), from January of to's year. */
        Filter withPeriod(YearMonth latest, YearMonth today) {
            YearMonth end = to != null ? to : latest == null || (from != null && latest.isBefore(from)) ? from : latest;
            if (end == null) {
                end = today;
            }
            YearMonth start = from != null ? from : end.withMonth(1);
            return new Filter(start, end, region, team);
        }

        Filter yearEarlier() {
            return new Filter(from.minusYears(1), to.minusYears(1), region, team);
        }

        LocalDate start() {
            return from.atDay(1);
        }

        LocalDate end() {
            return to.plusMonths(1).atDay(1);
        }

        /** " AND region_code = ? AND team_id = ?" for the given filters, with the column prefix. */
        String organisation(String prefix, List<Object> params) {
            StringBuilder where = new StringBuilder();
            if (region != null) {
                where.append(" AND ").append(prefix).append("region_code = ?");
                params.add(region);
            }
            if (team != null) {
                where.append(" AND ").append(prefix).append("team_id = ?");
                params.add(team);
            }
            return where.toString();
        }

        /** The mart.sales_kpi level whose rows answer this filter: team, region or company. */
        String level() {
            return team != null ? "team" : region != null ? "region" : "company";
        }

        Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("from", from == null ? null : from.toString());
            map.put("to", to == null ? null : to.toString());
            map.put("region", region);
            map.put("team", team == null ? null : team.toString());
            return map;
        }
    }

    /** The queries of the overview with sample filters (engine comparisons, benchmarks). */
    static List<NamedQuery> samples() {
        Filter company = new Filter(YearMonth.of(2025, 1), YearMonth.of(2025, 3), null, null);
        Filter east = new Filter(YearMonth.of(2025, 1), YearMonth.of(2025, 3), "EAST", null);
        List<NamedQuery> samples = new ArrayList<>();
        samples.add(new NamedQuery("web sales latest kpi month", LATEST_MONTH_SQL, List.of()));
        for (Filter filter : List.of(company, east)) {
            String name = " " + filter.level();
            List<Object> params = new ArrayList<>();
            samples.add(new NamedQuery("web sales kpis" + name, kpiSql(filter, params), params));
            List<Object> mix = new ArrayList<>();
            samples.add(new NamedQuery("web sales channel mix" + name, channelMixSql(filter, mix), mix));
            List<Object> reps = new ArrayList<>();
            samples.add(new NamedQuery("web sales top reps" + name, topRepsSql(filter, 10, reps), reps));
            List<Object> customers = new ArrayList<>();
            samples.add(new NamedQuery("web sales top customers" + name, topCustomersSql(filter, 10, customers), customers));
        }
        samples.add(new NamedQuery("web sales funnel", FUNNEL_SQL, List.of(company.start(), company.end(), "all")));
        samples.add(new NamedQuery("web sales funnel region", FUNNEL_SQL, List.of(east.start(), east.end(), "EAST")));
        samples.add(new NamedQuery("web sales tiers", TIERS_SQL.formatted(""), List.of()));
        samples.add(new NamedQuery("web sales tiers region", TIERS_SQL.formatted(TIER_REGION_JOIN), List.of("EAST")));
        return samples;
    }

    static String kpiSql(Filter filter, List<Object> params) {
        params.add(filter.start());
        params.add(filter.end());
        params.add(filter.level());
        return KPI_SQL.formatted(filter.organisation("", params));
    }

    static String channelMixSql(Filter filter, List<Object> params) {
        params.add(filter.start());
        params.add(filter.end());
        return CHANNEL_MIX_SQL.formatted(filter.organisation("", params));
    }

    static String topRepsSql(Filter filter, int limit, List<Object> params) {
        params.add(filter.start());
        params.add(filter.end());
        String sql = TOP_REPS_SQL.formatted(filter.organisation("", params));
        params.add((long) limit);
        return sql;
    }

    static String topCustomersSql(Filter filter, int limit, List<Object> params) {
        boolean scoped = filter.region() != null || filter.team() != null;
        params.add(filter.start());
        params.add(filter.end());
        String sql = TOP_CUSTOMERS_SQL.formatted(scoped ? EVIDENCE_REP_JOIN : "", filter.organisation("k.", params));
        params.add((long) limit);
        return sql;
    }

    private Filter filter(Context ctx, List<QueryResult> read) {
        Filter asked = Filter.parse(ctx, web.scope(ctx));
        if (asked.from() != null && asked.to() != null) {
            return asked;
        }
        QueryResult latest = web.mart.query(LATEST_MONTH_SQL, List.of());
        read.add(latest);
        LocalDate month = SalesApi.asDate(latest.rows().isEmpty() ? null : latest.rows().get(0).get(0));
        return asked.withPeriod(month == null ? null : YearMonth.from(month), YearMonth.now(web.config.zone()));
    }

    /**
     * GET /api/sales/kpis: net sales, gross profit, orders, new customers, quota and completion of the period against
     * the same months a year earlier, and the monthly trend (each month beside the same month a year earlier).
     */
    void kpis(Context ctx) {
        List<QueryResult> read = new ArrayList<>();
        Filter filter = filter(ctx, read);
        Filter earlier = filter.yearEarlier();
        List<Object> params = new ArrayList<>();
        QueryResult current = web.mart.query(kpiSql(filter, params), params);
        List<Object> earlierParams = new ArrayList<>();
        QueryResult previous = web.mart.query(kpiSql(earlier, earlierParams), earlierParams);
        read.add(current);
        read.add(previous);
        Map<YearMonth, Month> now = months(current);
        Map<YearMonth, Month> before = months(previous);
        Month total = Month.sum(now.values());
        Month totalBefore = Month.sum(before.values());

        Map<String, Object> kpis = new LinkedHashMap<>();
        kpis.put("net_sales", compare(total.netSales, totalBefore.netSales));
        kpis.put("gross_profit", compare(total.grossProfit, totalBefore.grossProfit));
        kpis.put("orders", compare(BigDecimal.valueOf(total.orders), BigDecimal.valueOf(totalBefore.orders)));
        kpis.put("new_customers", compare(BigDecimal.valueOf(total.newCustomers), BigDecimal.valueOf(totalBefore.newCustomers)));
        kpis.put("quota", compare(total.quota, totalBefore.quota));
        BigDecimal completion = ratio(total.netSales, total.quota);
        BigDecimal completionBefore = ratio(totalBefore.netSales, totalBefore.quota);
        Map<String, Object> rate = new LinkedHashMap<>();
        rate.put("current", completion);
        rate.put("previous", completionBefore);
        rate.put("change", completion == null || completionBefore == null ? null : completion.subtract(completionBefore));
        kpis.put("completion_rate", rate);
        kpis.put("quota_gap", total.quota == null ? null : total.quota.subtract(total.netSales));

        List<Map<String, Object>> trend = new ArrayList<>();
        for (YearMonth month = filter.from(); !month.isAfter(filter.to()); month = month.plusMonths(1)) {
            Month here = now.get(month);
            Month then = before.get(month.minusYears(1));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("month", month.toString());
            row.put("net_sales", here == null ? null : here.netSales);
            row.put("gross_profit", here == null ? null : here.grossProfit);
            row.put("previous_month", month.minusYears(1).toString());
            row.put("previous_net_sales", then == null ? null : then.netSales);
            row.put("previous_gross_profit", then == null ? null : then.grossProfit);
            trend.add(row);
        }

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filter", filter.asMap());
        Map<String, Object> previousPeriod = new LinkedHashMap<>();
        previousPeriod.put("from", earlier.from().toString());
        previousPeriod.put("to", earlier.to().toString());
        body.put("previous_period", previousPeriod);
        body.put("level", filter.level());
        body.put("kpis", kpis);
        body.put("trend", trend);
        web.answer(ctx, body, read.toArray(QueryResult[]::new));
    }

    /** GET /api/sales/channel-mix: net sales and gross profit per order channel over the period, with shares. */
    void channelMix(Context ctx) {
        List<QueryResult> read = new ArrayList<>();
        Filter filter = filter(ctx, read);
        Lang lang = web.lang(ctx);
        List<Object> params = new ArrayList<>();
        QueryResult result = web.mart.query(channelMixSql(filter, params), params);
        read.add(result);
        BigDecimal total = BigDecimal.ZERO;
        for (List<Object> row : result.rows()) {
            total = total.add(orZero(SalesApi.asDecimal(row.get(1))));
        }
        List<Map<String, Object>> channels = new ArrayList<>();
        for (List<Object> row : result.rows()) {
            String code = (String) row.get(0);
            BigDecimal net = orZero(SalesApi.asDecimal(row.get(1)));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("channel", code);
            out.put("channel_name", Channel.labelOf(code, lang));
            out.put("net_sales", net);
            out.put("gross_profit", SalesApi.asDecimal(row.get(2)));
            out.put("share", ratio(net, total));
            channels.add(out);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filter", filter.asMap());
        body.put("channels", channels);
        body.put("net_sales", total);
        web.answer(ctx, body, read.toArray(QueryResult[]::new));
    }

    /** GET /api/sales/top-reps: reps by net sales over the period, highest first; ties by rep id. */
    void topReps(Context ctx) {
        List<QueryResult> read = new ArrayList<>();
        Filter filter = filter(ctx, read);
        int limit = WebContext.limit(ctx, 10, 100);
        List<Object> params = new ArrayList<>();
        QueryResult result = web.mart.query(topRepsSql(filter, limit, params), params);
        read.add(result);
        List<Map<String, Object>> reps = new ArrayList<>();
        int rank = 0;
        for (List<Object> row : result.rows()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("rank", ++rank);
            out.put("rep_id", String.valueOf(row.get(0)));
            out.put("rep_name", row.get(1));
            out.put("team_id", row.get(2) == null ? null : String.valueOf(row.get(2)));
            out.put("region_code", row.get(3));
            BigDecimal net = SalesApi.asDecimal(row.get(4));
            BigDecimal quota = SalesApi.asDecimal(row.get(8));
            out.put("net_sales", net);
            out.put("gross_profit", SalesApi.asDecimal(row.get(5)));
            out.put("orders", SalesApi.asLong(row.get(6)));
            out.put("new_customers", SalesApi.asLong(row.get(7)));
            out.put("quota", quota);
            out.put("completion_rate", ratio(net, quota));
            reps.add(out);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filter", filter.asMap());
        body.put("limit", limit);
        body.put("rows", reps);
        web.answer(ctx, body, read.toArray(QueryResult[]::new));
    }

    /** GET /api/sales/top-customers: customers by net sales (orders less received returns) over the period. */
    void topCustomers(Context ctx) {
        List<QueryResult> read = new ArrayList<>();
        Filter filter = filter(ctx, read);
        int limit = WebContext.limit(ctx, 10, 100);
        List<Object> params = new ArrayList<>();
        QueryResult result = web.mart.query(topCustomersSql(filter, limit, params), params);
        read.add(result);
        List<Map<String, Object>> customers = new ArrayList<>();
        int rank = 0;
        for (List<Object> row : result.rows()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("rank", ++rank);
            out.put("customer_id", row.get(0) == null ? null : String.valueOf(row.get(0)));
            out.put("customer_name", row.get(1));
            out.put("net_sales", SalesApi.asDecimal(row.get(2)));
            out.put("gross_profit", SalesApi.asDecimal(row.get(3)));
            out.put("orders", SalesApi.asLong(row.get(4)));
            customers.add(out);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filter", filter.asMap());
        body.put("limit", limit);
        body.put("rows", customers);
        web.answer(ctx, body, read.toArray(QueryResult[]::new));
    }

    /** GET /api/sales/funnel: leads reaching each step over the period's months, and each step's conversion. */
    void funnel(Context ctx) {
        List<QueryResult> read = new ArrayList<>();
        Filter filter = filter(ctx, read);
        QueryResult result = web.mart.query(FUNNEL_SQL, List.of(filter.start(), filter.end(),
                filter.region() == null ? "all" : filter.region()));
        read.add(result);
        List<Object> row = result.rows().isEmpty() ? null : result.rows().get(0);
        List<Map<String, Object>> steps = new ArrayList<>();
        Long before = null;
        for (int i = 0; i < STEPS.size(); i++) {
            Long count = row == null ? null : SalesApi.asLong(row.get(i));
            long reached = count == null ? 0L : count;
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("step", STEPS.get(i));
            step.put("count", reached);
            step.put("rate", before == null ? null : ratio(BigDecimal.valueOf(reached), BigDecimal.valueOf(before)));
            steps.add(step);
            before = reached;
        }
        long leads = (Long) steps.get(0).get("count");
        long orders = (Long) steps.get(STEPS.size() - 1).get("count");
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> applied = filter.asMap();
        applied.put("team", null); // the funnel has no team
        body.put("filter", applied);
        body.put("steps", steps);
        body.put("lead_to_order_rate", ratio(BigDecimal.valueOf(orders), BigDecimal.valueOf(leads)));
        web.answer(ctx, body, read.toArray(QueryResult[]::new));
    }

    /** GET /api/sales/tiers: customers and their trailing-12-month net purchases per current tier (A, B, C). */
    void tiers(Context ctx) {
        SalesFilter checked = SalesFilter.parse(name -> name.equals("region") ? ctx.queryParam(name) : null);
        notTheRollUp(checked.region());
        String region = web.scope(ctx).region(checked.region());
        QueryResult result = region == null ? web.mart.query(TIERS_SQL.formatted(""), List.of())
                : web.mart.query(TIERS_SQL.formatted(TIER_REGION_JOIN), List.of(region));
        Map<String, List<Object>> byTier = new LinkedHashMap<>();
        long customers = 0;
        BigDecimal amount = BigDecimal.ZERO;
        String month = null;
        for (List<Object> row : result.rows()) {
            byTier.put(String.valueOf(row.get(0)), row);
            customers += orZero(SalesApi.asLong(row.get(2)));
            amount = amount.add(orZero(SalesApi.asDecimal(row.get(3))));
            LocalDate asOf = SalesApi.asDate(row.get(1));
            if (asOf != null && (month == null || asOf.toString().compareTo(month) > 0)) {
                month = asOf.toString();
            }
        }
        List<String> order = new ArrayList<>(TIERS);
        byTier.keySet().stream().filter(t -> !TIERS.contains(t)).sorted().forEach(order::add);
        List<Map<String, Object>> tiers = new ArrayList<>();
        for (String tier : order) {
            List<Object> row = byTier.get(tier);
            long count = row == null ? 0L : orZero(SalesApi.asLong(row.get(2)));
            BigDecimal net = row == null ? BigDecimal.ZERO.setScale(2) : orZero(SalesApi.asDecimal(row.get(3)));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("tier", tier);
            out.put("customers", count);
            out.put("customer_share", ratio(BigDecimal.valueOf(count), BigDecimal.valueOf(customers)));
            out.put("amount_12m", net);
            out.put("amount_share", ratio(net, amount));
            tiers.add(out);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("region", region);
        body.put("month", month);
        body.put("tiers", tiers);
        body.put("customers", customers);
        body.put("amount_12m", amount);
        web.answer(ctx, body, result);
    }

    /** "all" marks the funnel's roll-up rows, so it is no region to ask for. */
    private static void notTheRollUp(String region) {
        if (region != null && region.equalsIgnoreCase("all")) {
            throw new BadParameterException("parameter region=\"" + region + "\" is not a region code (\"all\" marks roll-ups; "
                    + "leave region out for every region)");
        }
    }

    /** a ÷ b to 4 places (half up), null when either is null or b is 0. */
    static BigDecimal ratio(BigDecimal a, BigDecimal b) {
        if (a == null || b == null || b.signum() == 0) {
            return null;
        }
        return a.divide(b, RATE_SCALE, RoundingMode.HALF_UP);
    }

    /** current, previous, change and change ÷ |previous| (null when there is no previous figure or it is 0). */
    private static Map<String, Object> compare(BigDecimal current, BigDecimal previous) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("current", current);
        out.put("previous", previous);
        BigDecimal change = current == null || previous == null ? null : current.subtract(previous);
        out.put("change", change);
        out.put("change_rate", change == null ? null : ratio(change, previous.abs()));
        return out;
    }

    private static Map<YearMonth, Month> months(QueryResult result) {
        Map<YearMonth, Month> months = new LinkedHashMap<>();
        for (List<Object> row : result.rows()) {
            Month month = new Month(orZero(SalesApi.asDecimal(row.get(1))), orZero(SalesApi.asDecimal(row.get(2))),
                    orZero(SalesApi.asLong(row.get(3))), orZero(SalesApi.asLong(row.get(4))), SalesApi.asDecimal(row.get(5)));
            months.put(YearMonth.from(SalesApi.asDate(row.get(0))), month);
        }
        return months;
    }

    /** One month's figures of a level; quota null when none was set. */
    private record Month(BigDecimal netSales, BigDecimal grossProfit, long orders, long newCustomers, BigDecimal quota) {
        static Month sum(Iterable<Month> months) {
            BigDecimal net = BigDecimal.ZERO.setScale(2);
            BigDecimal profit = BigDecimal.ZERO.setScale(2);
            long orders = 0;
            long customers = 0;
            BigDecimal quota = null;
            for (Month month : months) {
                net = net.add(month.netSales);
                profit = profit.add(month.grossProfit);
                orders += month.orders;
                customers += month.newCustomers;
                if (month.quota != null) {
                    quota = quota == null ? month.quota : quota.add(month.quota);
                }
            }
            return new Month(net, profit, orders, customers, quota);
        }
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static long orZero(Long value) {
        return value == null ? 0L : value;
    }
}
