package dsmart.web;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Hand-made risk marts in DuckDB: mart.ar_ageing at two as-of dates for customers in EAST and NORTH,
 * mart.credit_exposure, mart.ar_provision and mart.market_alert. Tests derive expectations from {@link #AGEING}.
 */
final class RiskMart {
    record Aged(String asOf, long customerId, String region, int bucketNo, String bucket, long invoices, String amount, String outstanding) {
        BigDecimal value() {
            return new BigDecimal(amount);
        }
    }

    static final List<Aged> AGEING = List.of(
            new Aged("2025-01-31", 1, "EAST", 0, "not yet due", 2, "1000.00", "1500.00"),
            new Aged("2025-01-31", 1, "EAST", 1, "1-30", 1, "500.00", "1500.00"),
            new Aged("2025-01-31", 2, "NORTH", 3, "61-90", 1, "300.10", "300.10"),
            new Aged("2025-02-28", 1, "EAST", 0, "not yet due", 1, "800.00", "2000.55"),
            new Aged("2025-02-28", 1, "EAST", 2, "31-60", 1, "1200.55", "2000.55"),
            new Aged("2025-02-28", 2, "NORTH", 0, "not yet due", 3, "700.00", "950.00"),
            new Aged("2025-02-28", 2, "NORTH", 4, "91-180", 1, "250.00", "950.00"));

    private RiskMart() {}

    static void add(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS mart");
            statement.execute("""
                    CREATE TABLE mart.ar_ageing (as_of_date DATE, customer_id BIGINT, customer_name VARCHAR, region_code VARCHAR,
                      bucket_no INT, bucket VARCHAR, invoices BIGINT, amount DECIMAL(18,2), customer_outstanding DECIMAL(18,2))""");
            for (Aged a : AGEING) {
                statement.execute("INSERT INTO mart.ar_ageing VALUES (DATE '" + a.asOf() + "', " + a.customerId() + ", '客户" + a.customerId()
                        + "', '" + a.region() + "', " + a.bucketNo() + ", '" + a.bucket() + "', " + a.invoices() + ", " + a.amount() + ", "
                        + a.outstanding() + ")");
            }
            statement.execute("""
                    CREATE TABLE mart.credit_exposure (customer_id BIGINT, customer_name VARCHAR, region_code VARCHAR,
                      credit_limit DECIMAL(18,2), exposure DECIMAL(18,2), utilisation DECIMAL(9,4), over_limit BOOLEAN, excess DECIMAL(18,2),
                      over_limit_orders BIGINT, over_limit_without_override BIGINT, credit_score DECIMAL(5,2), suggested_terms VARCHAR)""");
            statement.execute("INSERT INTO mart.credit_exposure VALUES "
                    + "(1, '客户1', 'EAST', 1000.00, 2000.55, 2.0006, TRUE, 1000.55, 1, 1, 41.00, 'guarantee'), "
                    + "(2, '客户2', 'NORTH', 5000.00, 950.00, 0.1900, FALSE, 0.00, 1, 1, 80.00, 'keep'), "
                    + "(3, '客户3', 'NORTH', 100.00, 400.00, 4.0000, TRUE, 300.00, 0, 0, 20.00, 'prepayment'), "
                    + "(4, '客户4', 'EAST', 900.00, 100.00, 0.1111, FALSE, 0.00, 0, 0, 90.00, 'keep')");
            statement.execute("""
                    CREATE TABLE mart.ar_provision (level VARCHAR, as_of_date DATE, customer_id BIGINT, region_code VARCHAR,
                      outstanding DECIMAL(18,2), overdue DECIMAL(18,2), provision DECIMAL(18,2))""");
            statement.execute("INSERT INTO mart.ar_provision VALUES "
                    + "('customer', DATE '2025-02-28', 1, 'EAST', 2000.55, 1200.55, 128.06), "
                    + "('customer', DATE '2025-02-28', 2, 'NORTH', 950.00, 250.00, 57.00), "
                    + "('company', DATE '2025-02-28', NULL, NULL, 2950.55, 1450.55, 185.06)");
            statement.execute("""
                    CREATE TABLE mart.market_alert (alert_id VARCHAR, rule VARCHAR, severity VARCHAR, indicator VARCHAR, grain VARCHAR,
                      dimension VARCHAR, dimension_value VARCHAR, period_start DATE, state VARCHAR, value DECIMAL(30,6),
                      baseline DECIMAL(30,6), threshold DECIMAL(30,6), explanation VARCHAR, acknowledged_by VARCHAR,
                      acknowledged_at TIMESTAMPTZ, is_latest BOOLEAN)""");
            statement.execute("INSERT INTO mart.market_alert VALUES "
                    + "('sales_drop:EAST:2025-02-01', 'sales_drop', 'critical', 'sales_amount', 'month', 'region', 'EAST', DATE '2025-02-01', "
                    + "'firing', 10, 20, -30, '华东 sales fell 50 %', NULL, NULL, TRUE), "
                    + "('sales_drop:NORTH:2025-01-01', 'sales_drop', 'warning', 'sales_amount', 'month', 'region', 'NORTH', DATE '2025-02-01', "
                    + "'resolved', 20, 20, -30, '华北 back to normal', NULL, NULL, TRUE), "
                    + "('returns:家电:2025-02-01', 'returns', 'warning', 'return_rate', 'month', 'category', '家电', DATE '2025-02-01', "
                    + "'pending', 0.2, NULL, 0.1, 'returns of 家电 at 20 %', NULL, NULL, TRUE)");
        }
    }
}
