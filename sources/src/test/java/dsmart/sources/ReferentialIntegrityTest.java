package dsmart.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dsmart.lake.Settings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Foreign keys inside a database are declared and enforced; references across databases resolve too. */
class ReferentialIntegrityTest {

    @Test
    void aLineOfAMissingOrderIsRefused() throws SQLException {
        Settings settings = Companies.clean();
        try (Connection connection = SourceSystem.ORDERS.connect(settings); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO order_lines (order_id, line_no, product_id, quantity, "
                        + "unit_price, discount, line_amount, updated_at) VALUES (-1, 1, 1, 1, 1, 0, 1, CURRENT_TIMESTAMP)"))
                        .isInstanceOf(SQLException.class);
            } finally {
                connection.rollback();
            }
        }
    }

    static Stream<Arguments> references() {
        return Stream.of(
                ref("orders", "SELECT customer_id FROM orders", "crm", "SELECT customer_id FROM customers"),
                ref("orders", "SELECT rep_id FROM orders", "crm", "SELECT rep_id FROM reps"),
                ref("orders", "SELECT terms_code FROM orders", "finance", "SELECT terms_code FROM payment_terms"),
                ref("orders", "SELECT customer_id FROM contracts", "crm", "SELECT customer_id FROM customers"),
                ref("orders", "SELECT rep_id FROM contracts", "crm", "SELECT rep_id FROM reps"),
                ref("orders", "SELECT proposal_id FROM contracts WHERE proposal_id IS NOT NULL", "crm", "SELECT proposal_id FROM proposals"),
                ref("orders", "SELECT terms_code FROM contracts", "finance", "SELECT terms_code FROM payment_terms"),
                ref("orders", "SELECT requested_by_rep_id FROM credit_overrides", "crm", "SELECT rep_id FROM reps"),
                ref("orders", "SELECT customer_id FROM order_returns", "crm", "SELECT customer_id FROM customers"),
                ref("finance", "SELECT order_id FROM invoices", "orders", "SELECT order_id FROM orders"),
                ref("finance", "SELECT customer_id FROM invoices", "crm", "SELECT customer_id FROM customers"),
                ref("finance", "SELECT return_id FROM credit_notes WHERE return_id IS NOT NULL", "orders", "SELECT return_id FROM order_returns"),
                ref("finance", "SELECT customer_id FROM receipts", "crm", "SELECT customer_id FROM customers"),
                ref("finance", "SELECT customer_id FROM credit_assessments", "crm", "SELECT customer_id FROM customers"),
                ref("finance", "SELECT customer_id FROM credit_limits", "crm", "SELECT customer_id FROM customers"),
                ref("finance", "SELECT rep_id FROM collection_actions", "crm", "SELECT rep_id FROM reps"),
                ref("finance", "SELECT customer_id FROM write_offs", "crm", "SELECT customer_id FROM customers"),
                ref("finance", "SELECT rep_id FROM sales_expenses", "crm", "SELECT rep_id FROM reps"),
                ref("finance", "SELECT customer_id FROM sales_expenses WHERE customer_id IS NOT NULL", "crm", "SELECT customer_id FROM customers"),
                ref("crm", "SELECT order_id FROM visits WHERE order_id IS NOT NULL", "orders", "SELECT order_id FROM orders"),
                ref("crm", "SELECT order_id FROM service_tickets", "orders", "SELECT order_id FROM orders"),
                ref("crm", "SELECT product_id FROM service_tickets", "orders", "SELECT product_id FROM products"),
                ref("crm", "SELECT order_id FROM complaints", "orders", "SELECT order_id FROM orders"),
                ref("crm", "SELECT order_id FROM satisfaction_surveys WHERE order_id IS NOT NULL", "orders", "SELECT order_id FROM orders"));
    }

    private static Arguments ref(String from, String fromSql, String to, String toSql) {
        return Arguments.of(from, fromSql, to, toSql);
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("references")
    void referenceAcrossDatabasesResolves(String from, String fromSql, String to, String toSql) {
        Settings settings = Companies.standard();
        Set<String> referencing = new HashSet<>(Db.ids(settings, SourceSystem.of(from), fromSql));
        assertThat(referencing).isNotEmpty();
        referencing.removeAll(Db.ids(settings, SourceSystem.of(to), toSql));
        assertThat(referencing).isEmpty();
    }
}
