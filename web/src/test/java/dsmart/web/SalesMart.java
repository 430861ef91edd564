package dsmart.web;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;

/**
 * A hand-made mart.sales_monthly in an in-memory DuckDB: 3 months × 2 regions × 3 channels. Tests compute
 * their expectations from {@link #ROWS} in Java, never from what the app answers.
 */
final class SalesMart {
    record Sale(LocalDate month, String regionCode, String regionName, String channel, long orders,
                BigDecimal revenue, BigDecimal grossProfit, long newCustomers) {}

    static final LocalDate JAN = LocalDate.of(2025, 1, 1);
    static final LocalDate FEB = LocalDate.of(2025, 2, 1);
    static final LocalDate MAR = LocalDate.of(2025, 3, 1);
    static final List<LocalDate> MONTHS = List.of(JAN, FEB, MAR);
    static final List<String> CHANNELS = List.of("phone", "online", "door_to_door");

    static final List<Sale> ROWS = List.of(
            sale(JAN, "EAST", "华东", "phone", 12, "10500.25", "3150.10", 3),
            sale(JAN, "EAST", "华东", "online", 30, "8200.50", "2870.15", 7),
            sale(JAN, "EAST", "华东", "door_to_door", 5, "15000.00", "5250.00", 2),
            sale(JAN, "NORTH", "华北", "phone", 9, "7300.75", "2190.20", 1),
            sale(JAN, "NORTH", "华北", "online", 22, "6100.05", "1830.01", 5),
            sale(JAN, "NORTH", "华北", "door_to_door", 4, "11999.99", "4199.99", 1),
            sale(FEB, "EAST", "华东", "phone", 14, "11800.40", "3540.12", 4),
            sale(FEB, "EAST", "华东", "online", 35, "9650.30", "3377.60", 9),
            sale(FEB, "EAST", "华东", "door_to_door", 6, "17250.00", "6037.50", 2),
            sale(FEB, "NORTH", "华北", "phone", 8, "6900.60", "2070.18", 2),
            sale(FEB, "NORTH", "华北", "online", 25, "7020.45", "2106.13", 6),
            sale(FEB, "NORTH", "华北", "door_to_door", 3, "9100.01", "3185.00", 0),
            sale(MAR, "EAST", "华东", "phone", 16, "13400.80", "4020.24", 5),
            sale(MAR, "EAST", "华东", "online", 41, "11230.70", "3930.75", 11),
            sale(MAR, "EAST", "华东", "door_to_door", 7, "19800.50", "6930.18", 3),
            sale(MAR, "NORTH", "华北", "phone", 10, "8050.35", "2415.11", 2),
            sale(MAR, "NORTH", "华北", "online", 27, "7788.88", "2336.66", 6),
            sale(MAR, "NORTH", "华北", "door_to_door", 5, "12345.67", "4320.98", 1));

    private SalesMart() {}

    private static Sale sale(LocalDate month, String region, String name, String channel, long orders,
                             String revenue, String grossProfit, long newCustomers) {
        return new Sale(month, region, name, channel, orders, new BigDecimal(revenue), new BigDecimal(grossProfit),
                newCustomers);
    }

    /** A new in-memory DuckDB holding the rows above in mart.sales_monthly. */
    static Connection open() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA mart");
            statement.execute("""
                    CREATE TABLE mart.sales_monthly (
                      month DATE, region_code VARCHAR, region_name VARCHAR, channel VARCHAR,
                      orders BIGINT, revenue DECIMAL(18,2), gross_profit DECIMAL(18,2), new_customers BIGINT)""");
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO mart.sales_monthly VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Sale sale : ROWS) {
                insert.setObject(1, java.sql.Date.valueOf(sale.month()));
                insert.setString(2, sale.regionCode());
                insert.setString(3, sale.regionName());
                insert.setString(4, sale.channel());
                insert.setLong(5, sale.orders());
                insert.setBigDecimal(6, sale.revenue());
                insert.setBigDecimal(7, sale.grossProfit());
                insert.setLong(8, sale.newCustomers());
                insert.executeUpdate();
            }
        }
        return connection;
    }

    /** Sum of revenue over the rows that pass the test. */
    static BigDecimal revenue(Predicate<Sale> which) {
        return ROWS.stream().filter(which).map(Sale::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static BigDecimal revenue(LocalDate month, String channel) {
        return revenue(s -> s.month().equals(month) && s.channel().equals(channel));
    }
}
