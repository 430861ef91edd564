package dsmart.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dsmart.lake.spark.Sparks;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** A source table that changed shape: raw evolves for new columns and widened types, and the run stops for anything else. */
class SchemaDriftTest extends JdbcFixture {

    @Test
    void aNewSourceColumnIsAddedToRaw() {
        ingest(settings);
        pg("ALTER TABLE orders ADD COLUMN coupon VARCHAR(20)", "UPDATE orders SET coupon = 'SPRING', updated_at = '2025-06-02 10:00:00' WHERE order_id = 3");

        ingest(settings);

        assertThat(Sparks.session(settings).table("raw.orders_orders").schema().apply("coupon").dataType().sql()).isEqualTo("STRING");
        assertThat(lake(settings, "SELECT order_id, coupon FROM raw.orders_orders WHERE coupon IS NOT NULL")).containsExactly("3|SPRING");
        assertThat(lake(settings, "SELECT message FROM ops.runs WHERE target = 'raw.orders_orders' AND message IS NOT NULL"))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING).startsWith("added column coupon STRING;");
    }

    @Test
    void widenedTypesWidenRaw() {
        ingest(settings);
        pg("ALTER TABLE order_lines ALTER COLUMN quantity TYPE BIGINT", "ALTER TABLE order_lines ALTER COLUMN line_amount TYPE NUMERIC(16,2)",
                "UPDATE order_lines SET quantity = 5000000000, line_amount = 12345678901234.56, updated_at = '2025-06-02 10:00:00' "
                        + "WHERE order_id = 1 AND line_no = 1");

        ingest(settings);

        StructType schema = Sparks.session(settings).table("raw.orders_order_lines").schema();
        assertThat(schema.apply("quantity").dataType().sql()).isEqualTo("BIGINT");
        assertThat(schema.apply("line_amount").dataType().sql()).isEqualTo("DECIMAL(16,2)");
        assertThat(lake(settings, "SELECT quantity, line_amount FROM raw.orders_order_lines WHERE order_id = 1 AND line_no = 1"))
                .containsExactly("5000000000|12345678901234.56");
        assertThat(lakeCount(settings, "SELECT count(*) FROM raw.orders_order_lines WHERE _op = 'U'"))
                .isEqualTo(lakeCount(settings, "SELECT count(*) FROM raw.orders_order_lines"));
    }

    @Test
    void aColumnOfAnotherTypeStopsTheRunNamingIt() {
        ingest(settings);
        Long before = snapshot(settings, "raw.orders_orders");
        pg("ALTER TABLE orders ALTER COLUMN channel TYPE INT USING length(channel)", "UPDATE orders SET updated_at = '2025-06-02 10:00:00' WHERE order_id = 3");

        assertThatThrownBy(() -> ingest(settings)).isInstanceOf(IngestionException.class)
                .hasMessageContaining("column channel of orders.orders changed type from STRING to INT")
                .hasMessageContaining("rolled back");
        assertThat(snapshot(settings, "raw.orders_orders")).isEqualTo(before);
    }

    @Test
    void aDroppedColumnStopsTheRunNamingIt() {
        ingest(settings);
        pg("ALTER TABLE orders DROP COLUMN channel");

        assertThatThrownBy(() -> ingest(settings)).isInstanceOf(IngestionException.class)
                .hasMessageContaining("column channel of raw.orders_orders is gone from orders.orders");
    }
}
