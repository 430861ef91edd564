package dsmart.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dsmart.lake.Progress;
import dsmart.lake.Settings;
import dsmart.lake.spark.Sparks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-checked raw data: six orders across a month boundary in Shanghai time, a cancelled order,
 * a tombstoned order and line, and a soft-deleted customer.
 */
class TransformsTest {
    @TempDir
    Path dir;
    private Settings settings;
    private SparkSession spark;

    @BeforeEach
    void rawTables() {
        settings = Settings.builder().overrides(Map.of("data.dir", dir.toString())).build();
        spark = Sparks.session(settings);
        Sparks.createNamespace(spark, "raw");
        String meta = ", _op STRING, _ingested_at TIMESTAMP, _run_id STRING) USING iceberg";
        spark.sql("CREATE TABLE raw.crm_regions (region_code STRING, region_name STRING, updated_at TIMESTAMP" + meta);
        spark.sql("CREATE TABLE raw.crm_customers (customer_id BIGINT, customer_name STRING, region_code STRING, owner_rep_id BIGINT, "
                + "customer_type STRING, created_at TIMESTAMP, updated_at TIMESTAMP, deleted BOOLEAN" + meta);
        spark.sql("CREATE TABLE raw.orders_products (product_id BIGINT, product_name STRING, category STRING, unit_cost DECIMAL(18,2), "
                + "list_price DECIMAL(18,2), updated_at TIMESTAMP" + meta);
        spark.sql("CREATE TABLE raw.orders_orders (order_id BIGINT, order_no STRING, customer_id BIGINT, rep_id BIGINT, channel STRING, "
                + "ordered_at TIMESTAMP, status STRING, amount DECIMAL(18,2), updated_at TIMESTAMP" + meta);
        spark.sql("CREATE TABLE raw.orders_order_lines (order_id BIGINT, line_no INT, product_id BIGINT, quantity INT, "
                + "unit_price DECIMAL(18,2), discount DECIMAL(18,2), line_amount DECIMAL(18,2), updated_at TIMESTAMP" + meta);
        String now = "TIMESTAMP '2025-03-01 00:00:00+00:00', ";
        String u = "'U', current_timestamp(), 'r1'";
        spark.sql("INSERT INTO raw.crm_regions VALUES ('EAST', '华东', " + now + u + "), ('NORTH', '华北', " + now + u + ")");
        spark.sql("INSERT INTO raw.crm_customers VALUES "
                + "(1, '上海华信贸易有限公司', 'EAST', 1, 'business', " + now + now + "false, " + u + "), "
                + "(2, '北京宏达科技有限公司', 'NORTH', 1, 'business', " + now + now + "false, " + u + "), "
                + "(3, '杭州金鼎实业有限公司', 'EAST', 1, 'business', " + now + now + "true, " + u + ")");
        spark.sql("INSERT INTO raw.orders_products VALUES (1, '净水器', '家电', 10.00, 20.00, " + now + u + "), "
                + "(2, '蜂蜜', '食品', 2.50, 5.00, " + now + u + ")");
        spark.sql("INSERT INTO raw.orders_orders VALUES "
                + order(1, 1, "phone", "2025-01-10 02:00:00", "confirmed", "42.10", "U")
                + ", " + order(2, 1, "online", "2025-01-31 16:30:00", "confirmed", "15.55", "U")
                + ", " + order(3, 2, "phone", "2025-01-20 05:00:00", "cancelled", "99.00", "U")
                + ", " + order(4, 2, "phone", "2025-02-03 05:00:00", "confirmed", "40.00", "U")
                + ", " + order(5, 3, "phone", "2025-01-05 01:00:00", "confirmed", "50.00", "D")
                + ", " + order(6, 3, "door_to_door", "2025-02-14 03:00:00", "confirmed", "8.00", "U"));
        spark.sql("INSERT INTO raw.orders_order_lines VALUES "
                + line(1, 1, 1, 2, "30.00", "U") + ", " + line(1, 2, 2, 4, "12.10", "U") + ", " + line(2, 1, 1, 1, "15.55", "U")
                + ", " + line(3, 1, 1, 1, "99.00", "U") + ", " + line(4, 1, 2, 10, "40.00", "U") + ", " + line(5, 1, 1, 1, "50.00", "U")
                + ", " + line(6, 1, 2, 2, "8.00", "U") + ", " + line(6, 2, 1, 1, "100.00", "D"));
    }

    private static String order(int id, int customer, String channel, String utc, String status, String amount, String op) {
        return "(" + id + ", 'SO" + id + "', " + customer + ", 1, '" + channel + "', TIMESTAMP '" + utc + "+00:00', '" + status + "', "
                + amount + ", TIMESTAMP '" + utc + "+00:00', '" + op + "', current_timestamp(), 'r1')";
    }

    private static String line(int order, int no, int product, int quantity, String amount, String op) {
        return "(" + order + ", " + no + ", " + product + ", " + quantity + ", 0.00, 0.00, " + amount
                + ", TIMESTAMP '2025-03-01 00:00:00+00:00', '" + op + "', current_timestamp(), 'r1')";
    }

    private List<String> rows(String sql) {
        return spark.sql(sql).collectAsList().stream().map(r -> r.mkString("|")).toList();
    }

    @Test
    void salesMonthlyCountsBusinessMonthsConfirmedOrdersAndFirstOrders() {
        Transforms.run(settings, Progress.silent("test"));
        assertThat(rows("SELECT month, region_code, region_name, channel, orders, revenue, gross_profit, new_customers "
                + "FROM mart.sales_monthly ORDER BY month, region_code, channel")).containsExactly(
                "2025-01-01|EAST|华东|phone|1|42.10|12.10|1",
                "2025-02-01|EAST|华东|door_to_door|1|8.00|3.00|1",
                "2025-02-01|EAST|华东|online|1|15.55|5.55|0",
                "2025-02-01|NORTH|华北|phone|1|40.00|15.00|1");
    }

    @Test
    void customerSalesSumsLifetimeRevenue() {
        Transforms.run(settings, Progress.silent("test"));
        assertThat(rows("SELECT customer_id, customer_name, region_name, orders, revenue, gross_profit, first_order_date, last_order_date "
                + "FROM mart.customer_sales ORDER BY customer_id")).containsExactly(
                "1|上海华信贸易有限公司|华东|2|57.65|17.65|2025-01-10|2025-02-01",
                "2|北京宏达科技有限公司|华北|1|40.00|15.00|2025-02-03|2025-02-03",
                "3|杭州金鼎实业有限公司|华东|1|8.00|3.00|2025-02-14|2025-02-14");
    }

    @Test
    void receivablesMartsAreSkippedWithoutFinanceTables() {
        List<Transforms.MartResult> published = Transforms.run(settings, Progress.silent("test"));
        assertThat(published).extracting(r -> r.table().toString()).containsExactly("mart.sales_monthly", "mart.customer_sales");
        assertThat(spark.catalog().tableExists("mart.ar_ledger")).isFalse();
    }

    @Test
    void rebuildingGivesTheSameRows() {
        Transforms.run(settings, Progress.silent("test"));
        List<String> first = rows("SELECT * FROM mart.sales_monthly ORDER BY month, region_code, channel");
        Transforms.run(settings.with(Map.of("transform.full", "true")), Progress.silent("test"));
        assertThat(rows("SELECT * FROM mart.sales_monthly ORDER BY month, region_code, channel")).isEqualTo(first);
    }

    @Test
    void martFailingItsChecksKeepsItsPreviousSnapshot() {
        Transforms.run(settings, Progress.silent("test"));
        long published = Sparks.currentSnapshot(spark, "mart.sales_monthly");
        spark.sql("INSERT INTO raw.crm_customers VALUES (4, '无区域客户', 'WEST', 1, 'business', TIMESTAMP '2025-03-01 00:00:00+00:00', "
                + "TIMESTAMP '2025-03-01 00:00:00+00:00', false, 'U', current_timestamp(), 'r2')");
        spark.sql("INSERT INTO raw.orders_orders VALUES " + order(7, 4, "phone", "2025-02-20 03:00:00", "confirmed", "5.00", "U"));
        spark.sql("INSERT INTO raw.orders_order_lines VALUES " + line(7, 1, 2, 1, "5.00", "U"));
        assertThatThrownBy(() -> Transforms.run(settings, Progress.silent("test")))
                .isInstanceOf(TransformException.class)
                .hasMessageContaining("mart.sales_monthly")
                .hasMessageContaining("revenue reconciles to staging");
        assertThat(Sparks.currentSnapshot(Sparks.session(settings), "mart.sales_monthly")).isEqualTo(published);
    }
}
