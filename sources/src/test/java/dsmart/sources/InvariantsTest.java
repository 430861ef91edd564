package dsmart.sources;

import static dsmart.sources.SourceSystem.CRM;
import static dsmart.sources.SourceSystem.FINANCE;
import static dsmart.sources.SourceSystem.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Settings;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What holds in every generated company, breaches or not (except where a recorded breach says otherwise). */
class InvariantsTest {
    private static Settings company() {
        return Companies.standard();
    }

    private static Set<String> recorded(Rule rule) {
        return Truth.breaches(Truth.dir(company())).stream().filter(b -> b.ruleId().equals(rule.id()))
                .map(Truth.Breach::entityId).collect(Collectors.toSet());
    }

    @Test
    void orderAmountIsTheSumOfItsLines() {
        assertThat(Db.rows(company(), ORDERS, "SELECT o.order_id FROM orders o JOIN order_lines l ON l.order_id = o.order_id "
                + "GROUP BY o.order_id, o.amount HAVING SUM(l.line_amount) <> o.amount")).isEmpty();
        assertThat(Db.rows(company(), ORDERS, "SELECT o.order_id FROM orders o WHERE NOT EXISTS "
                + "(SELECT 1 FROM order_lines l WHERE l.order_id = o.order_id)")).isEmpty();
    }

    @Test
    void lineAmountIsQuantityTimesPriceLessDiscountAndOrderDiscountTheirSum() {
        assertThat(Db.rows(company(), ORDERS, "SELECT order_id FROM order_lines WHERE line_amount <> quantity * unit_price - discount")).isEmpty();
        assertThat(Db.rows(company(), ORDERS, "SELECT o.order_id FROM orders o JOIN order_lines l ON l.order_id = o.order_id "
                + "GROUP BY o.order_id, o.discount_amount HAVING SUM(l.discount) <> o.discount_amount")).isEmpty();
    }

    @Test
    void statusIsConfirmedOrCancelled() {
        assertThat(Db.ids(company(), ORDERS, "SELECT DISTINCT status FROM orders")).containsExactlyInAnyOrder("confirmed", "cancelled");
    }

    @Test
    void invoiceMatchesItsConfirmedOrderInAmountAndCustomer() {
        Map<Long, List<Object>> orders = new HashMap<>();
        for (List<Object> row : Db.rows(company(), ORDERS, "SELECT order_id, customer_id, amount, status FROM orders")) {
            orders.put(Db.number(row.get(0)), row);
        }
        List<List<Object>> invoices = Db.rows(company(), FINANCE, "SELECT order_id, customer_id, amount FROM invoices");
        assertThat(invoices).isNotEmpty();
        for (List<Object> invoice : invoices) {
            List<Object> order = orders.get(Db.number(invoice.get(0)));
            assertThat(order).as("order of invoice %s", invoice).isNotNull();
            assertThat(order.get(3)).isEqualTo("confirmed");
            assertThat(invoice.get(1)).isEqualTo(order.get(1));
            assertThat(invoice.get(2)).isEqualTo(order.get(2));
        }
        assertThat(invoices.stream().map(i -> i.get(0)).distinct().count()).isEqualTo(invoices.size());
    }

    @Test
    void confirmedOrdersWithoutInvoiceAreOnlyTheLastDaysOnes() {
        Set<String> invoiced = Db.ids(company(), FINANCE, "SELECT order_id FROM invoices");
        LocalDateTime asOf = Companies.asOf(company());
        for (List<Object> row : Db.rows(company(), ORDERS, "SELECT order_id, ordered_at FROM orders WHERE status = 'confirmed'")) {
            if (!invoiced.contains(String.valueOf(row.get(0)))) {
                assertThat(Db.time(row.get(1))).as("order %s", row.get(0)).isAfter(asOf.minusDays(6));
            }
        }
    }

    @Test
    void dueDateFollowsThePaymentTerms() {
        assertThat(Db.rows(company(), FINANCE, "SELECT i.invoice_id FROM invoices i JOIN payment_terms t ON t.terms_code = i.terms_code "
                + "WHERE i.due_on <> i.issued_on + t.net_days")).isEmpty();
    }

    @Test
    void liveAllocationsNeverExceedTheirReceiptNorTheirInvoice() {
        assertThat(Db.rows(company(), FINANCE, "SELECT r.receipt_id FROM receipts r JOIN receipt_allocations a ON a.receipt_id = r.receipt_id "
                + "WHERE NOT a.deleted GROUP BY r.receipt_id, r.amount HAVING SUM(a.amount) > r.amount")).isEmpty();
        assertThat(Db.rows(company(), FINANCE, "SELECT i.invoice_id FROM invoices i JOIN receipt_allocations a ON a.invoice_id = i.invoice_id "
                + "WHERE NOT a.deleted GROUP BY i.invoice_id, i.amount HAVING SUM(a.amount) > i.amount")).isEmpty();
    }

    @Test
    void bouncedReceiptsKeepOnlySoftDeletedAllocations() {
        assertThat(Db.count(company(), FINANCE, "SELECT COUNT(*) FROM receipts WHERE status IN ('bounced', 'reversed')")).isPositive();
        assertThat(Db.rows(company(), FINANCE, "SELECT r.receipt_id FROM receipts r JOIN receipt_allocations a ON a.receipt_id = r.receipt_id "
                + "WHERE r.status <> 'cleared' AND NOT a.deleted")).isEmpty();
        assertThat(Db.rows(company(), FINANCE, "SELECT receipt_id FROM receipts WHERE (status = 'cleared') <> (bounced_on IS NULL)")).isEmpty();
    }

    @Test
    void someReceiptsStayUnallocated() {
        assertThat(Db.count(company(), FINANCE, "SELECT COUNT(*) FROM receipts r WHERE r.status = 'cleared' "
                + "AND NOT EXISTS (SELECT 1 FROM receipt_allocations a WHERE a.receipt_id = r.receipt_id)")).isPositive();
    }

    @Test
    void creditNotesCreditTheReturnOfTheInvoicedOrder() {
        Map<Long, List<Object>> returns = new HashMap<>();
        for (List<Object> row : Db.rows(company(), ORDERS, "SELECT return_id, order_id, amount FROM order_returns")) {
            returns.put(Db.number(row.get(0)), row);
        }
        List<List<Object>> notes = Db.rows(company(), FINANCE, "SELECT n.return_id, i.order_id, n.amount, i.amount FROM credit_notes n "
                + "JOIN invoices i ON i.invoice_id = n.invoice_id");
        assertThat(notes).isNotEmpty();
        for (List<Object> note : notes) {
            List<Object> ret = returns.get(Db.number(note.get(0)));
            assertThat(ret.get(1)).isEqualTo(note.get(1));
            assertThat(ret.get(2)).isEqualTo(note.get(2));
            assertThat(((BigDecimal) note.get(2))).isLessThanOrEqualTo((BigDecimal) note.get(3));
        }
    }

    @Test
    void contractIsSignedBeforeTheOrderUnlessRecorded() {
        Set<String> breaches = recorded(Rule.ORDER_WITHOUT_SIGNED_CONTRACT);
        Set<String> unsigned = Db.ids(company(), ORDERS, "SELECT o.order_id FROM orders o LEFT JOIN contracts c ON c.contract_id = o.contract_id "
                + "WHERE o.status = 'confirmed' AND (c.signed_at IS NULL OR c.signed_at > o.ordered_at)");
        assertThat(breaches).isNotEmpty();
        assertThat(breaches).containsAll(unsigned);
    }

    @Test
    void orderThenShipmentThenDelivery() {
        assertThat(Db.count(company(), ORDERS, "SELECT COUNT(*) FROM shipments")).isPositive();
        assertThat(Db.rows(company(), ORDERS, "SELECT s.shipment_id FROM shipments s JOIN orders o ON o.order_id = s.order_id "
                + "WHERE s.shipped_at <= o.ordered_at OR s.delivered_at <= s.shipped_at OR s.tracking_sent_at < s.shipped_at "
                + "OR o.status <> 'confirmed'")).isEmpty();
        assertThat(Db.rows(company(), ORDERS, "SELECT q.inspection_id FROM quality_inspections q JOIN orders o ON o.order_id = q.order_id "
                + "WHERE q.inspected_at <= o.ordered_at")).isEmpty();
    }

    @Test
    void ticketsAndComplaintsMoveForwardInTime() {
        assertThat(Db.rows(company(), CRM, "SELECT ticket_id FROM service_tickets WHERE first_answered_at <= opened_at "
                + "OR resolved_at < first_answered_at OR (resolved_at IS NOT NULL AND first_answered_at IS NULL)")).isEmpty();
        assertThat(Db.rows(company(), CRM, "SELECT complaint_id FROM complaints WHERE investigated_at <= opened_at "
                + "OR answered_at <= investigated_at OR closed_at < answered_at")).isEmpty();
    }

    @Test
    void creditStatusIsWhatItsFiguresSay() {
        assertThat(Db.rows(company(), ORDERS, "SELECT order_id FROM orders "
                + "WHERE (credit_status = 'over_limit') <> (credit_exposure + amount > credit_limit)")).isEmpty();
        assertThat(Db.count(company(), ORDERS, "SELECT COUNT(*) FROM orders WHERE credit_status = 'over_limit'")).isPositive();
    }

    @Test
    void nothingChangesAfterTheSnapshot() {
        LocalDateTime asOf = Companies.asOf(company());
        for (SourceSystem system : SourceSystem.values()) {
            for (String table : system.tables()) {
                List<Object> row = Db.rows(company(), system, "SELECT MAX(updated_at), COUNT(*), COUNT(updated_at) FROM " + table).get(0);
                assertThat(Db.time(row.get(0))).as(table).isBefore(asOf);
                assertThat(row.get(1)).as(table).isEqualTo(row.get(2));
            }
        }
    }

    @Test
    void everyTableHasRows() {
        List<String> empty = new ArrayList<>();
        for (SourceSystem system : SourceSystem.values()) {
            for (String table : system.tables()) {
                if (Db.count(company(), system, "SELECT COUNT(*) FROM " + table) == 0) {
                    empty.add(system.id() + "." + table);
                }
            }
        }
        assertThat(empty).isEmpty();
    }
}
