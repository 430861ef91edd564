package dsmart.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dsmart.lake.Settings;
import dsmart.lake.spark.Sparks;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rules on source tables: failing rows go to quarantine.<table> with every reason and the run id; nothing is dropped. */
class ValidationTest extends JdbcFixture {
    private Settings ruled;

    @BeforeEach
    void rulesAndBadRows() {
        ruled = settings(dir, Map.of(
                "ingest.table.crm.customers.required", "customer_name",
                "ingest.table.crm.customers.accepted.customer_type", "retail|wholesale",
                "ingest.table.crm.customers.references.region_code", "raw.crm_regions.region_code",
                "ingest.table.orders.orders.references.customer_id", "raw.crm_customers.customer_id"));
        maria("INSERT INTO customers VALUES (50, '五十', 'XX', 'alien', 1.00, '2025-06-01 00:30:00', 0)",
                "INSERT INTO customers VALUES (51, '  ', 'EAST', 'retail', 1.00, '2025-06-01 00:31:00', 0)");
        pg("INSERT INTO orders VALUES (200, 'SO-000200', 999, 'web', 'confirmed', 5.00, '2025-05-01 10:00:00', '2025-06-01 00:32:00')");
    }

    @Test
    void rowsBreakingRulesAreQuarantinedWithEveryReasonAndTheRunId() {
        ingest(ruled);

        Map<String, String> quarantined = new TreeMap<>();
        Sparks.session(ruled).sql("SELECT source, locator, array_join(from_json(reasons, 'array<string>'), ' / '), run_id FROM quarantine.crm_customers "
                + "UNION ALL SELECT source, locator, array_join(from_json(reasons, 'array<string>'), ' / '), run_id FROM quarantine.orders_orders").collectAsList()
                .forEach(r -> quarantined.put(r.getString(0) + " " + r.getString(1), r.getString(2) + " @" + r.getString(3)));
        String run = "@" + Sparks.session(ruled).sql("SELECT max_by(run_id, finished_at) FROM ops.runs WHERE stage = 'ingest'").first().getString(0);
        assertThat(quarantined).containsExactly(
                Map.entry("crm.customers customer_id=50", "customer_type: 'alien' is not one of retail|wholesale / region_code: 'XX' is not in "
                        + "raw.crm_regions.region_code " + run),
                Map.entry("crm.customers customer_id=51", "customer_name: required, but empty " + run),
                Map.entry("orders.orders order_id=200", "customer_id: '999' is not in raw.crm_customers.customer_id " + run));
        assertThat(lake(ruled, "SELECT record FROM quarantine.crm_customers WHERE locator = 'customer_id=50'")).singleElement().asString()
                .contains("\"customer_type\":\"alien\"", "\"region_code\":\"XX\"", "\"customer_name\":\"五十\"");
        assertThat(lake(ruled, "SELECT reason_count FROM quarantine.crm_customers ORDER BY locator")).containsExactly("1", "2");
        assertThat(lakeCount(ruled, "SELECT count(*) FROM raw.crm_customers WHERE customer_id IN (50, 51)")).isZero();
        assertThat(lakeCount(ruled, "SELECT count(*) FROM raw.orders_orders WHERE order_id = 200")).isZero();
        assertThat(lastLedger(ruled)).containsEntry("raw.crm_customers", "full|42|40|40|0|0|0|2")
                .containsEntry("raw.orders_orders", "full|121|120|120|0|0|0|1");
    }

    @Test
    void aRowFixedAtTheSourceLandsOnTheNextRun() {
        ingest(ruled);
        maria("UPDATE customers SET customer_type = 'retail', region_code = 'EAST', updated_at = '2025-06-02 10:00:00' WHERE customer_id = 50");

        ingest(ruled);

        assertThat(lake(ruled, "SELECT customer_id, customer_type, region_code, _op FROM raw.crm_customers WHERE customer_id = 50"))
                .containsExactly("50|retail|EAST|U");
        assertThat(lastLedger(ruled).get("raw.crm_customers")).matches("incremental\\+keys\\|\\d+\\|\\d+\\|1\\|0\\|0\\|\\d+\\|0");
    }

    @Test
    void keysRepeatedInASourceWithoutAPrimaryKeyAreAllQuarantined() {
        pg("CREATE TABLE shipments (shipment_id BIGINT, order_id BIGINT, updated_at TIMESTAMP)",
                "INSERT INTO shipments VALUES (1, 10, '2025-06-01 00:00:00'), (2, 11, '2025-06-01 00:01:00'), (2, 12, '2025-06-01 00:02:00')");
        Settings withShipments = settings(dir, Map.of("ingest.tables", "orders.shipments:shipment_id"));

        ingest(withShipments);

        assertThat(lake(withShipments, "SELECT locator, array_join(from_json(reasons, 'array<string>'), ' / ') FROM quarantine.orders_shipments")).containsExactly(
                "shipment_id=2|key shipment_id=2 is on 2 rows of this read");
        assertThat(lake(withShipments, "SELECT shipment_id, order_id FROM raw.orders_shipments")).containsExactly("1|10");
    }

    @Test
    void aRuleNamingAnUnknownColumnStopsNamingTheSetting() {
        Settings typo = settings(dir, Map.of("ingest.table.crm.customers.accepted.customer_typ", "retail"));
        assertThatThrownBy(() -> ingest(typo)).isInstanceOf(IngestionException.class)
                .hasMessageContaining("setting ingest.table.crm.customers.accepted.customer_typ names column customer_typ");
    }
}
