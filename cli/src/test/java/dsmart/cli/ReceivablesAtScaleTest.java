package dsmart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Settings;
import dsmart.serving.EmbeddedEngine;
import dsmart.serving.MartQuery;
import dsmart.sources.Truth;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The receivables marts of the demo (six months, scale 1) against a plain-Java recomputation from the finance,
 * CRM and order source rows read over JDBC, and against the generator's truth for missed collection follow-ups.
 */
class ReceivablesAtScaleTest {
    private static final int[] BOUNDS = {30, 60, 90, 180, 365};
    private static final Map<String, BigDecimal> GROUP_LIMITS = Map.of("strategic", new BigDecimal("300000.00"),
            "standard", new BigDecimal("80000.00"), "strict", new BigDecimal("40000.00"), "consumer", new BigDecimal("50000.00"));

    private record Invoice(long id, long orderId, long customer, LocalDate issued, LocalDate due, BigDecimal amount) {}

    private record Dated(long invoice, LocalDate on, BigDecimal amount) {}

    private record Limit(long customer, LocalDate from, LocalDate to, BigDecimal amount) {}

    private static final List<Invoice> invoices = new ArrayList<>();
    private static final List<Dated> reductions = new ArrayList<>();
    private static final List<LocalDate> eventDays = new ArrayList<>();
    private static final List<Limit> limits = new ArrayList<>();
    private static final Map<Long, String> groups = new HashMap<>();
    private static final Map<Long, LocalDate> confirmedOrders = new HashMap<>();
    private static final Map<Long, BigDecimal> orderAmounts = new HashMap<>();
    private static final Map<Long, Long> orderCustomers = new HashMap<>();
    private static Settings settings;

    @BeforeAll
    static void readSources() throws SQLException {
        settings = DemoRun.settings();
        ZoneId zone = settings.zone();
        try (Connection finance = connect("finance"); Statement st = finance.createStatement()) {
            try (ResultSet r = st.executeQuery("SELECT invoice_id, order_id, customer_id, issued_on, due_on, amount FROM invoices")) {
                while (r.next()) {
                    Invoice i = new Invoice(r.getLong(1), r.getLong(2), r.getLong(3), r.getObject(4, LocalDate.class),
                            r.getObject(5, LocalDate.class), r.getBigDecimal(6));
                    invoices.add(i);
                    eventDays.add(i.issued());
                }
            }
            try (ResultSet r = st.executeQuery("SELECT invoice_id, issued_on, amount FROM credit_notes")) {
                while (r.next()) {
                    reductions.add(new Dated(r.getLong(1), r.getObject(2, LocalDate.class), r.getBigDecimal(3)));
                    eventDays.add(r.getObject(2, LocalDate.class));
                }
            }
            try (ResultSet r = st.executeQuery("SELECT received_on, bounced_on FROM receipts")) {
                while (r.next()) {
                    eventDays.add(r.getObject(1, LocalDate.class));
                    if (r.getObject(2) != null) {
                        eventDays.add(r.getObject(2, LocalDate.class));
                    }
                }
            }
            try (ResultSet r = st.executeQuery("SELECT a.invoice_id, a.allocated_on, a.amount, a.deleted, p.status "
                    + "FROM receipt_allocations a JOIN receipts p ON p.receipt_id = a.receipt_id")) {
                while (r.next()) {
                    eventDays.add(r.getObject(2, LocalDate.class));
                    if (!r.getBoolean(4) && r.getString(5).equals("cleared")) {
                        reductions.add(new Dated(r.getLong(1), r.getObject(2, LocalDate.class), r.getBigDecimal(3)));
                    }
                }
            }
            try (ResultSet r = st.executeQuery("SELECT invoice_id, written_off_on, amount FROM write_offs")) {
                while (r.next()) {
                    reductions.add(new Dated(r.getLong(1), r.getObject(2, LocalDate.class), r.getBigDecimal(3)));
                    eventDays.add(r.getObject(2, LocalDate.class));
                }
            }
            try (ResultSet r = st.executeQuery("SELECT customer_id, valid_from, valid_to, credit_limit FROM credit_limits")) {
                while (r.next()) {
                    limits.add(new Limit(r.getLong(1), r.getObject(2, LocalDate.class), r.getObject(3, LocalDate.class), r.getBigDecimal(4)));
                }
            }
        }
        try (Connection crm = connect("crm"); Statement st = crm.createStatement();
                ResultSet r = st.executeQuery("SELECT customer_id, credit_group FROM customers")) {
            while (r.next()) {
                groups.put(r.getLong(1), r.getString(2));
            }
        }
        try (Connection orders = connect("orders"); Statement st = orders.createStatement();
                ResultSet r = st.executeQuery("SELECT order_id, customer_id, ordered_at, amount FROM orders WHERE status = 'confirmed'")) {
            while (r.next()) {
                LocalDateTime utc = r.getObject(3, LocalDateTime.class);
                confirmedOrders.put(r.getLong(1), utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone).toLocalDate());
                orderCustomers.put(r.getLong(1), r.getLong(2));
                orderAmounts.put(r.getLong(1), r.getBigDecimal(4));
            }
        }
    }

    private static Connection connect(String system) throws SQLException {
        return DriverManager.getConnection(settings.text("source." + system + ".url"), settings.text("source." + system + ".user"),
                settings.text("source." + system + ".password"));
    }

    private static LocalDate dataAsOf() {
        return eventDays.stream().max(LocalDate::compareTo).orElseThrow();
    }

    /** Month ends before the data's as-of date, and that date. */
    private static List<LocalDate> asOfDates() {
        LocalDate first = eventDays.stream().min(LocalDate::compareTo).orElseThrow();
        LocalDate last = dataAsOf();
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate month = first.withDayOfMonth(1); !month.isAfter(last); month = month.plusMonths(1)) {
            LocalDate end = month.withDayOfMonth(month.lengthOfMonth());
            if (end.isBefore(last)) {
                dates.add(end);
            }
        }
        dates.add(last);
        return dates;
    }

    private static BigDecimal open(Invoice invoice, LocalDate asOf, Map<Long, List<Dated>> byInvoice) {
        BigDecimal open = invoice.amount();
        for (Dated d : byInvoice.getOrDefault(invoice.id(), List.of())) {
            if (!d.on().isAfter(asOf)) {
                open = open.subtract(d.amount());
            }
        }
        return open;
    }

    private static int bucket(long days) {
        if (days <= 0) {
            return 0;
        }
        int bucket = 1;
        for (int bound : BOUNDS) {
            if (days <= bound) {
                return bucket;
            }
            bucket++;
        }
        return bucket;
    }

    private static Map<String, String> query(String sql) {
        Map<String, String> rows = new TreeMap<>();
        try (MartQuery port = EmbeddedEngine.open(settings)) {
            for (List<Object> row : port.query(sql).rows()) {
                rows.put(String.valueOf(row.get(0)), row.subList(1, row.size()).stream().map(String::valueOf)
                        .collect(Collectors.joining("|")));
            }
        }
        return rows;
    }

    @Test
    void ageingBucketsEqualARecomputationForEveryAsOfDate() {
        Map<Long, List<Dated>> byInvoice = reductions.stream().collect(Collectors.groupingBy(Dated::invoice));
        Map<String, BigDecimal> expected = new TreeMap<>();
        for (LocalDate asOf : asOfDates()) {
            for (Invoice invoice : invoices) {
                if (invoice.issued().isAfter(asOf)) {
                    continue;
                }
                BigDecimal open = open(invoice, asOf, byInvoice);
                if (open.signum() != 0) {
                    expected.merge(asOf + "@" + bucket(ChronoUnit.DAYS.between(invoice.due(), asOf)), open, BigDecimal::add);
                }
            }
        }
        Map<String, String> expectedRows = new TreeMap<>();
        expected.forEach((key, amount) -> expectedRows.put(key, amount.setScale(2).toPlainString()));
        assertThat(expectedRows).hasSizeGreaterThan(asOfDates().size() * 3);
        assertThat(query("SELECT CAST(as_of_date AS VARCHAR) || '@' || CAST(bucket_no AS VARCHAR), SUM(amount) FROM mart.ar_ageing "
                + "GROUP BY as_of_date, bucket_no")).containsExactlyEntriesOf(expectedRows);
    }

    @Test
    void provisionPerCustomerEqualsARecomputationForEveryAsOfDate() {
        int[] rates = {1, 3, 10, 20, 50, 80, 100};
        Map<Long, List<Dated>> byInvoice = reductions.stream().collect(Collectors.groupingBy(Dated::invoice));
        Map<String, BigDecimal[]> buckets = new TreeMap<>();
        for (LocalDate asOf : asOfDates()) {
            for (Invoice invoice : invoices) {
                if (!invoice.issued().isAfter(asOf)) {
                    BigDecimal[] amounts = buckets.computeIfAbsent(asOf + "@" + invoice.customer(), k -> new BigDecimal[rates.length]);
                    int bucket = bucket(ChronoUnit.DAYS.between(invoice.due(), asOf));
                    amounts[bucket] = (amounts[bucket] == null ? BigDecimal.ZERO : amounts[bucket]).add(open(invoice, asOf, byInvoice));
                }
            }
        }
        Map<String, String> expected = new TreeMap<>();
        buckets.forEach((key, amounts) -> {
            BigDecimal provision = BigDecimal.ZERO;
            boolean open = false;
            for (int b = 0; b < rates.length; b++) {
                if (amounts[b] != null && amounts[b].signum() != 0) {
                    open = true;
                    provision = provision.add(amounts[b].multiply(BigDecimal.valueOf(rates[b]))
                            .divide(BigDecimal.valueOf(100), 2, java.math.RoundingMode.HALF_UP));
                }
            }
            if (open) {
                expected.put(key, provision.setScale(2).toPlainString());
            }
        });
        assertThat(expected).hasSizeGreaterThan(asOfDates().size() * 100);
        assertThat(query("SELECT CAST(as_of_date AS VARCHAR) || '@' || CAST(customer_id AS VARCHAR), provision FROM mart.ar_provision "
                + "WHERE level = 'customer'")).containsExactlyEntriesOf(expected);
    }

    @Test
    void creditExposureEqualsARecomputationPerCustomer() {
        LocalDate asOf = dataAsOf();
        Map<Long, List<Dated>> byInvoice = reductions.stream().collect(Collectors.groupingBy(Dated::invoice));
        Map<Long, BigDecimal> openByCustomer = new HashMap<>();
        Set<Long> invoicedOrders = new HashSet<>();
        for (Invoice invoice : invoices) {
            if (!invoice.issued().isAfter(asOf)) {
                openByCustomer.merge(invoice.customer(), open(invoice, asOf, byInvoice), BigDecimal::add);
                invoicedOrders.add(invoice.orderId());
            }
        }
        Map<Long, BigDecimal> uninvoiced = new HashMap<>();
        confirmedOrders.forEach((order, day) -> {
            if (!day.isAfter(asOf) && !invoicedOrders.contains(order)) {
                uninvoiced.merge(orderCustomers.get(order), orderAmounts.get(order), BigDecimal::add);
            }
        });
        Map<String, String> expected = new TreeMap<>();
        Set<Long> customers = new TreeSet<>(openByCustomer.keySet());
        customers.addAll(uninvoiced.keySet());
        for (long customer : customers) {
            BigDecimal open = openByCustomer.getOrDefault(customer, BigDecimal.ZERO).setScale(2);
            BigDecimal orders = uninvoiced.getOrDefault(customer, BigDecimal.ZERO).setScale(2);
            if (open.signum() == 0 && orders.signum() == 0) {
                continue;
            }
            BigDecimal limit = limits.stream()
                    .filter(l -> l.customer() == customer && !l.from().isAfter(asOf) && (l.to() == null || l.to().isAfter(asOf)))
                    .map(Limit::amount).findFirst().orElse(GROUP_LIMITS.get(groups.get(customer))).setScale(2);
            BigDecimal exposure = open.add(orders);
            expected.put(String.valueOf(customer), limit + "|" + open + "|" + orders + "|" + exposure + "|" + (exposure.compareTo(limit) > 0));
        }
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(query("SELECT CAST(customer_id AS VARCHAR), credit_limit, open_receivables, uninvoiced_amount, exposure, over_limit "
                + "FROM mart.credit_exposure WHERE open_receivables <> 0 OR uninvoiced_amount <> 0")).containsExactlyEntriesOf(expected);
    }

    @Test
    void missedFollowUpsAreThePlantedBreaches() {
        Set<String> planted = Truth.breaches(Truth.dir(settings)).stream().filter(b -> b.ruleId().equals("collection_action_missed"))
                .map(Truth.Breach::entityId).collect(Collectors.toCollection(TreeSet::new));
        assertThat(planted).isNotEmpty();
        assertThat(query("SELECT CAST(invoice_id AS VARCHAR) || '@' || CAST(level_days AS VARCHAR), status FROM mart.collection_due "
                + "WHERE status = 'missed'").keySet()).containsExactlyElementsOf(planted);
    }

    /**
     * Per rep the counts match the truth except where the CRM cannot tell: the generator charges a follow-up to
     * the customer's owner of the level's day when the order's rep had left, the mart to the current owner (the
     * CRM keeps no owner history). In the demo company that moves at most a couple of follow-ups.
     */
    @Test
    void missedFollowUpsPerRepMatchTheTruth() {
        Map<String, Long> planted = Truth.breaches(Truth.dir(settings)).stream()
                .filter(b -> b.ruleId().equals("collection_action_missed"))
                .collect(Collectors.groupingBy(b -> String.valueOf(b.repId()), TreeMap::new, Collectors.counting()));
        Map<String, String> mart = query("SELECT CAST(rep_id AS VARCHAR), SUM(missed) FROM mart.collection_rep GROUP BY rep_id "
                + "HAVING SUM(missed) > 0");
        Set<String> reps = new TreeSet<>(planted.keySet());
        reps.addAll(mart.keySet());
        long moved = 0;
        for (String rep : reps) {
            moved += Math.abs(planted.getOrDefault(rep, 0L) - Long.parseLong(mart.getOrDefault(rep, "0")));
        }
        assertThat(mart.values().stream().mapToLong(Long::parseLong).sum()).isEqualTo(planted.values().stream().mapToLong(Long::longValue).sum());
        assertThat(moved / 2).as("missed follow-ups charged to another rep than the truth's").isLessThanOrEqualTo(2);
    }

    @Test
    void ordersOverTheLimitWithoutOverrideAreThePlantedBreaches() {
        Set<String> planted = Truth.breaches(Truth.dir(settings)).stream().filter(b -> b.ruleId().equals("over_credit_limit_without_override"))
                .map(Truth.Breach::entityId).collect(Collectors.toCollection(TreeSet::new));
        assertThat(query("SELECT CAST(order_id AS VARCHAR), without_override FROM mart.credit_limit_breach WHERE without_override")
                .keySet()).containsExactlyElementsOf(planted);
    }
}
