package dsmart.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dsmart.lake.LakeCatalog;
import dsmart.lake.Progress;
import dsmart.lake.Settings;
import dsmart.lake.spark.Sparks;
import dsmart.sources.Generator;
import dsmart.sources.SourceSystem;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestionTest {

    private static Settings settings(Path dir, Map<String, String> more) {
        Map<String, String> overrides = new HashMap<>(Map.of("data.dir", dir.toString(), "generator.months", "2"));
        overrides.putAll(more);
        return Settings.builder().overrides(overrides).build();
    }

    private static Settings generated(Path dir) {
        Settings settings = settings(dir, Map.of());
        Generator.generate(settings, Progress.silent("test"));
        return settings;
    }

    private static long sourceCount(Settings settings, SourceSystem system, String sql) throws SQLException {
        try (Connection connection = system.connect(settings); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void sourceUpdate(Settings settings, SourceSystem system, String sql) throws SQLException {
        try (Connection connection = system.connect(settings); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static long lakeCount(Settings settings, String sql) {
        return Sparks.session(settings).sql(sql).first().getLong(0);
    }

    private static long snapshot(Settings settings, String table) {
        Catalog catalog = LakeCatalog.open(settings);
        return catalog.loadTable(TableIdentifier.parse(table)).currentSnapshot().snapshotId();
    }

    @Test
    void everySourceRowLandsInRawOnce(@TempDir Path dir) throws SQLException {
        Settings settings = generated(dir);
        Ingestion.run(settings, Progress.silent("test"));
        Ingestion.run(settings, Progress.silent("test"));
        assertThat(lakeCount(settings, "SELECT COUNT(*) FROM raw.orders_order_lines"))
                .isEqualTo(sourceCount(settings, SourceSystem.ORDERS, "SELECT COUNT(*) FROM order_lines"));
        assertThat(lakeCount(settings, "SELECT COUNT(DISTINCT order_id, line_no) FROM raw.orders_order_lines"))
                .isEqualTo(lakeCount(settings, "SELECT COUNT(*) FROM raw.orders_order_lines"));
        assertThat(lakeCount(settings, "SELECT COUNT(*) FROM raw.crm_customers"))
                .isEqualTo(sourceCount(settings, SourceSystem.CRM, "SELECT COUNT(*) FROM customers"));
    }

    @Test
    void rawTablesRecordTheirKeyFromSettings(@TempDir Path dir) {
        Settings settings = generated(dir);
        Ingestion.run(settings, Progress.silent("test"));

        SparkSession spark = Sparks.session(settings);
        // ingest.tables holds system.table:key+key entries
        for (String entry : settings.text("ingest.tables").split(",")) {
            String[] parts = entry.strip().split(":");
            String table = "raw." + parts[0].replace('.', '_');
            assertThat(Sparks.property(spark, table, Sparks.KEY_PROPERTY)).as(table).contains(parts[1].replace('+', ','));
        }
    }

    @Test
    void aRawTableFromBeforeKeysWereRecordedGetsItsKeyOnTheNextRun(@TempDir Path dir) {
        Settings settings = generated(dir);
        Ingestion.run(settings, Progress.silent("test"));
        Sparks.session(settings).sql("ALTER TABLE raw.orders_order_lines UNSET TBLPROPERTIES ('" + Sparks.KEY_PROPERTY + "')");
        assertThat(Sparks.property(Sparks.session(settings), "raw.orders_order_lines", Sparks.KEY_PROPERTY)).isEmpty();

        Ingestion.run(settings, Progress.silent("test"));

        assertThat(Sparks.property(Sparks.session(settings), "raw.orders_order_lines", Sparks.KEY_PROPERTY)).contains("order_id,line_no");
    }

    @Test
    void moneyKeepsItsDecimalsAndChineseTextSurvives(@TempDir Path dir) throws SQLException {
        Settings settings = generated(dir);
        Ingestion.run(settings, Progress.silent("test"));
        SparkSession spark = Sparks.session(settings);
        assertThat(spark.table("raw.orders_orders").schema().apply("amount").dataType().sql()).isEqualTo("DECIMAL(18,2)");
        Row lake = spark.sql("SELECT SUM(amount), MIN(customer_id) FROM raw.orders_orders").first();
        try (Connection connection = SourceSystem.ORDERS.connect(settings); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT SUM(amount) FROM orders")) {
            rows.next();
            assertThat(lake.getDecimal(0)).isEqualByComparingTo(rows.getBigDecimal(1));
        }
        assertThat(spark.sql("SELECT region_name FROM raw.crm_regions WHERE region_code = 'EAST'").first().getString(0)).isEqualTo("华东");
    }

    @Test
    void changesReplaceAndDeletionsBecomeTombstones(@TempDir Path dir) throws SQLException {
        Settings settings = generated(dir);
        Ingestion.run(settings, Progress.silent("test"));
        // A real source bumps its change cursor with every update; incremental runs rely on it.
        sourceUpdate(settings, SourceSystem.CRM, "UPDATE customers SET customer_name = '新名字有限公司', updated_at = LOCALTIMESTAMP WHERE customer_id = 2");
        for (String child : new String[] {"receipt_allocations", "credit_notes", "collection_actions", "write_offs"}) {
            sourceUpdate(settings, SourceSystem.FINANCE, "DELETE FROM " + child + " WHERE invoice_id = 3"); // foreign keys to invoices
        }
        sourceUpdate(settings, SourceSystem.FINANCE, "DELETE FROM invoices WHERE invoice_id = 3");
        Ingestion.run(settings, Progress.silent("test"));
        SparkSession spark = Sparks.session(settings);
        assertThat(spark.sql("SELECT customer_name, _op FROM raw.crm_customers WHERE customer_id = 2").collectAsList())
                .extracting(r -> r.getString(0) + "/" + r.getString(1)).containsExactly("新名字有限公司/U");
        assertThat(spark.sql("SELECT _op FROM raw.finance_invoices WHERE invoice_id = 3").first().getString(0)).isEqualTo("D");
        assertThat(lakeCount(settings, "SELECT COUNT(*) FROM raw.finance_invoices WHERE _op = 'U'"))
                .isEqualTo(sourceCount(settings, SourceSystem.FINANCE, "SELECT COUNT(*) FROM invoices"));
    }

    @Test
    void missingSourceFailsNamingItAndWritesNothing(@TempDir Path dir) {
        Settings settings = generated(dir);
        Ingestion.run(settings, Progress.silent("test"));
        long customers = snapshot(settings, "raw.crm_customers");
        Settings broken = settings.with(Map.of("source.finance.url", "jdbc:h2:file:" + dir.resolve("nowhere/finance") + ";MODE=PostgreSQL"));
        assertThatThrownBy(() -> Ingestion.run(broken, Progress.silent("test")))
                .isInstanceOf(IngestionException.class)
                .hasMessageContaining("source finance")
                .hasMessageContaining("nowhere/finance");
        assertThat(snapshot(settings, "raw.crm_customers")).isEqualTo(customers);
    }

    @Test
    void failureHalfwayRollsEveryTableBack(@TempDir Path dir) throws SQLException {
        Settings settings = generated(dir);
        Ingestion.run(settings, Progress.silent("test"));
        long customers = snapshot(settings, "raw.crm_customers");
        BigDecimal before = Sparks.session(settings).sql("SELECT SUM(amount) FROM raw.orders_orders").first().getDecimal(0);
        sourceUpdate(settings, SourceSystem.CRM, "UPDATE customers SET customer_name = '改过的' WHERE customer_id = 1");
        sourceUpdate(settings, SourceSystem.ORDERS, "UPDATE orders SET amount = amount + 1 WHERE order_id = 1");
        Settings badKey = settings.with(Map.of("ingest.tables",
                "crm.customers:customer_id,orders.orders:order_id,finance.invoices:invoice_number"));
        assertThatThrownBy(() -> Ingestion.run(badKey, Progress.silent("test")))
                .hasMessageContaining("finance.invoices")
                .hasMessageContaining("invoice_number")
                .hasMessageContaining("rolled back");
        assertThat(snapshot(settings, "raw.crm_customers")).isEqualTo(customers);
        assertThat(Sparks.session(settings).sql("SELECT SUM(amount) FROM raw.orders_orders").first().getDecimal(0)).isEqualByComparingTo(before);
        assertThat(Sparks.session(settings).sql("SELECT customer_name FROM raw.crm_customers WHERE customer_id = 1").first().getString(0))
                .isNotEqualTo("改过的");
    }
}
