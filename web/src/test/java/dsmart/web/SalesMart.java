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
 * A hand-made mart.sales_monthly in an in-memory DuckDB: 3 months × 2 regions × 3 channels, and a run ledger
 * ops.runs as the pipeline writes it. Tests compute their expectations from {@link #ROWS} and {@link #RUNS} in
 * Java, never from what the app answers.
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

    record Run(String runId, String stage, String target, String started, String finished, String status,
               long rowsRead, long rowsWritten, Long snapshotId, String message) {}

    /** The snapshot of mart.sales_monthly the tests' ports report, and the run that committed it. */
    static final long SALES_SNAPSHOT = 7_423_410_508_230_760_006L; // as large as Iceberg makes them: beyond 2^53
    static final String SALES_COMMITTED = "2025-04-01T02:03:04Z";

    static final List<Run> RUNS = List.of(
            new Run("20250331T020000-aaaa0001", "ingest", "raw.crm_customers", "2025-03-31T02:00:00Z", "2025-03-31T02:00:09Z",
                    "ok", 2000, 2000, 111L, null),
            new Run("20250331T020000-aaaa0001", "ingest", "raw.orders_orders", "2025-03-31T02:00:09Z", "2025-03-31T02:00:30Z",
                    "ok", 17400, 17400, 222L, null),
            new Run("20250331T021000-bbbb0002", "transform", "mart.sales_monthly", "2025-03-31T02:10:00Z", "2025-03-31T02:10:40Z",
                    "ok", 0, 90, 7_000_000_001L, null),
            new Run("20250401T020000-cccc0003", "ingest", "*", "2025-04-01T02:00:00Z", "2025-04-01T02:00:01Z",
                    "failed", 0, 0, null, "source crm unreachable: connection refused"),
            new Run("20250401T020100-dddd0004", "transform", "mart.sales_monthly", "2025-04-01T02:02:00Z", SALES_COMMITTED,
                    "ok", 0, 18, SALES_SNAPSHOT, null),
            // a later ingest that found the customers unchanged: the same snapshot id, recorded again
            new Run("20250402T020000-eeee0005", "ingest", "raw.crm_customers", "2025-04-02T02:00:00Z", "2025-04-02T02:00:07Z",
                    "ok", 2000, 0, 111L, null));

    private SalesMart() {}

    /** Adds ops.runs (the ledger's columns and types) holding {@link #RUNS}. */
    static void addRuns(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS ops");
            statement.execute("""
                    CREATE TABLE ops.runs (
                      run_id VARCHAR NOT NULL, stage VARCHAR NOT NULL, target VARCHAR NOT NULL,
                      started_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ NOT NULL, status VARCHAR NOT NULL,
                      rows_read BIGINT NOT NULL, rows_written BIGINT NOT NULL, snapshot_id BIGINT, message VARCHAR)""");
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ops.runs VALUES (?, ?, ?, CAST(? AS TIMESTAMPTZ), CAST(? AS TIMESTAMPTZ), ?, ?, ?, ?, ?)")) {
            for (Run run : RUNS) {
                insert.setString(1, run.runId());
                insert.setString(2, run.stage());
                insert.setString(3, run.target());
                insert.setString(4, run.started().replace("T", " ").replace("Z", "+00"));
                insert.setString(5, run.finished().replace("T", " ").replace("Z", "+00"));
                insert.setString(6, run.status());
                insert.setLong(7, run.rowsRead());
                insert.setLong(8, run.rowsWritten());
                insert.setObject(9, run.snapshotId());
                insert.setString(10, run.message());
                insert.executeUpdate();
            }
        }
    }

    record Quarantined(String runId, String locator, String record, String reasons, int reasonCount, String at) {}

    /** quarantine.crm_customers as ingestion writes it (raw.crm_customers is ingested in {@link #RUNS}). */
    static final List<Quarantined> QUARANTINED = List.of(
            new Quarantined("20250331T020000-aaaa0001", "customer_id=51", "{\"customer_id\":51,\"region_code\":\"XX\",\"name\":null}",
                    "[\"name: is required\",\"region_code: 'XX' is not in raw.crm_regions.region_code\"]", 2, "2025-03-31 02:00:05+00"),
            new Quarantined("20250331T020000-aaaa0001", "customer_id=50", "{\"customer_id\":50,\"customer_type\":\"alien\"}",
                    "[\"customer_type: 'alien' is not one of business|consumer\"]", 1, "2025-03-31 02:00:05+00"),
            new Quarantined("20250402T020000-eeee0005", "customer_id=77", "{\"customer_id\":77,\"email\":\"x@\"}",
                    "[\"email: 'x@' is not an e-mail address\"]", 1, "2025-04-02 02:00:03+00"));

    /** Adds quarantine.crm_customers holding {@link #QUARANTINED}; raw.orders_orders has no quarantine table here. */
    static void addQuarantine(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS quarantine");
            statement.execute("""
                    CREATE TABLE quarantine.crm_customers (
                      run_id VARCHAR, source VARCHAR, locator VARCHAR, record VARCHAR, reasons VARCHAR, reason_count INT,
                      quarantined_at TIMESTAMPTZ)""");
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO quarantine.crm_customers VALUES (?, 'crm.customers', ?, ?, ?, ?, CAST(? AS TIMESTAMPTZ))")) {
            for (Quarantined q : QUARANTINED) {
                insert.setString(1, q.runId());
                insert.setString(2, q.locator());
                insert.setString(3, q.record());
                insert.setString(4, q.reasons());
                insert.setInt(5, q.reasonCount());
                insert.setString(6, q.at());
                insert.executeUpdate();
            }
        }
    }

    /** Snapshot ids as a lake engine would report them: mart.sales_monthly at {@link #SALES_SNAPSHOT}, ops.runs at 4242. */
    static java.util.Map<String, Long> snapshots(java.util.Set<String> tables) {
        java.util.Map<String, Long> ids = new java.util.TreeMap<>();
        for (String table : tables) {
            switch (table) {
                case "mart.sales_monthly" -> ids.put(table, SALES_SNAPSHOT);
                case "ops.runs" -> ids.put(table, 4242L);
                default -> { }
            }
        }
        return ids;
    }

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

    static BigDecimal revenue(LocalDate month, String channel, String region) {
        return revenue(s -> s.month().equals(month) && s.channel().equals(channel) && s.regionCode().equals(region));
    }

    /** Sum of revenue over the rows that pass the test. */
    static BigDecimal revenue(Predicate<Sale> which) {
        return ROWS.stream().filter(which).map(Sale::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static BigDecimal revenue(LocalDate month, String channel) {
        return revenue(s -> s.month().equals(month) && s.channel().equals(channel));
    }
}
