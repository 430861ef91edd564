package dsmart.reports;

import dsmart.serving.NamedQuery;
import dsmart.serving.QueryResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;

/**
 * 销售经营报表 Executive sales: the period's sales by month × region × channel with totals, the period
 * against the same period last year (orders, revenue, gross profit, new customers) and the ten customers
 * with the highest revenue to date, the period's lead funnel ({@code mart.sales_funnel}) and the tier mix (A/B/C customers
 * and their net purchases of the trailing 12 months at the period's last month, {@code mart.customer_tier_history}),
 * and quota completion by team ({@code mart.sales_kpi}: each team's net sales, quota, completion and last year's net
 * sales, then its region's and the company's own roll-up rows; the company's or region's quota and completion also
 * in the KPI block).
 * PDF and XLSX from {@code executive_sales.jrxml}, the detail rows also as CSV.
 * Monthly (scheduled after month close); a year gives the annual view. Scoped by region.
 *
 * <p>The funnel, the tier mix and the quota completion are optional sections: a lake without their marts (their
 * transforms skipped for want of CRM or order inputs) still gets the pack, the sections saying the data is not available.
 *
 * <p>To grow into the full executive pack (trend): add its query here and its section to the JRXML.
 */
public final class ExecutiveSalesPack implements ReportPack {
    public static final String NAME = "executive-sales";
    static final String TEMPLATE = "dsmart/reports/executive_sales.jrxml";
    static final int TOP_CUSTOMERS = 10;

    static final String ROWS = NAME + " rows";
    static final String LAST_YEAR = NAME + " last year";
    static final String TOP = NAME + " top customers";
    static final String FUNNEL = NAME + " funnel";
    static final String TIERS = NAME + " tier mix";
    static final String QUOTA = NAME + " quota";

    /** The funnel's steps, in order: each a column of mart.sales_funnel and the label key {@code funnel.<step>}. */
    static final List<String> FUNNEL_STEPS = List.of("leads", "prospects", "visited", "proposals", "contracts", "orders");

    private static final String ROWS_SQL = """
            SELECT month, region_code, COALESCE(region_name, region_code) AS region_name, channel,
                   orders, revenue, gross_profit, new_customers
            FROM mart.sales_monthly
            WHERE month >= ? AND month < ? AND %s
            ORDER BY month, region_code,
                     CASE channel WHEN 'phone' THEN 1 WHEN 'online' THEN 2 WHEN 'door_to_door' THEN 3 ELSE 4 END, channel""";

    private static final String TOTALS_SQL = """
            SELECT SUM(orders) AS orders, SUM(revenue) AS revenue, SUM(gross_profit) AS gross_profit,
                   SUM(new_customers) AS new_customers
            FROM mart.sales_monthly
            WHERE month >= ? AND month < ? AND %s""";

    // A constant row count (not a bound value): FETCH FIRST is the ANSI form that DuckDB and Trino both run.
    private static final String TOP_SQL = """
            SELECT customer_id, customer_name, region_name, orders, revenue
            FROM mart.customer_sales
            WHERE %s
            ORDER BY revenue DESC NULLS LAST, customer_id
            FETCH FIRST %d ROWS ONLY""";

    /** The region roll-up rows of the funnel (channel and source 'all'); the company's is region 'all' too. */
    private static final String FUNNEL_SQL = """
            SELECT SUM(leads) AS leads, SUM(prospects) AS prospects, SUM(visited) AS visited, SUM(proposals) AS proposals,
                   SUM(contracts) AS contracts, SUM(orders) AS orders
            FROM mart.sales_funnel
            WHERE month >= ? AND month < ? AND channel = 'all' AND lead_source = 'all' AND %s""";

    private static final String TIERS_SQL = """
            SELECT h.tier, COUNT(*) AS customers, SUM(h.amount_12m) AS amount_12m
            FROM mart.customer_tier_history h
            LEFT JOIN mart.customer_sales s ON s.customer_id = h.customer_id
            WHERE h.month = ? AND %s
            GROUP BY h.tier
            ORDER BY h.tier""";

    /**
     * The mart's own team, region and company rows of the period (its month or year rows; no rep or detail row is read,
     * nothing is added up), each with the same level's row of the same period last year. Region names from
     * mart.sales_monthly. Parameters: last year's period start, the period type, this period's start, then the scope's.
     */
    private static final String QUOTA_SQL = """
            SELECT k.level, k.region_code, COALESCE(r.region_name, k.region_code) AS region_name, k.team_id,
                   k.net_sales, k.quota, k.completion_rate,
                   p.net_sales AS last_year_net_sales, p.quota AS last_year_quota, p.completion_rate AS last_year_completion_rate
            FROM mart.sales_kpi k
            LEFT JOIN mart.sales_kpi p
              ON p.period_type = k.period_type AND p.period_start = ? AND p.level = k.level
             AND p.team_id IS NOT DISTINCT FROM k.team_id AND p.region_code IS NOT DISTINCT FROM k.region_code
            LEFT JOIN (SELECT region_code, MAX(region_name) AS region_name FROM mart.sales_monthly GROUP BY region_code) r
              ON r.region_code = k.region_code
            WHERE k.period_type = ? AND k.period_start = ? AND k.level IN ('team', 'region', 'company') AND %s
            ORDER BY CASE k.level WHEN 'team' THEN 1 WHEN 'region' THEN 2 ELSE 3 END, k.region_code, k.team_id""";

    /** Region scope on mart.sales_kpi: the region's team and region rows (the company row has no region). */
    static final String KPI_REGION = "k.region_code IN ({in})";

    /** Region scope on mart.sales_monthly. */
    static final String REGION = "region_code IN ({in})";
    /** Region scope on mart.customer_sales, which carries the region's name only: through the names of the codes. */
    static final String CUSTOMER_REGION = "region_name IN (SELECT r.region_name FROM mart.sales_monthly r WHERE r.region_code IN ({in}))";

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String labels() {
        return "executive_sales";
    }

    @Override
    public Cadence cadence() {
        return Cadence.MONTHLY;
    }

    @Override
    public Set<Period.Kind> periodKinds() {
        return EnumSet.of(Period.Kind.MONTH, Period.Kind.YEAR);
    }

    @Override
    public Set<Scope.Dimension> scopeDimensions() {
        return EnumSet.of(Scope.Dimension.REGION);
    }

    @Override
    public List<NamedQuery> queries(Period period, Scope scope) {
        return List.of(rows(ROWS, period, scope),
                totals(LAST_YEAR, period.yearBefore(), scope),
                top(scope), funnel(period, scope), tiers(period, scope), quota(period, scope));
    }

    @Override
    public Set<String> optionalQueries() {
        return Set.of(FUNNEL, TIERS, QUOTA);
    }

    private static NamedQuery quota(Period period, Scope scope) {
        Scope.Condition condition = scope.condition(KPI_REGION, null);
        String periodType = period.kind() == Period.Kind.MONTH ? "month" : "year";
        List<Object> params = new ArrayList<>(List.of(period.yearBefore().from(), periodType, period.from()));
        params.addAll(condition.params());
        return new NamedQuery(QUOTA, QUOTA_SQL.formatted(condition.sql()), params);
    }

    private static NamedQuery funnel(Period period, Scope scope) {
        Scope.Condition condition = scope.isCompany()
                ? new Scope.Condition("region_code = 'all'", List.of()) : scope.condition(REGION, null);
        List<Object> params = new ArrayList<>(List.of(period.from(), period.until()));
        params.addAll(condition.params());
        return new NamedQuery(FUNNEL, FUNNEL_SQL.formatted(condition.sql()), params);
    }

    /** The tiers of the period's last month (a past period shows its own tiers). */
    private static NamedQuery tiers(Period period, Scope scope) {
        Scope.Condition condition = scope.condition(CustomerTiersPack.REGION, null);
        List<Object> params = new ArrayList<>(List.of(lastMonth(period)));
        params.addAll(condition.params());
        return new NamedQuery(TIERS, TIERS_SQL.formatted(condition.sql()), params);
    }

    static LocalDate lastMonth(Period period) {
        return period.until().minusMonths(1);
    }

    private static NamedQuery rows(String name, Period period, Scope scope) {
        Scope.Condition condition = scope.condition(REGION, null);
        List<Object> params = new ArrayList<>(List.of(period.from(), period.until()));
        params.addAll(condition.params());
        return new NamedQuery(name, ROWS_SQL.formatted(condition.sql()), params);
    }

    private static NamedQuery totals(String name, Period period, Scope scope) {
        Scope.Condition condition = scope.condition(REGION, null);
        List<Object> params = new ArrayList<>(List.of(period.from(), period.until()));
        params.addAll(condition.params());
        return new NamedQuery(name, TOTALS_SQL.formatted(condition.sql()), params);
    }

    private static NamedQuery top(Scope scope) {
        Scope.Condition condition = scope.condition(CUSTOMER_REGION, null);
        return new NamedQuery(TOP, TOP_SQL.formatted(condition.sql(), TOP_CUSTOMERS), condition.params());
    }

    @Override
    public List<Document> documents() {
        return List.of(new Document("", TEMPLATE, EnumSet.of(Format.PDF, Format.XLSX)));
    }

    @Override
    public List<Table> tables(Period period, Scope scope) {
        return List.of(new Table("detail", rows(NAME + " detail", period, scope), List.of(
                TableColumn.of("month", "col.month", TableColumn.Type.MONTH),
                TableColumn.of("region_code", "col.region_code", TableColumn.Type.TEXT),
                TableColumn.of("region_name", "col.region", TableColumn.Type.TEXT),
                TableColumn.code("channel", "col.channel", "channel."),
                TableColumn.of("orders", "col.orders", TableColumn.Type.COUNT),
                TableColumn.of("revenue", "col.revenue", TableColumn.Type.MONEY),
                TableColumn.of("gross_profit", "col.gross_profit", TableColumn.Type.MONEY),
                TableColumn.of("new_customers", "col.new_customers", TableColumn.Type.COUNT)),
                EnumSet.of(Format.CSV)));
    }

    @Override
    public Fill fill(Document document, Answers answers, Labels labels, Period period) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : answers.get(ROWS).asMaps()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("month_label", monthLabel(row.get("month")));
            out.put("region_name", text(row.get("region_name")));
            out.put("channel_label", labels.code("channel.", row.get("channel")));
            out.put("orders", toLong(row.get("orders")));
            out.put("revenue", toDecimal(row.get("revenue")));
            out.put("gross_profit", toDecimal(row.get("gross_profit")));
            out.put("new_customers", toLong(row.get("new_customers")));
            rows.add(out);
        }
        List<Map<String, ?>> top = new ArrayList<>();
        for (Map<String, Object> row : answers.get(TOP).asMaps()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("customer_name", text(row.get("customer_name")));
            out.put("region_name", text(row.get("region_name")));
            out.put("orders", toLong(row.get("orders")));
            out.put("revenue", toDecimal(row.get("revenue")));
            top.add(out);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<Map<String, Object>> quota = answers.has(QUOTA) ? answers.get(QUOTA).asMaps() : List.of();
        List<Map<String, ?>> kpis = kpis(rows, answers.get(LAST_YEAR), labels);
        kpis.addAll(quotaKpis(quota, labels));
        parameters.put("KPIS", new JRMapCollectionDataSource(kpis));
        parameters.put("TOP_CUSTOMERS", new JRMapCollectionDataSource(top));
        parameters.put("TOP_CUSTOMER_COUNT", top.size());
        List<Map<String, ?>> funnel = answers.has(FUNNEL) ? funnel(answers.get(FUNNEL), labels) : List.of();
        parameters.put("FUNNEL", new JRMapCollectionDataSource(funnel));
        parameters.put("FUNNEL_COUNT", funnel.size());
        parameters.put("FUNNEL_EMPTY", labels.text(answers.has(FUNNEL) ? "no_data" : "not_available"));
        List<Map<String, ?>> tiers = answers.has(TIERS) ? tiers(answers.get(TIERS), labels) : List.of();
        parameters.put("TIER_HEADING", labels.format("tiers.heading", MONTH.format(lastMonth(period))));
        parameters.put("TIERS", new JRMapCollectionDataSource(tiers));
        parameters.put("TIER_COUNT", tiers.size());
        parameters.put("TIER_EMPTY", labels.text(answers.has(TIERS) ? "no_data" : "not_available"));
        List<Map<String, ?>> teams = quotaRows(quota, labels);
        parameters.put("QUOTA", new JRMapCollectionDataSource(teams));
        parameters.put("QUOTA_COUNT", teams.size());
        parameters.put("QUOTA_EMPTY", labels.text(answers.has(QUOTA) ? "no_data" : "not_available"));
        return new Fill(rows, parameters);
    }

    /** The section's rows as the mart has them: teams (their id), then regions and the company, labelled as totals. */
    static List<Map<String, ?>> quotaRows(List<Map<String, Object>> answer, Labels labels) {
        List<Map<String, ?>> out = new ArrayList<>();
        for (Map<String, Object> row : answer) {
            Object level = row.get("level");
            Map<String, Object> team = new LinkedHashMap<>();
            team.put("team", "team".equals(level) ? text(row.get("team_id")) : labels.text("quota." + level + "_total"));
            team.put("region_name", "company".equals(level) ? "" : text(row.get("region_name")));
            team.put("net_sales", toDecimal(row.get("net_sales")));
            team.put("quota", toDecimal(row.get("quota")));
            team.put("completion_rate", toDecimal(row.get("completion_rate")));
            team.put("last_year_net_sales", toDecimal(row.get("last_year_net_sales")));
            out.add(team);
        }
        return out;
    }

    /**
     * Net sales, quota and completion of the scope's total row: the company's, or in a region scope the region's
     * (several regions: their rows added, the completion recomputed). None without such a row.
     */
    static List<Map<String, ?>> quotaKpis(List<Map<String, Object>> answer, Labels labels) {
        List<Map<String, Object>> totals = answer.stream().filter(row -> "company".equals(row.get("level"))).toList();
        if (totals.isEmpty()) {
            totals = answer.stream().filter(row -> "region".equals(row.get("level"))).toList();
        }
        if (totals.isEmpty()) {
            return List.of();
        }
        BigDecimal netSales = sum(totals, "net_sales");
        BigDecimal quota = sum(totals, "quota");
        BigDecimal lastNetSales = sum(totals, "last_year_net_sales");
        BigDecimal lastQuota = sum(totals, "last_year_quota");
        BigDecimal completion = totals.size() == 1 ? toDecimal(totals.get(0).get("completion_rate")) : completion(netSales, quota);
        BigDecimal lastCompletion = totals.size() == 1
                ? toDecimal(totals.get(0).get("last_year_completion_rate")) : completion(lastNetSales, lastQuota);
        return List.of(kpi(labels.text("col.net_sales"), netSales, lastNetSales, change(netSales, lastNetSales), true, false),
                kpi(labels.text("col.quota"), quota, lastQuota, change(quota, lastQuota), true, false),
                // a change of a rate relative to itself would mislead: the two rates stand side by side
                kpi(labels.text("col.completion_rate"), completion, lastCompletion, null, false, true));
    }

    private static Map<String, Object> kpi(String measure, BigDecimal current, BigDecimal lastYear, BigDecimal change,
                                           boolean money, boolean percent) {
        Map<String, Object> kpi = new LinkedHashMap<>();
        kpi.put("measure", measure);
        kpi.put("current", current);
        kpi.put("last_year", lastYear);
        kpi.put("change", change);
        kpi.put("money", money);
        kpi.put("percent", percent);
        return kpi;
    }

    /** The sum of a column over rows of one level; null when no row has a value. */
    private static BigDecimal sum(List<Map<String, Object>> rows, String column) {
        BigDecimal sum = null;
        for (Map<String, Object> row : rows) {
            BigDecimal value = toDecimal(row.get(column));
            if (value != null) {
                sum = sum == null ? value : sum.add(value);
            }
        }
        return sum;
    }

    private static BigDecimal completion(BigDecimal netSales, BigDecimal quota) {
        return netSales == null || quota == null || quota.signum() == 0 ? null : netSales.divide(quota, 4, RoundingMode.HALF_UP);
    }

    /** Orders, revenue, gross profit and new customers: this period (the detail rows summed) and last year's. */
    static List<Map<String, ?>> kpis(List<Map<String, Object>> rows, QueryResult lastYear, Labels labels) {
        Map<String, Object> previous = lastYear.asMaps().isEmpty() ? Map.of() : lastYear.asMaps().get(0);
        List<Map<String, ?>> kpis = new ArrayList<>();
        for (String measure : List.of("orders", "revenue", "gross_profit", "new_customers")) {
            boolean money = measure.equals("revenue") || measure.equals("gross_profit");
            BigDecimal current = null;
            for (Map<String, Object> row : rows) {
                Object value = row.get(measure);
                if (value != null) {
                    BigDecimal decimal = value instanceof BigDecimal d ? d : BigDecimal.valueOf((Long) value);
                    current = current == null ? decimal : current.add(decimal);
                }
            }
            BigDecimal before = previous.get(measure) == null ? null : toDecimal(previous.get(measure));
            kpis.add(kpi(labels.text("col." + measure), current, before, change(current, before), money, false));
        }
        return kpis;
    }

    /** One row per step: how many leads reached it, as a share of the step before and of the leads; none without leads. */
    static List<Map<String, ?>> funnel(QueryResult answer, Labels labels) {
        Map<String, Object> sums = answer.asMaps().isEmpty() ? Map.of() : answer.asMaps().get(0);
        Long leads = toLong(sums.get("leads"));
        if (leads == null || leads == 0) {
            return List.of();
        }
        List<Map<String, ?>> steps = new ArrayList<>();
        Long previous = null;
        for (String step : FUNNEL_STEPS) {
            Long count = toLong(sums.get(step));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("step", labels.text("funnel." + step));
            out.put("count", count);
            out.put("step_rate", previous == null ? null : ratio(count, previous));
            out.put("lead_rate", ratio(count, leads));
            steps.add(out);
            previous = count;
        }
        return steps;
    }

    /** A, B and C: customers and net purchases of the trailing 12 months, each with its share, and a total row. */
    static List<Map<String, ?>> tiers(QueryResult answer, Labels labels) {
        long customers = 0;
        BigDecimal amount = BigDecimal.ZERO.setScale(2);
        for (Map<String, Object> row : answer.asMaps()) {
            customers += toLong(row.get("customers"));
            amount = amount.add(toDecimal(row.get("amount_12m")));
        }
        List<Map<String, ?>> tiers = new ArrayList<>();
        for (Map<String, Object> row : answer.asMaps()) {
            tiers.add(tier(labels.code("tier.", row.get("tier")), toLong(row.get("customers")), toDecimal(row.get("amount_12m")), customers, amount));
        }
        if (!tiers.isEmpty()) {
            tiers.add(tier(labels.text("total"), customers, amount, customers, amount));
        }
        return tiers;
    }

    private static Map<String, Object> tier(String label, long customers, BigDecimal amount, long allCustomers, BigDecimal allAmount) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tier", label);
        out.put("customers", customers);
        out.put("customer_share", ratio(customers, allCustomers));
        out.put("amount_12m", amount);
        out.put("amount_share", allAmount.signum() == 0 ? null : amount.divide(allAmount, 4, RoundingMode.HALF_UP));
        return out;
    }

    private static BigDecimal ratio(Long part, long whole) {
        return part == null || whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    /** (current − before) / |before|, as a fraction to 4 places; null when either is missing or before is zero. */
    static BigDecimal change(BigDecimal current, BigDecimal before) {
        if (current == null || before == null || before.signum() == 0) {
            return null;
        }
        return current.subtract(before).divide(before.abs(), 4, RoundingMode.HALF_UP);
    }

    private static String monthLabel(Object month) {
        if (month instanceof LocalDate date) {
            return MONTH.format(date);
        }
        if (month instanceof LocalDateTime dateTime) {
            return MONTH.format(dateTime);
        }
        return text(month);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    // The port promises Long and BigDecimal; other engines' integer or decimal types (a SUM may widen) are folded in here
    // so that the JRXML's field classes always match.
    static Long toLong(Object value) {
        if (value == null || value instanceof Long) {
            return (Long) value;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.longValueExact();
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalArgumentException(NAME + ": expected an integer, got " + value.getClass().getName() + " " + value);
    }

    static BigDecimal toDecimal(Object value) {
        if (value == null || value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        throw new IllegalArgumentException(NAME + ": expected a decimal, got " + value.getClass().getName() + " " + value);
    }
}
