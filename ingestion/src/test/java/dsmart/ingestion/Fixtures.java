package dsmart.ingestion;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Small source systems of our own, independent of the generator: an orders-like database (PostgreSQL) and a CRM-like
 * one (MariaDB). Every row's updated_at lies on 2025-06-01 between 00:00 and 02:00 (one row a minute, by key), so
 * that changes made later by tests at 2025-06-02 are after every watermark.
 */
final class Fixtures {
    static final LocalDateTime BASE = LocalDateTime.of(2025, 6, 1, 0, 0);
    static final int PRODUCTS = 12;
    static final int ORDERS = 120;
    static final int CUSTOMERS = 40;
    static final String[] REGIONS = {"EAST", "NORTH", "SOUTH", "WEST"};
    static final String[] REGION_NAMES = {"华东", "华北", "华南", "西部"};

    private Fixtures() {}

    /** The cursor value of the n-th row of a table: BASE plus n minutes, for n up to 120. */
    static Timestamp at(int n) {
        return Timestamp.valueOf(BASE.plusMinutes(n % 121));
    }

    static Timestamp later(int minutes) {
        return Timestamp.valueOf(LocalDateTime.of(2025, 6, 2, 9, 0).plusMinutes(minutes));
    }

    static void orders(String url) throws SQLException {
        try (Connection c = TestDatabases.connect(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE products (product_id BIGINT PRIMARY KEY, product_name VARCHAR(100) NOT NULL, category VARCHAR(20) NOT NULL, "
                    + "unit_cost NUMERIC(18,2) NOT NULL, updated_at TIMESTAMP NOT NULL)");
            s.execute("CREATE TABLE orders (order_id BIGINT PRIMARY KEY, order_no VARCHAR(32) NOT NULL UNIQUE, customer_id BIGINT NOT NULL, "
                    + "channel VARCHAR(16) NOT NULL, status VARCHAR(16) NOT NULL, amount NUMERIC(18,2) NOT NULL, ordered_at TIMESTAMP NOT NULL, "
                    + "updated_at TIMESTAMP NOT NULL)");
            s.execute("CREATE TABLE order_lines (order_id BIGINT NOT NULL, line_no INT NOT NULL, product_id BIGINT NOT NULL, quantity INT NOT NULL, "
                    + "line_amount NUMERIC(12,2) NOT NULL, updated_at TIMESTAMP NOT NULL, PRIMARY KEY (order_id, line_no))");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO products VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= PRODUCTS; i++) {
                    p.setLong(1, i);
                    p.setString(2, "产品 " + i);
                    p.setString(3, i % 2 == 0 ? "护肤" : "保健");
                    p.setBigDecimal(4, new BigDecimal(i * 7 + ".25"));
                    p.setTimestamp(5, at(i));
                    p.addBatch();
                }
                p.executeBatch();
            }
            try (PreparedStatement o = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement l = c.prepareStatement("INSERT INTO order_lines VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= ORDERS; i++) {
                    order(o, i, "confirmed", at(i));
                    o.addBatch();
                    for (int line = 1; line <= 1 + i % 3; line++) {
                        line(l, i, line, at(i));
                        l.addBatch();
                    }
                }
                o.executeBatch();
                l.executeBatch();
            }
        }
    }

    static void order(PreparedStatement o, long id, String status, Timestamp updated) throws SQLException {
        o.setLong(1, id);
        o.setString(2, "SO-" + String.format("%06d", id));
        o.setLong(3, 1 + id % CUSTOMERS);
        o.setString(4, new String[] {"web", "store", "phone"}[(int) (id % 3)]);
        o.setString(5, status);
        o.setBigDecimal(6, new BigDecimal(10 + id * 3 + "." + String.format("%02d", id % 100)));
        o.setTimestamp(7, Timestamp.valueOf(LocalDateTime.of(2025, 1, 1, 8, 0).plusHours(id * 5)));
        o.setTimestamp(8, updated);
    }

    static void line(PreparedStatement l, long order, int line, Timestamp updated) throws SQLException {
        l.setLong(1, order);
        l.setInt(2, line);
        l.setLong(3, 1 + (order + line) % PRODUCTS);
        l.setInt(4, 1 + (int) ((order * line) % 5));
        l.setBigDecimal(5, new BigDecimal(5 + order + line + ".50"));
        l.setTimestamp(6, updated);
    }

    static void crm(String url) throws SQLException {
        try (Connection c = TestDatabases.connect(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE regions (region_code VARCHAR(16) PRIMARY KEY, region_name VARCHAR(40) NOT NULL, updated_at DATETIME(6) NOT NULL)");
            s.execute("CREATE TABLE customers (customer_id BIGINT PRIMARY KEY, customer_name VARCHAR(100) NOT NULL, region_code VARCHAR(16) NOT NULL, "
                    + "customer_type VARCHAR(16) NOT NULL, credit_limit DECIMAL(18,2) NOT NULL, updated_at DATETIME(6) NOT NULL, "
                    + "deleted TINYINT(1) NOT NULL DEFAULT 0)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO regions VALUES (?, ?, ?)")) {
                for (int i = 0; i < REGIONS.length; i++) {
                    p.setString(1, REGIONS[i]);
                    p.setString(2, REGION_NAMES[i]);
                    p.setTimestamp(3, at(i));
                    p.addBatch();
                }
                p.executeBatch();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= CUSTOMERS; i++) {
                    customer(p, i, "客户" + i + "有限公司", REGIONS[i % REGIONS.length], i % 5 == 0 ? "wholesale" : "retail", at(i * 3));
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
    }

    static void customer(PreparedStatement p, long id, String name, String region, String type, Timestamp updated) throws SQLException {
        p.setLong(1, id);
        p.setString(2, name);
        p.setString(3, region);
        p.setString(4, type);
        p.setBigDecimal(5, new BigDecimal(1000 * id + ".00"));
        p.setTimestamp(6, updated);
        p.setBoolean(7, false);
    }

    /** Every row of a source table as text, one line per row, columns in table order, sorted. */
    static TreeSet<String> rows(String url, String sql) throws SQLException {
        TreeSet<String> rows = new TreeSet<>();
        try (Connection c = TestDatabases.connect(url); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            ResultSetMetaData meta = r.getMetaData();
            while (r.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    values.add(text(r.getObject(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    static long count(String url, String sql) throws SQLException {
        try (Connection c = TestDatabases.connect(url); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** One value as the lake and the source both print it. */
    static String text(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime().toString();
        }
        if (value instanceof LocalDateTime t) {
            return t.toString();
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        return value.toString();
    }

    /** 3 new orders with 6 lines, 4 orders and 1 line updated, order 9 (one line) deleted; 2 new customers, 3 renamed, 6 soft- and 7 hard-deleted. */
    static void changeSources(TestDatabases.Pair db) throws SQLException {
        try (Connection c = TestDatabases.connect(db.postgresUrl());
                PreparedStatement o = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement l = c.prepareStatement("INSERT INTO order_lines VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int id = 121; id <= 123; id++) {
                order(o, id, "confirmed", later(id));
                o.executeUpdate();
                for (int line = 1; line <= 1 + id % 3; line++) {
                    line(l, id, line, later(id));
                    l.executeUpdate();
                }
            }
        }
        TestDatabases.execute(db.postgresUrl(), "UPDATE orders SET status = 'shipped', updated_at = '2025-06-02 10:00:00' WHERE order_id IN (5, 6, 7, 8)",
                "UPDATE order_lines SET quantity = 99, updated_at = '2025-06-02 10:01:00' WHERE order_id = 10 AND line_no = 1",
                "DELETE FROM order_lines WHERE order_id = 9", "DELETE FROM orders WHERE order_id = 9");
        try (Connection c = TestDatabases.connect(db.mariaUrl());
                PreparedStatement p = c.prepareStatement("INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int id = 41; id <= 42; id++) {
                customer(p, id, "新客户" + id, "WEST", "retail", later(id));
                p.executeUpdate();
            }
        }
        TestDatabases.execute(db.mariaUrl(), "UPDATE customers SET customer_name = CONCAT(customer_name, '（改）'), updated_at = '2025-06-02 10:00:00' WHERE customer_id IN (3, 4, 5)",
                "UPDATE customers SET deleted = 1, updated_at = '2025-06-02 10:02:00' WHERE customer_id = 6",
                "DELETE FROM customers WHERE customer_id = 7");
    }
}
