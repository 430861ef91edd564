package dsmart.cli;

import dsmart.lake.Settings;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The sales figures recomputed in plain Java from the generated source rows (read over JDBC), the
 * second computation the marts are checked against.
 */
final class SourceFigures {
    record Key(LocalDate month, String region, String channel) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            return java.util.Comparator.comparing(Key::month).thenComparing(Key::region).thenComparing(Key::channel).compare(this, other);
        }
    }

    static final class Figures {
        long orders;
        BigDecimal revenue = BigDecimal.ZERO;
        BigDecimal grossProfit = BigDecimal.ZERO;
        long newCustomers;

        @Override
        public String toString() {
            return orders + "|" + revenue.setScale(2) + "|" + grossProfit.setScale(2) + "|" + newCustomers;
        }
    }

    private record Order(long id, long customer, String channel, LocalDateTime orderedAtUtc) {}

    final Map<Key, Figures> salesMonthly = new TreeMap<>();
    final Map<Long, BigDecimal> revenueByCustomer = new HashMap<>();
    final Map<Long, String> customerNames = new HashMap<>();

    static SourceFigures compute(Settings settings) throws SQLException {
        SourceFigures figures = new SourceFigures();
        ZoneId zone = settings.zone();
        Map<Long, String> customerRegion = new HashMap<>();
        try (Connection crm = connect(settings, "crm"); Statement statement = crm.createStatement();
                ResultSet rows = statement.executeQuery("SELECT customer_id, customer_name, region_code FROM customers")) {
            while (rows.next()) {
                customerRegion.put(rows.getLong(1), rows.getString(3));
                figures.customerNames.put(rows.getLong(1), rows.getString(2));
            }
        }
        try (Connection orders = connect(settings, "orders"); Statement statement = orders.createStatement()) {
            Map<Long, BigDecimal> cost = new HashMap<>();
            try (ResultSet rows = statement.executeQuery("SELECT product_id, unit_cost FROM products")) {
                while (rows.next()) {
                    cost.put(rows.getLong(1), rows.getBigDecimal(2));
                }
            }
            Map<Long, Order> confirmed = new HashMap<>();
            try (ResultSet rows = statement.executeQuery("SELECT order_id, customer_id, channel, ordered_at FROM orders WHERE status = 'confirmed'")) {
                while (rows.next()) {
                    confirmed.put(rows.getLong(1), new Order(rows.getLong(1), rows.getLong(2), rows.getString(3),
                            rows.getObject(4, LocalDateTime.class)));
                }
            }
            Map<Long, Order> firstOrder = new HashMap<>();
            for (Order order : confirmed.values()) {
                firstOrder.merge(order.customer(), order, (a, b) -> {
                    int byTime = a.orderedAtUtc().compareTo(b.orderedAtUtc());
                    return byTime < 0 || (byTime == 0 && a.id() < b.id()) ? a : b;
                });
            }
            Set<Long> counted = new HashSet<>();
            try (ResultSet rows = statement.executeQuery("SELECT order_id, product_id, quantity, line_amount FROM order_lines")) {
                while (rows.next()) {
                    Order order = confirmed.get(rows.getLong(1));
                    if (order == null) {
                        continue;
                    }
                    LocalDate businessDay = order.orderedAtUtc().atOffset(ZoneOffset.UTC).atZoneSameInstant(zone).toLocalDate();
                    Key key = new Key(businessDay.withDayOfMonth(1), customerRegion.get(order.customer()), order.channel());
                    Figures cell = figures.salesMonthly.computeIfAbsent(key, k -> new Figures());
                    BigDecimal amount = rows.getBigDecimal(4);
                    cell.revenue = cell.revenue.add(amount);
                    cell.grossProfit = cell.grossProfit.add(amount.subtract(cost.get(rows.getLong(2)).multiply(BigDecimal.valueOf(rows.getInt(3)))));
                    figures.revenueByCustomer.merge(order.customer(), amount, BigDecimal::add);
                    if (counted.add(order.id())) {
                        cell.orders++;
                        if (firstOrder.get(order.customer()).id() == order.id()) {
                            cell.newCustomers++;
                        }
                    }
                }
            }
        }
        return figures;
    }

    BigDecimal totalRevenue() {
        return salesMonthly.values().stream().map(f -> f.revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    long topCustomer() {
        return revenueByCustomer.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static Connection connect(Settings settings, String system) throws SQLException {
        return DriverManager.getConnection(settings.text("source." + system + ".url"), settings.text("source." + system + ".user"),
                settings.text("source." + system + ".password"));
    }
}
