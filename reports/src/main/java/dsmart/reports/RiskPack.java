package dsmart.reports;

import static dsmart.reports.ExecutiveSalesPack.toDecimal;
import static dsmart.reports.ExecutiveSalesPack.toLong;

import dsmart.serving.NamedQuery;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;

/**
 * 风险报表 Risk (P-5.1, P-5.2), monthly: receivables ageing by bucket at the month's as-of date with its reconciliation
 * line (Σ buckets = total outstanding = ledger balance, to the cent), credit exposure and the customers over their limit,
 * the month's orders accepted over the limit, the bad-debt provision, and the market alerts active at the month's end.
 * PDF from {@code risk.jrxml}; one XLSX with a named sheet per section (streamed).
 *
 * <p>The <b>as-of date</b> is the latest of {@code mart.ar_ledger} within the month: its month end once the month is
 * over, the data's as-of date in the current month. Credit exposure exists only at the data's as-of date (the mart
 * keeps no history), so a past month shows today's exposure, labelled with its date. Active alerts: each alert's
 * latest row of {@code mart.market_alert} with a period starting before the month's end, in state pending or firing
 * (for the current month: {@code is_latest AND state IN ('pending', 'firing')}).
 *
 * <p>Scoped by region: the ageing, exposure, breaches and provision by their {@code region_code}; the ledger (no
 * region column) by the customers the ageing places in the regions (a customer absent from the ageing has nothing
 * open, so it adds nothing to the balance); alerts by their region series ({@code dimension = 'region'}):
 * company-wide, category and channel alerts are not shown to a region.
 */
public final class RiskPack implements ReportPack {
    public static final String NAME = "risk";
    static final String TEMPLATE = "dsmart/reports/risk.jrxml";
    static final int TOP_PROVISIONS = 10;

    static final String BUCKETS = NAME + " ageing";
    static final String RECONCILIATION = NAME + " reconciliation";
    static final String EXPOSURE = NAME + " exposure";
    static final String OVER_LIMIT = NAME + " over limit";
    static final String BREACHES = NAME + " breaches";
    static final String PROVISION = NAME + " provision";
    static final String TOP_PROVISION = NAME + " top provisions";
    static final String ALERTS = NAME + " alerts";

    /** The period's as-of date; binds the period's first day and the next period's. */
    private static final String AS_OF = "(SELECT MAX(x.as_of_date) FROM mart.ar_ledger x WHERE x.as_of_date >= ? AND x.as_of_date < ?)";

    private static final String BUCKETS_SQL = """
            SELECT a.bucket_no, a.bucket, COUNT(DISTINCT a.customer_id) AS customers, SUM(a.invoices) AS invoices, SUM(a.amount) AS amount
            FROM mart.ar_ageing a
            WHERE a.as_of_date = %s AND %s
            GROUP BY a.bucket_no, a.bucket
            ORDER BY a.bucket_no""";

    private static final String AGEING_DETAIL_SQL = """
            SELECT a.as_of_date, a.region_code, a.customer_id, a.customer_name, a.rep_name, a.bucket_no, a.bucket, a.invoices, a.amount,
                   a.customer_outstanding
            FROM mart.ar_ageing a
            WHERE a.as_of_date = %s AND %s
            ORDER BY a.region_code, a.customer_id, a.bucket_no""";

    /** Three sums from two marts, each its own scalar subquery (one row even when nothing is open). */
    private static final String RECONCILIATION_SQL = """
            SELECT %1$s AS as_of_date,
                   (SELECT SUM(a.amount) FROM mart.ar_ageing a WHERE a.as_of_date = %1$s AND %2$s) AS buckets_total,
                   (SELECT SUM(c.customer_outstanding) FROM (SELECT DISTINCT a.customer_id, a.customer_outstanding FROM mart.ar_ageing a
                        WHERE a.as_of_date = %1$s AND %2$s) c) AS outstanding,
                   (SELECT SUM(l.open_amount) FROM mart.ar_ledger l WHERE l.as_of_date = %1$s AND %3$s) AS ledger_balance""";

    private static final String EXPOSURE_SQL = """
            SELECT MAX(e.as_of_date) AS as_of_date, COUNT(*) AS customers, SUM(e.credit_limit) AS credit_limit, SUM(e.exposure) AS exposure,
                   SUM(CASE WHEN e.over_limit THEN 1 ELSE 0 END) AS over_limit_customers, SUM(e.excess) AS excess
            FROM mart.credit_exposure e
            WHERE %s""";

    private static final String EXPOSURE_LIST_SQL = """
            SELECT e.as_of_date, e.region_code, e.customer_id, e.customer_name, e.credit_group, e.credit_limit, e.limit_source,
                   e.open_receivables, e.overdue_receivables, e.uninvoiced_amount, e.exposure, e.utilisation, e.over_limit, e.excess,
                   e.over_limit_orders, e.over_limit_without_override, e.credit_score, e.suggested_terms
            FROM mart.credit_exposure e
            WHERE %s AND %s
            ORDER BY %s""";

    private static final String BREACHES_SQL = """
            SELECT b.order_id, b.order_no, b.order_date, b.region_code, b.customer_id, b.customer_name, b.rep_name, b.amount, b.credit_limit,
                   b.exposure_before, b.excess, b.approved, b.without_override, b.approver
            FROM mart.credit_limit_breach b
            WHERE b.order_date >= ? AND b.order_date < ? AND %s
            ORDER BY b.order_date, b.order_id""";

    private static final String PROVISION_SQL = """
            SELECT SUM(p.outstanding) AS outstanding, SUM(p.overdue) AS overdue, SUM(p.provision) AS provision, COUNT(*) AS customers
            FROM mart.ar_provision p
            WHERE p.level = 'customer' AND p.as_of_date = %s AND %s""";

    // A constant row count (not a bound value): FETCH FIRST is the ANSI form that DuckDB and Trino both run.
    private static final String PROVISION_LIST_SQL = """
            SELECT p.as_of_date, p.region_code, p.customer_id, p.customer_name, p.outstanding, p.overdue, p.provision, p.coverage
            FROM mart.ar_provision p
            WHERE p.level = 'customer' AND p.as_of_date = %s AND %s
            ORDER BY p.provision DESC, p.customer_id%s""";

    private static final String ALERTS_SQL = """
            SELECT a.alert_id, a.rule, a.severity, a.indicator, a.grain, a.dimension, a.dimension_value, a.period_start, a.state,
                   a.episode_start, a.fired_at, a.value, a.baseline, a.score, a.threshold, a.explanation, a.acknowledged_by
            FROM mart.market_alert a
            WHERE a.period_start < ? AND a.state IN ('pending', 'firing')
              AND a.period_start = (SELECT MAX(b.period_start) FROM mart.market_alert b WHERE b.alert_id = a.alert_id AND b.period_start < ?)
              AND %s
            ORDER BY CASE a.severity WHEN 'critical' THEN 1 WHEN 'warning' THEN 2 ELSE 3 END, a.rule, a.dimension_value, a.alert_id""";

    static final String AGEING_REGION = "a.region_code IN ({in})";
    static final String LEDGER_REGION = "l.customer_id IN (SELECT r.customer_id FROM mart.ar_ageing r WHERE r.region_code IN ({in}))";
    static final String EXPOSURE_REGION = "e.region_code IN ({in})";
    static final String BREACH_REGION = "b.region_code IN ({in})";
    static final String PROVISION_REGION = "p.region_code IN ({in})";
    static final String ALERT_REGION = "a.dimension = 'region' AND a.dimension_value IN ({in})";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String labels() {
        return "risk";
    }

    @Override
    public Cadence cadence() {
        return Cadence.MONTHLY;
    }

    @Override
    public Set<Scope.Dimension> scopeDimensions() {
        return EnumSet.of(Scope.Dimension.REGION);
    }

    @Override
    public List<NamedQuery> queries(Period period, Scope scope) {
        return List.of(buckets(BUCKETS, period, scope), reconciliation(period, scope), exposure(scope),
                exposureList(OVER_LIMIT, scope, true), breaches(BREACHES, period, scope), provision(period, scope),
                provisionList(TOP_PROVISION, period, scope, true), alerts(ALERTS, period, scope));
    }

    private static NamedQuery buckets(String name, Period period, Scope scope) {
        Scope.Condition condition = scope.condition(AGEING_REGION, null);
        List<Object> params = asOf(period);
        params.addAll(condition.params());
        return new NamedQuery(name, BUCKETS_SQL.formatted(AS_OF, condition.sql()), params);
    }

    private static NamedQuery ageingDetail(String name, Period period, Scope scope) {
        Scope.Condition condition = scope.condition(AGEING_REGION, null);
        List<Object> params = asOf(period);
        params.addAll(condition.params());
        return new NamedQuery(name, AGEING_DETAIL_SQL.formatted(AS_OF, condition.sql()), params);
    }

    private static NamedQuery reconciliation(Period period, Scope scope) {
        return reconciliation(RECONCILIATION, period, scope);
    }

    private static NamedQuery reconciliation(String name, Period period, Scope scope) {
        Scope.Condition ageing = scope.condition(AGEING_REGION, null);
        Scope.Condition ledger = scope.condition(LEDGER_REGION, null);
        List<Object> params = asOf(period);
        for (int i = 0; i < 2; i++) {
            params.addAll(asOf(period));
            params.addAll(ageing.params());
        }
        params.addAll(asOf(period));
        params.addAll(ledger.params());
        return new NamedQuery(name, RECONCILIATION_SQL.formatted(AS_OF, ageing.sql(), ledger.sql()), params);
    }

    private static NamedQuery exposure(Scope scope) {
        Scope.Condition condition = scope.condition(EXPOSURE_REGION, null);
        return new NamedQuery(EXPOSURE, EXPOSURE_SQL.formatted(condition.sql()), condition.params());
    }

    private static NamedQuery exposureList(String name, Scope scope, boolean overLimitOnly) {
        Scope.Condition condition = scope.condition(EXPOSURE_REGION, null);
        return new NamedQuery(name, EXPOSURE_LIST_SQL.formatted(overLimitOnly ? "e.over_limit" : "1 = 1", condition.sql(),
                overLimitOnly ? "e.excess DESC, e.customer_id" : "e.region_code, e.customer_id"), condition.params());
    }

    private static NamedQuery breaches(String name, Period period, Scope scope) {
        Scope.Condition condition = scope.condition(BREACH_REGION, null);
        List<Object> params = new ArrayList<>(List.of(period.from(), period.until()));
        params.addAll(condition.params());
        return new NamedQuery(name, BREACHES_SQL.formatted(condition.sql()), params);
    }

    private static NamedQuery provision(Period period, Scope scope) {
        Scope.Condition condition = scope.condition(PROVISION_REGION, null);
        List<Object> params = asOf(period);
        params.addAll(condition.params());
        return new NamedQuery(PROVISION, PROVISION_SQL.formatted(AS_OF, condition.sql()), params);
    }

    private static NamedQuery provisionList(String name, Period period, Scope scope, boolean top) {
        Scope.Condition condition = scope.condition(PROVISION_REGION, null);
        List<Object> params = asOf(period);
        params.addAll(condition.params());
        return new NamedQuery(name, PROVISION_LIST_SQL.formatted(AS_OF, condition.sql(),
                top ? "\nFETCH FIRST " + TOP_PROVISIONS + " ROWS ONLY" : ""), params);
    }

    private static NamedQuery alerts(String name, Period period, Scope scope) {
        Scope.Condition condition = scope.condition(ALERT_REGION, null);
        List<Object> params = new ArrayList<>(List.of(period.until(), period.until()));
        params.addAll(condition.params());
        return new NamedQuery(name, ALERTS_SQL.formatted(condition.sql()), params);
    }

    private static List<Object> asOf(Period period) {
        return new ArrayList<>(List.of(period.from(), period.until()));
    }

    @Override
    public List<Document> documents() {
        return List.of(new Document("", TEMPLATE, EnumSet.of(Format.PDF)));
    }

    @Override
    public Fill fill(Document document, Answers answers, Labels labels, Period period) {
        Map<String, Object> reconciliation = answers.get(RECONCILIATION).asMaps().get(0);
        String asOf = date(reconciliation.get("as_of_date"));
        BigDecimal bucketsTotal = BigDecimal.ZERO.setScale(2);
        List<Map<String, Object>> buckets = new ArrayList<>();
        for (Map<String, Object> row : answers.get(BUCKETS).asMaps()) {
            bucketsTotal = bucketsTotal.add(toDecimal(row.get("amount")));
        }
        long invoices = 0;
        for (Map<String, Object> row : answers.get(BUCKETS).asMaps()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("bucket", labels.code("bucket.", row.get("bucket")));
            out.put("customers", toLong(row.get("customers")));
            out.put("invoices", toLong(row.get("invoices")));
            out.put("amount", toDecimal(row.get("amount")));
            out.put("share", share(toDecimal(row.get("amount")), bucketsTotal));
            invoices += toLong(row.get("invoices"));
            buckets.add(out);
        }
        if (!buckets.isEmpty()) {
            Map<String, Object> total = new LinkedHashMap<>();
            total.put("bucket", labels.text("total"));
            total.put("customers", null);
            total.put("invoices", invoices);
            total.put("amount", bucketsTotal);
            total.put("share", share(bucketsTotal, bucketsTotal));
            buckets.add(total);
        }
        BigDecimal outstanding = orZero(reconciliation.get("outstanding"));
        BigDecimal ledger = orZero(reconciliation.get("ledger_balance"));
        boolean reconciled = bucketsTotal.compareTo(outstanding) == 0 && outstanding.compareTo(ledger) == 0;
        String line = labels.format("reconciliation", money(bucketsTotal), money(outstanding), money(ledger))
                + "  " + (reconciled ? labels.text("reconciliation.ok") : labels.format("reconciliation.off", money(bucketsTotal.subtract(ledger))));

        Map<String, Object> exposure = answers.get(EXPOSURE).asMaps().get(0);
        List<Map<String, ?>> overLimit = new ArrayList<>();
        for (Map<String, Object> row : answers.get(OVER_LIMIT).asMaps()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("customer_name", text(row.get("customer_name")));
            out.put("region_code", text(row.get("region_code")));
            out.put("credit_limit", toDecimal(row.get("credit_limit")));
            out.put("exposure", toDecimal(row.get("exposure")));
            out.put("utilisation", toDecimal(row.get("utilisation")));
            out.put("excess", toDecimal(row.get("excess")));
            out.put("suggested_terms", labels.code("terms.", row.get("suggested_terms")));
            overLimit.add(out);
        }

        List<Map<String, ?>> breaches = new ArrayList<>();
        BigDecimal breachAmount = BigDecimal.ZERO.setScale(2);
        long withoutOverride = 0;
        for (Map<String, Object> row : answers.get(BREACHES).asMaps()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("order_no", text(row.get("order_no")));
            out.put("order_date", date(row.get("order_date")));
            out.put("customer_name", text(row.get("customer_name")));
            out.put("amount", toDecimal(row.get("amount")));
            out.put("credit_limit", toDecimal(row.get("credit_limit")));
            out.put("excess", toDecimal(row.get("excess")));
            boolean approved = Boolean.TRUE.equals(row.get("approved"));
            out.put("override", approved ? labels.text("override.approved") : labels.text("override.none"));
            breaches.add(out);
            breachAmount = breachAmount.add(toDecimal(row.get("amount")));
            withoutOverride += approved ? 0 : 1;
        }

        Map<String, Object> provision = answers.get(PROVISION).asMaps().get(0);
        BigDecimal provisionOutstanding = orZero(provision.get("outstanding"));
        BigDecimal provisionTotal = orZero(provision.get("provision"));
        List<Map<String, ?>> provisions = new ArrayList<>();
        for (Map<String, Object> row : answers.get(TOP_PROVISION).asMaps()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("customer_name", text(row.get("customer_name")));
            out.put("region_code", text(row.get("region_code")));
            out.put("outstanding", toDecimal(row.get("outstanding")));
            out.put("overdue", toDecimal(row.get("overdue")));
            out.put("provision", toDecimal(row.get("provision")));
            out.put("coverage", toDecimal(row.get("coverage")));
            provisions.add(out);
        }

        List<Map<String, ?>> alerts = new ArrayList<>();
        for (Map<String, Object> row : answers.get(ALERTS).asMaps()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("severity", labels.code("severity.", row.get("severity")));
            out.put("rule", text(row.get("rule")));
            out.put("series", text(row.get("dimension")) + "=" + text(row.get("dimension_value")));
            out.put("state", labels.code("state.", row.get("state")));
            out.put("since", date(row.get("episode_start")));
            out.put("explanation", text(row.get("explanation")));
            alerts.add(out);
        }

        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("AGEING_HEADING", labels.format("ageing.heading", asOf.isEmpty() ? "-" : asOf));
        parameters.put("BUCKETS", new JRMapCollectionDataSource(new ArrayList<Map<String, ?>>(buckets)));
        parameters.put("BUCKET_COUNT", buckets.size());
        parameters.put("RECONCILIATION", line);
        parameters.put("EXPOSURE_HEADING", labels.format("exposure.heading", exposure.get("as_of_date") == null ? "-" : date(exposure.get("as_of_date"))));
        parameters.put("EXPOSURE_SUMMARY", labels.format("exposure.summary", count(exposure.get("customers")), money(orZero(exposure.get("credit_limit"))),
                money(orZero(exposure.get("exposure"))), count(exposure.get("over_limit_customers")), money(orZero(exposure.get("excess")))));
        parameters.put("OVER_LIMIT", new JRMapCollectionDataSource(overLimit));
        parameters.put("OVER_LIMIT_COUNT", overLimit.size());
        parameters.put("BREACH_SUMMARY", labels.format("breaches.summary", breaches.size(), money(breachAmount), withoutOverride));
        parameters.put("BREACHES", new JRMapCollectionDataSource(breaches));
        parameters.put("BREACH_COUNT", breaches.size());
        parameters.put("PROVISION_HEADING", labels.format("provision.heading", asOf.isEmpty() ? "-" : asOf));
        parameters.put("PROVISION_SUMMARY", labels.format("provision.summary", money(provisionOutstanding), money(orZero(provision.get("overdue"))),
                money(provisionTotal), percent(share(provisionTotal, provisionOutstanding))));
        parameters.put("PROVISION", new JRMapCollectionDataSource(provisions));
        parameters.put("PROVISION_COUNT", provisions.size());
        parameters.put("ALERTS", new JRMapCollectionDataSource(alerts));
        parameters.put("ALERT_COUNT", alerts.size());
        return new Fill(buckets, parameters);
    }

    @Override
    public List<Table> tables(Period period, Scope scope) {
        List<TableColumn> reconciliation = List.of(
                TableColumn.of("as_of_date", "col.as_of_date", TableColumn.Type.DATE),
                TableColumn.of("buckets_total", "col.buckets_total", TableColumn.Type.MONEY),
                TableColumn.of("outstanding", "col.outstanding", TableColumn.Type.MONEY),
                TableColumn.of("ledger_balance", "col.ledger_balance", TableColumn.Type.MONEY));
        List<TableColumn> buckets = List.of(
                TableColumn.of("bucket_no", "col.bucket_no", TableColumn.Type.ID),
                TableColumn.code("bucket", "col.bucket", "bucket."),
                TableColumn.of("customers", "col.customers", TableColumn.Type.COUNT),
                TableColumn.of("invoices", "col.invoices", TableColumn.Type.COUNT),
                TableColumn.of("amount", "col.amount", TableColumn.Type.MONEY));
        List<TableColumn> ageing = List.of(
                TableColumn.of("as_of_date", "col.as_of_date", TableColumn.Type.DATE),
                TableColumn.of("region_code", "col.region_code", TableColumn.Type.TEXT),
                TableColumn.of("customer_id", "col.customer_id", TableColumn.Type.ID),
                TableColumn.of("customer_name", "col.customer_name", TableColumn.Type.TEXT),
                TableColumn.of("rep_name", "col.rep_name", TableColumn.Type.TEXT),
                TableColumn.of("bucket_no", "col.bucket_no", TableColumn.Type.ID),
                TableColumn.code("bucket", "col.bucket", "bucket."),
                TableColumn.of("invoices", "col.invoices", TableColumn.Type.COUNT),
                TableColumn.of("amount", "col.amount", TableColumn.Type.MONEY),
                TableColumn.of("customer_outstanding", "col.customer_outstanding", TableColumn.Type.MONEY));
        List<TableColumn> exposure = List.of(
                TableColumn.of("as_of_date", "col.as_of_date", TableColumn.Type.DATE),
                TableColumn.of("region_code", "col.region_code", TableColumn.Type.TEXT),
                TableColumn.of("customer_id", "col.customer_id", TableColumn.Type.ID),
                TableColumn.of("customer_name", "col.customer_name", TableColumn.Type.TEXT),
                TableColumn.of("credit_group", "col.credit_group", TableColumn.Type.TEXT),
                TableColumn.of("credit_limit", "col.credit_limit", TableColumn.Type.MONEY),
                TableColumn.of("limit_source", "col.limit_source", TableColumn.Type.TEXT),
                TableColumn.of("open_receivables", "col.open_receivables", TableColumn.Type.MONEY),
                TableColumn.of("overdue_receivables", "col.overdue", TableColumn.Type.MONEY),
                TableColumn.of("uninvoiced_amount", "col.uninvoiced_amount", TableColumn.Type.MONEY),
                TableColumn.of("exposure", "col.exposure", TableColumn.Type.MONEY),
                TableColumn.of("utilisation", "col.utilisation", TableColumn.Type.MONEY),
                TableColumn.code("over_limit", "col.over_limit", "yesno."),
                TableColumn.of("excess", "col.excess", TableColumn.Type.MONEY),
                TableColumn.of("over_limit_orders", "col.over_limit_orders", TableColumn.Type.COUNT),
                TableColumn.of("over_limit_without_override", "col.over_limit_without_override", TableColumn.Type.COUNT),
                TableColumn.of("credit_score", "col.credit_score", TableColumn.Type.MONEY),
                TableColumn.code("suggested_terms", "col.suggested_terms", "terms."));
        List<TableColumn> breaches = List.of(
                TableColumn.of("order_id", "col.order_id", TableColumn.Type.ID),
                TableColumn.of("order_no", "col.order_no", TableColumn.Type.TEXT),
                TableColumn.of("order_date", "col.order_date", TableColumn.Type.DATE),
                TableColumn.of("region_code", "col.region_code", TableColumn.Type.TEXT),
                TableColumn.of("customer_id", "col.customer_id", TableColumn.Type.ID),
                TableColumn.of("customer_name", "col.customer_name", TableColumn.Type.TEXT),
                TableColumn.of("rep_name", "col.rep_name", TableColumn.Type.TEXT),
                TableColumn.of("amount", "col.amount", TableColumn.Type.MONEY),
                TableColumn.of("credit_limit", "col.credit_limit", TableColumn.Type.MONEY),
                TableColumn.of("exposure_before", "col.exposure_before", TableColumn.Type.MONEY),
                TableColumn.of("excess", "col.excess", TableColumn.Type.MONEY),
                TableColumn.code("approved", "col.override", "yesno."),
                TableColumn.of("approver", "col.approver", TableColumn.Type.TEXT));
        List<TableColumn> provision = List.of(
                TableColumn.of("as_of_date", "col.as_of_date", TableColumn.Type.DATE),
                TableColumn.of("region_code", "col.region_code", TableColumn.Type.TEXT),
                TableColumn.of("customer_id", "col.customer_id", TableColumn.Type.ID),
                TableColumn.of("customer_name", "col.customer_name", TableColumn.Type.TEXT),
                TableColumn.of("outstanding", "col.outstanding", TableColumn.Type.MONEY),
                TableColumn.of("overdue", "col.overdue", TableColumn.Type.MONEY),
                TableColumn.of("provision", "col.provision", TableColumn.Type.MONEY),
                TableColumn.of("coverage", "col.coverage", TableColumn.Type.MONEY));
        List<TableColumn> alerts = List.of(
                TableColumn.of("alert_id", "col.alert_id", TableColumn.Type.TEXT),
                TableColumn.code("severity", "col.severity", "severity."),
                TableColumn.of("rule", "col.rule", TableColumn.Type.TEXT),
                TableColumn.of("indicator", "col.indicator", TableColumn.Type.TEXT),
                TableColumn.of("grain", "col.grain", TableColumn.Type.TEXT),
                TableColumn.of("dimension", "col.dimension", TableColumn.Type.TEXT),
                TableColumn.of("dimension_value", "col.dimension_value", TableColumn.Type.TEXT),
                TableColumn.of("period_start", "col.period_start", TableColumn.Type.DATE),
                TableColumn.code("state", "col.state", "state."),
                TableColumn.of("episode_start", "col.since", TableColumn.Type.DATE),
                TableColumn.of("value", "col.value", TableColumn.Type.MONEY),
                TableColumn.of("baseline", "col.baseline", TableColumn.Type.MONEY),
                TableColumn.of("score", "col.score", TableColumn.Type.MONEY),
                TableColumn.of("threshold", "col.threshold", TableColumn.Type.MONEY),
                TableColumn.of("explanation", "col.explanation", TableColumn.Type.TEXT),
                TableColumn.of("acknowledged_by", "col.acknowledged_by", TableColumn.Type.TEXT));
        Set<Format> xlsx = EnumSet.of(Format.XLSX);
        return List.of(
                new Table("", reconciliation(NAME + " reconciliation sheet", period, scope), reconciliation, xlsx, "sheet.reconciliation"),
                new Table("", buckets(NAME + " ageing sheet", period, scope), buckets, xlsx, "sheet.ageing"),
                new Table("", ageingDetail(NAME + " ageing by customer", period, scope), ageing, xlsx, "sheet.ageing_customers"),
                new Table("", exposureList(NAME + " exposure sheet", scope, false), exposure, xlsx, "sheet.exposure"),
                new Table("", breaches(NAME + " breaches sheet", period, scope), breaches, xlsx, "sheet.breaches"),
                new Table("", provisionList(NAME + " provision sheet", period, scope, false), provision, xlsx, "sheet.provision"),
                new Table("", alerts(NAME + " alerts sheet", period, scope), alerts, xlsx, "sheet.alerts"));
    }

    /** part ÷ whole to 4 places; null when the whole is zero. */
    static BigDecimal share(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? null : part.divide(whole, 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal orZero(Object value) {
        BigDecimal decimal = toDecimal(value);
        return decimal == null ? BigDecimal.ZERO.setScale(2) : decimal;
    }

    static String money(BigDecimal value) {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }

    private static String percent(BigDecimal value) {
        return value == null ? "-" : new DecimalFormat("0.00%", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }

    private static String count(Object value) {
        Long number = toLong(value);
        return number == null ? "0" : new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(number);
    }

    private static String date(Object value) {
        if (value instanceof LocalDateTime dateTime) {
            return dateTime.toLocalDate().toString();
        }
        return value == null ? "" : value.toString();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
