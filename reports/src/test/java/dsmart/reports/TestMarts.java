package dsmart.reports;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

/** A DuckDB in-memory database with the two marts the report reads, and a small hand-made data set. */
final class TestMarts {

    record SalesRow(LocalDate month, String regionCode, String regionName, String channel,
                    long orders, BigDecimal revenue, BigDecimal grossProfit, long newCustomers) {}

    record CustomerRow(long id, String name, String region, long orders, BigDecimal revenue) {}

    static final List<SalesRow> SALES = List.of(
            sales("2024-01-01", "EAST", "华东", "phone", 120, "158230.45", "40211.10", 12),
            sales("2024-01-01", "EAST", "华东", "online", 310, "402117.80", "96540.25", 31),
            sales("2024-01-01", "EAST", "华东", "door_to_door", 45, "98765.43", "30120.00", 4),
            sales("2024-01-01", "SOUTH", "华南", "phone", 88, "110002.01", "25000.50", 9),
            sales("2024-01-01", "SOUTH", "华南", "online", 205, "260400.00", "70110.90", 20),
            sales("2024-02-01", "EAST", "华东", "phone", 101, "131999.99", "35001.01", 8),
            sales("2024-02-01", "EAST", "华东", "online", 330, "441234.56", "101234.56", 27),
            sales("2024-02-01", "SOUTH", "华南", "door_to_door", 30, "75310.20", "-1250.75", 2),
            sales("2024-02-01", "SOUTH", "华南", "online", 190, "241870.33", "60870.33", 15),
            sales("2024-03-01", "EAST", "华东", "door_to_door", 52, "120450.00", "38000.00", 6),
            sales("2024-03-01", "SOUTH", "华南", "phone", 95, "118800.88", "27700.80", 11),
            // the same month a year earlier, for the comparison against last year
            sales("2023-02-01", "EAST", "华东", "phone", 90, "100000.00", "25000.00", 7),
            sales("2023-02-01", "SOUTH", "华南", "online", 150, "200000.00", "50000.00", 10));

    /** The rows of one month (month = its first day). */
    static List<SalesRow> month(String firstDay) {
        return SALES.stream().filter(row -> row.month().equals(LocalDate.parse(firstDay))).toList();
    }

    /** Twelve customers; by revenue the first is 北京远航科技有限公司 and the eleventh 厦门海韵商贸有限公司. */
    static final List<CustomerRow> CUSTOMERS = List.of(
            new CustomerRow(1, "上海明辉贸易有限公司", "华东", 40, new BigDecimal("385000.00")),
            new CustomerRow(2, "北京远航科技有限公司", "华东", 75, new BigDecimal("912345.67")),
            new CustomerRow(3, "广州南星电器有限公司", "华南", 33, new BigDecimal("301200.10")),
            new CustomerRow(4, "杭州绿源食品有限公司", "华东", 28, new BigDecimal("250000.00")),
            new CustomerRow(5, "深圳前海物流有限公司", "华南", 51, new BigDecimal("420500.50")),
            new CustomerRow(6, "南京金陵建材有限公司", "华东", 19, new BigDecimal("180000.00")),
            new CustomerRow(7, "佛山顺达五金有限公司", "华南", 22, new BigDecimal("175432.10")),
            new CustomerRow(8, "苏州工业园精密制造有限公司", "华东", 17, new BigDecimal("160000.00")),
            new CustomerRow(9, "东莞新科电子有限公司", "华南", 15, new BigDecimal("150000.00")),
            new CustomerRow(10, "宁波港城进出口有限公司", "华东", 12, new BigDecimal("140000.00")),
            new CustomerRow(11, "厦门海韵商贸有限公司", "华南", 9, new BigDecimal("99999.99")),
            new CustomerRow(12, "珠海横琴文旅有限公司", "华南", 3, new BigDecimal("12000.00")));

    static final String TOP_CUSTOMER = "北京远航科技有限公司";
    static final String ELEVENTH_CUSTOMER = "厦门海韵商贸有限公司";

    private TestMarts() {}

    /** A database with both marts created and empty. */
    static Connection empty() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA mart");
            statement.execute("""
                    CREATE TABLE mart.sales_monthly (
                        month DATE, region_code VARCHAR, region_name VARCHAR, channel VARCHAR,
                        orders BIGINT, revenue DECIMAL(18,2), gross_profit DECIMAL(18,2), new_customers BIGINT,
                        PRIMARY KEY (month, region_code, channel))""");
            statement.execute("""
                    CREATE TABLE mart.customer_sales (
                        customer_id BIGINT PRIMARY KEY, customer_name VARCHAR, region_name VARCHAR,
                        orders BIGINT, revenue DECIMAL(18,2), gross_profit DECIMAL(18,2),
                        first_order_date DATE, last_order_date DATE)""");
        }
        return connection;
    }

    /** A database with both marts holding {@link #SALES} and {@link #CUSTOMERS}. */
    static Connection populated() throws SQLException {
        Connection connection = empty();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO mart.sales_monthly VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (SalesRow row : SALES) {
                insert.setObject(1, row.month());
                insert.setString(2, row.regionCode());
                insert.setString(3, row.regionName());
                insert.setString(4, row.channel());
                insert.setLong(5, row.orders());
                insert.setBigDecimal(6, row.revenue());
                insert.setBigDecimal(7, row.grossProfit());
                insert.setLong(8, row.newCustomers());
                insert.executeUpdate();
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO mart.customer_sales VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (CustomerRow row : CUSTOMERS) {
                insert.setLong(1, row.id());
                insert.setString(2, row.name());
                insert.setString(3, row.region());
                insert.setLong(4, row.orders());
                insert.setBigDecimal(5, row.revenue());
                insert.setBigDecimal(6, row.revenue().divide(BigDecimal.valueOf(4)).setScale(2, java.math.RoundingMode.HALF_UP));
                insert.setObject(7, LocalDate.of(2023, 6, 1));
                insert.setObject(8, LocalDate.of(2024, 3, 20));
                insert.executeUpdate();
            }
        }
        return connection;
    }

    /**
     * Adds mart.sales_kpi (as docs/marts.md has it) with February 2024 and February 2023: teams 11 and 12 in EAST, team 21
     * in SOUTH (quota 0, new this year), the mart's region and company rows, and rep and detail rows the pack must not read
     * (their figures, 70,000.00 and 9,999.99, appear nowhere else), and January's and the first quarter's company rows (55,555.55). The roll-up rows are what the mart would write:
     * <pre>
     * 2024-02  team 11 EAST   net 120,000.00  quota 150,000.00  completion 0.8000
     *          team 12 EAST   net  45,500.50  quota  50,000.00  completion 45,500.50 / 50,000 = 0.91001 → 0.9100
     *          team 21 SOUTH  net  30,250.00  quota       0.00  completion null (quota 0)
     *          region EAST    net 165,500.50  quota 200,000.00  completion 165,500.50 / 200,000 = 0.82750 → 0.8275
     *          region SOUTH   net  30,250.00  quota       0.00  completion null
     *          company        net 195,750.50  quota 200,000.00  completion 195,750.50 / 200,000 = 0.97875 → 0.9788
     * 2023-02  team 11 EAST   net 100,000.00  quota 140,000.00  completion 0.7143
     *          team 12 EAST   net  50,000.00  quota  60,000.00  completion 0.8333
     *          region EAST and company  net 150,000.00  quota 200,000.00  completion 0.7500
     * year 2024 team 11 = region EAST = company  net 1,234,567.89  quota 1,500,000.00  completion 0.823045 → 0.8230
     * year 2023 the same rows                     net   987,654.32  quota 1,000,000.00  completion 0.987654 → 0.9877
     * </pre>
     */
    static Connection withSalesKpi(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE mart.sales_kpi (
                        period_type VARCHAR, period_start DATE, level VARCHAR, rep_id BIGINT, team_id BIGINT, region_code VARCHAR,
                        channel VARCHAR, category VARCHAR, gross_sales DECIMAL(18,2), returns DECIMAL(18,2), net_sales DECIMAL(18,2),
                        gross_profit DECIMAL(18,2), orders BIGINT, new_customers BIGINT, survey_responses BIGINT,
                        satisfaction_avg DECIMAL(4,2), quota DECIMAL(18,2), completion_rate DECIMAL(9,4))""");
            statement.execute("""
                    INSERT INTO mart.sales_kpi (period_type, period_start, level, rep_id, team_id, region_code, channel, category,
                        net_sales, quota, completion_rate) VALUES
                    ('month', '2024-02-01', 'rep', 101, 11, 'EAST', 'all', 'all', 70000.00, 80000.00, 0.8750),
                    ('month', '2024-02-01', 'rep', 102, 11, 'EAST', 'all', 'all', 50000.00, 70000.00, 0.7143),
                    ('month', '2024-02-01', 'rep', 103, 12, 'EAST', 'all', 'all', 45500.50, 50000.00, 0.9100),
                    ('month', '2024-02-01', 'rep', 201, 21, 'SOUTH', 'all', 'all', 30250.00, 0.00, NULL),
                    ('month', '2024-02-01', 'rep_channel_category', 101, 11, 'EAST', 'phone', 'tea', 9999.99, NULL, NULL),
                    ('month', '2024-02-01', 'team', NULL, 11, 'EAST', 'all', 'all', 120000.00, 150000.00, 0.8000),
                    ('month', '2024-02-01', 'team', NULL, 12, 'EAST', 'all', 'all', 45500.50, 50000.00, 0.9100),
                    ('month', '2024-02-01', 'team', NULL, 21, 'SOUTH', 'all', 'all', 30250.00, 0.00, NULL),
                    ('month', '2024-02-01', 'region', NULL, NULL, 'EAST', 'all', 'all', 165500.50, 200000.00, 0.8275),
                    ('month', '2024-02-01', 'region', NULL, NULL, 'SOUTH', 'all', 'all', 30250.00, 0.00, NULL),
                    ('month', '2024-02-01', 'company', NULL, NULL, NULL, 'all', 'all', 195750.50, 200000.00, 0.9788),
                    ('month', '2023-02-01', 'team', NULL, 11, 'EAST', 'all', 'all', 100000.00, 140000.00, 0.7143),
                    ('month', '2023-02-01', 'team', NULL, 12, 'EAST', 'all', 'all', 50000.00, 60000.00, 0.8333),
                    ('month', '2023-02-01', 'region', NULL, NULL, 'EAST', 'all', 'all', 150000.00, 200000.00, 0.7500),
                    ('month', '2023-02-01', 'company', NULL, NULL, NULL, 'all', 'all', 150000.00, 200000.00, 0.7500),
                    ('year', '2024-01-01', 'team', NULL, 11, 'EAST', 'all', 'all', 1234567.89, 1500000.00, 0.8230),
                    ('year', '2024-01-01', 'region', NULL, NULL, 'EAST', 'all', 'all', 1234567.89, 1500000.00, 0.8230),
                    ('year', '2024-01-01', 'company', NULL, NULL, NULL, 'all', 'all', 1234567.89, 1500000.00, 0.8230),
                    ('year', '2023-01-01', 'team', NULL, 11, 'EAST', 'all', 'all', 987654.32, 1000000.00, 0.9877),
                    ('year', '2023-01-01', 'region', NULL, NULL, 'EAST', 'all', 'all', 987654.32, 1000000.00, 0.9877),
                    ('year', '2023-01-01', 'company', NULL, NULL, NULL, 'all', 'all', 987654.32, 1000000.00, 0.9877),
                    ('quarter', '2024-01-01', 'company', NULL, NULL, NULL, 'all', 'all', 55555.55, 55555.55, 1.0000),
                    ('month', '2024-01-01', 'company', NULL, NULL, NULL, 'all', 'all', 55555.55, 55555.55, 1.0000)""");
        }
        return connection;
    }

    private static SalesRow sales(String month, String regionCode, String regionName, String channel,
                                  long orders, String revenue, String grossProfit, long newCustomers) {
        return new SalesRow(LocalDate.parse(month), regionCode, regionName, channel,
                orders, new BigDecimal(revenue), new BigDecimal(grossProfit), newCustomers);
    }
}
