package dsmart.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.spark.Sparks;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JDBC ingestion from real PostgreSQL (orders) and MariaDB (CRM): full first, then incremental by cursor. */
class IncrementalIngestTest extends JdbcFixture {
    private static final String ORDERS = "order_id, order_no, customer_id, channel, status, amount, ordered_at, updated_at";
    private static final String LINES = "order_id, line_no, product_id, quantity, line_amount, updated_at";
    private static final String CUSTOMERS = "customer_id, customer_name, region_code, customer_type, credit_limit, updated_at, deleted";

    @Test
    void firstRunIsFullAndLoadsEverySourceRow() throws SQLException {
        ingest(settings);
        assertThat(lastLedger(settings)).containsOnly(
                Map.entry("raw.crm_customers", "full|40|40|40|0|0|0|0"),
                Map.entry("raw.crm_regions", "full|4|4|4|0|0|0|0"),
                Map.entry("raw.orders_order_lines", "full|" + lines() + "|" + lines() + "|" + lines() + "|0|0|0|0"),
                Map.entry("raw.orders_orders", "full|120|120|120|0|0|0|0"));
        assertThat(lake(settings, "SELECT " + ORDERS + " FROM raw.orders_orders WHERE _op = 'U'"))
                .isEqualTo(Fixtures.rows(db.postgresUrl(), "SELECT " + ORDERS + " FROM orders"));
        assertThat(lake(settings, "SELECT " + CUSTOMERS + " FROM raw.crm_customers WHERE _op = 'U'"))
                .isEqualTo(Fixtures.rows(db.mariaUrl(), "SELECT " + CUSTOMERS + " FROM customers"));
        assertThat(lake(settings, "SELECT region_name FROM raw.crm_regions WHERE region_code = 'EAST'")).containsExactly("华东");
    }

    @Test
    void incrementalRunPicksUpExactlyTheInsertsUpdatesAndDeletes() throws SQLException {
        ingest(settings);
        // Rows the incremental run re-reads without change: the 10-minute overlap below each table's highest cursor.
        long overlapOrders = Fixtures.count(db.postgresUrl(), overlap("orders", "interval '10 minutes'"));
        long overlapLines = Fixtures.count(db.postgresUrl(), overlap("order_lines", "interval '10 minutes'"));
        long overlapCustomers = Fixtures.count(db.mariaUrl(), overlap("customers", "INTERVAL 10 MINUTE"));
        long overlapRegions = Fixtures.count(db.mariaUrl(), overlap("regions", "INTERVAL 10 MINUTE"));
        changeSources();

        ingest(settings);

        assertThat(lastLedger(settings)).containsOnly(
                // mode|read|written|inserted|updated|deleted|unchanged|quarantined
                Map.entry("raw.orders_orders", "incremental+keys|" + (3 + 4 + overlapOrders) + "|" + (3 + 4 + overlapOrders) + "|3|4|1|" + overlapOrders + "|0"),
                Map.entry("raw.orders_order_lines", "incremental+keys|" + (6 + 1 + overlapLines) + "|" + (6 + 1 + overlapLines) + "|6|1|1|" + overlapLines + "|0"),
                Map.entry("raw.crm_customers", "incremental+keys|" + (2 + 3 + 1 + overlapCustomers) + "|" + (2 + 3 + 1 + overlapCustomers)
                        + "|2|3|2|" + overlapCustomers + "|0"),
                Map.entry("raw.crm_regions", "incremental+keys|" + overlapRegions + "|" + overlapRegions + "|0|0|0|" + overlapRegions + "|0"));
        assertThat(lake(settings, "SELECT " + ORDERS + " FROM raw.orders_orders WHERE _op = 'U'"))
                .isEqualTo(Fixtures.rows(db.postgresUrl(), "SELECT " + ORDERS + " FROM orders"));
        assertThat(lake(settings, "SELECT " + LINES + " FROM raw.orders_order_lines WHERE _op = 'U'"))
                .isEqualTo(Fixtures.rows(db.postgresUrl(), "SELECT " + LINES + " FROM order_lines"));
        assertThat(lake(settings, "SELECT " + CUSTOMERS + " FROM raw.crm_customers WHERE _op = 'U'"))
                .isEqualTo(Fixtures.rows(db.mariaUrl(), "SELECT " + CUSTOMERS + " FROM customers WHERE deleted = 0"));
        assertThat(lake(settings, "SELECT order_id FROM raw.orders_orders WHERE _op = 'D'")).containsExactly("9");
        assertThat(lake(settings, "SELECT order_id, line_no FROM raw.orders_order_lines WHERE _op = 'D'")).containsExactly("9|1");
        assertThat(lake(settings, "SELECT customer_id, customer_name, deleted FROM raw.crm_customers WHERE _op = 'D'"))
                .containsExactly("6|客户6有限公司|true", "7|客户7有限公司|false");
    }

    @Test
    void rerunningTheSameWindowChangesNothing() throws SQLException {
        ingest(settings);
        changeSources();
        ingest(settings);
        List<String> tables = List.of("raw.orders_orders", "raw.orders_order_lines", "raw.crm_customers", "raw.crm_regions");
        Map<String, Long> snapshots = new java.util.HashMap<>();
        Map<String, java.util.TreeSet<String>> contents = new java.util.HashMap<>();
        for (String table : tables) {
            snapshots.put(table, snapshot(settings, table));
            contents.put(table, lake(settings, "SELECT * FROM " + table));
        }

        ingest(settings);

        assertThat(lastLedger(settings).values()).allSatisfy(line -> assertThat(line).matches("incremental\\+keys\\|\\d+\\|\\d+\\|0\\|0\\|0\\|\\d+\\|0"));
        for (String table : tables) {
            assertThat(snapshot(settings, table)).as("snapshot of " + table).isEqualTo(snapshots.get(table));
            assertThat(lake(settings, "SELECT * FROM " + table)).as("rows of " + table).isEqualTo(contents.get(table));
        }
    }

    @Test
    void aRunWithNoKeyGoneSettlesTheHardDeleteCheckByCountsAndOneWithAKeyGoneReadsTheKeys() throws SQLException {
        ingest(settings);
        pg("UPDATE orders SET status = 'shipped', updated_at = '2025-07-01 00:00:00' WHERE order_id = 3");

        ingest(settings);
        assertThat(lastMessage("raw.orders_orders")).contains("hard-delete check by row counts");

        pg("DELETE FROM order_lines WHERE order_id = 4", "DELETE FROM orders WHERE order_id = 4");
        ingest(settings);
        assertThat(lastMessage("raw.orders_orders")).doesNotContain("row counts");
        assertThat(lake(settings, "SELECT order_id FROM raw.orders_orders WHERE _op = 'D'")).containsExactly("4");
    }

    @Test
    void keysGoneFromTablesReadInKeyRangesAreFoundInPostgresAndMariaDb() throws SQLException {
        dsmart.lake.Settings ranged = settings(dir, Map.of("ingest.partition.rows", "10"));
        ingest(ranged);
        var spark = Sparks.session(ranged);
        spark.table("raw.orders_orders"); // the catalog used first, as an ingest does
        assertThat(RawTables.keyRanges(spark, "raw.orders_orders", "order_id").size()).isGreaterThan(1);
        assertThat(RawTables.keyRanges(spark, "raw.crm_customers", "customer_id").size()).isGreaterThan(1);
        pg("DELETE FROM order_lines WHERE order_id = 4", "DELETE FROM orders WHERE order_id = 4");
        maria("DELETE FROM customers WHERE customer_id = 12");

        ingest(ranged);

        assertThat(lake(ranged, "SELECT order_id FROM raw.orders_orders WHERE _op = 'D'")).containsExactly("4");
        assertThat(lake(ranged, "SELECT order_id, line_no FROM raw.orders_order_lines WHERE _op = 'D'")).containsExactly("4|1", "4|2");
        assertThat(lake(ranged, "SELECT customer_id FROM raw.crm_customers WHERE _op = 'D'")).containsExactly("12");
        assertThat(lake(ranged, "SELECT " + CUSTOMERS + " FROM raw.crm_customers WHERE _op = 'U'"))
                .isEqualTo(Fixtures.rows(db.mariaUrl(), "SELECT " + CUSTOMERS + " FROM customers"));
    }

    private String lastMessage(String table) {
        return String.valueOf(Sparks.session(settings).sql("SELECT max_by(message, finished_at) FROM ops.runs WHERE stage = 'ingest' AND target = '"
                + table + "'").first().get(0));
    }

    @Test
    void aLateCommitInsideTheOverlapIsPickedUpOneOlderIsNot() throws SQLException {
        ingest(settings); // watermark of orders: 2025-06-01 02:00
        // Two transactions that committed after the run but stamped their rows earlier: 5 and 15 minutes before the watermark.
        pg("UPDATE orders SET status = 'late-5' WHERE order_id = 115", "UPDATE orders SET updated_at = '2025-06-01 01:55:00' WHERE order_id = 115",
                "UPDATE orders SET status = 'late-15', updated_at = '2025-06-01 01:45:00' WHERE order_id = 105");

        ingest(settings);

        assertThat(lake(settings, "SELECT order_id, status FROM raw.orders_orders WHERE order_id IN (105, 115)"))
                .containsExactly("105|confirmed", "115|late-5");
        assertThat(lastLedger(settings).get("raw.orders_orders")).startsWith("incremental+keys|").contains("|0|1|0|");
    }

    @Test
    void aLargeTableIsReadInParallelKeyRanges() throws SQLException {
        List<Ingestion.TableResult> results = ingest(settings(dir, Map.of("ingest.partition.rows", "50")));
        assertThat(results).filteredOn(r -> r.table().toString().equals("raw.orders_orders")).singleElement()
                .satisfies(r -> assertThat(r.queries()).isEqualTo(3)); // 120 rows, 50 per query
        assertThat(results).filteredOn(r -> r.table().toString().equals("raw.crm_regions")).singleElement()
                .satisfies(r -> assertThat(r.queries()).isEqualTo(1)); // a text key: one query
        assertThat(lake(settings, "SELECT " + ORDERS + " FROM raw.orders_orders WHERE _op = 'U'"))
                .isEqualTo(Fixtures.rows(db.postgresUrl(), "SELECT " + ORDERS + " FROM orders"));
        assertThat(lake(settings, "SELECT " + LINES + " FROM raw.orders_order_lines WHERE _op = 'U'"))
                .isEqualTo(Fixtures.rows(db.postgresUrl(), "SELECT " + LINES + " FROM order_lines"));
    }

    private static String overlap(String table, String tenMinutes) {
        return "SELECT count(*) FROM " + table + " WHERE updated_at >= (SELECT max(updated_at) FROM " + table + ") - " + tenMinutes;
    }

    private static long lines() {
        long lines = 0;
        for (int i = 1; i <= Fixtures.ORDERS; i++) {
            lines += 1 + i % 3;
        }
        return lines;
    }

    private void changeSources() throws SQLException {
        Fixtures.changeSources(db);
    }
}
