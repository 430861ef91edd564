package dsmart.sources;

import static dsmart.sources.SourceSystem.CRM;
import static dsmart.sources.SourceSystem.FINANCE;
import static dsmart.sources.SourceSystem.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Settings;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The generated company looks like a real one: skewed customers, seasons, late payers, varied reps. */
class RealismTest {
    private static Settings company() {
        return Companies.standard();
    }

    @Test
    void bigCustomersBuyMuchMoreThanSmallOnes() {
        List<List<Object>> perCustomer = Db.rows(company(), ORDERS, "SELECT COUNT(*) FROM orders GROUP BY customer_id ORDER BY COUNT(*) DESC");
        long top = Db.number(perCustomer.get(0).get(0));
        long median = Db.number(perCustomer.get(perCustomer.size() / 2).get(0));
        assertThat(top).isGreaterThan(10 * median);
    }

    @Test
    void springFestivalMonthSellsFarLessThanTheOthers() {
        Map<LocalDate, Integer> perMonth = new TreeMap<>();
        for (List<Object> row : Db.rows(company(), ORDERS, "SELECT ordered_at FROM orders")) {
            perMonth.merge(Companies.businessDay(company(), Db.time(row.get(0))).withDayOfMonth(1), 1, Integer::sum);
        }
        int february = perMonth.get(LocalDate.of(2025, 2, 1));
        double others = perMonth.entrySet().stream().filter(e -> e.getKey().getMonthValue() > 2).mapToInt(Map.Entry::getValue).average().orElseThrow();
        assertThat(february).isLessThan((int) (0.7 * others));
    }

    @Test
    void aFifthOrSoPayLateAndAFewDefault() {
        List<Object> paid = Db.rows(company(), FINANCE, "SELECT COUNT(*), SUM(CASE WHEN a.allocated_on > i.due_on THEN 1 ELSE 0 END) "
                + "FROM invoices i JOIN receipt_allocations a ON a.invoice_id = i.invoice_id WHERE NOT a.deleted").get(0);
        double lateShare = Db.number(paid.get(1)) / (double) Db.number(paid.get(0));
        assertThat(lateShare).isBetween(0.08, 0.4);
        long writtenOff = Db.count(company(), FINANCE, "SELECT COUNT(DISTINCT customer_id) FROM write_offs");
        long business = Db.count(company(), CRM, "SELECT COUNT(*) FROM customers WHERE customer_type = 'business'");
        assertThat(writtenOff).isPositive().isLessThan(business / 30);
    }

    @Test
    void repsDifferInSatisfaction() {
        List<List<Object>> perRep = Db.rows(company(), CRM, "SELECT rep_id, AVG(CAST(score AS DECIMAL(6,3))) FROM satisfaction_surveys "
                + "WHERE score IS NOT NULL AND survey_type = 'post_delivery' GROUP BY rep_id HAVING COUNT(*) >= 20");
        double best = perRep.stream().mapToDouble(r -> ((Number) r.get(1)).doubleValue()).max().orElseThrow();
        double worst = perRep.stream().mapToDouble(r -> ((Number) r.get(1)).doubleValue()).min().orElseThrow();
        assertThat(best - worst).isGreaterThan(0.5);
    }

    @Test
    void complaintsComeFromAFewPercentOfDeliveries() {
        double complaints = Db.count(company(), CRM, "SELECT COUNT(*) FROM complaints");
        double delivered = Db.count(company(), ORDERS, "SELECT COUNT(*) FROM shipments WHERE delivered_at IS NOT NULL");
        assertThat(complaints / delivered).isBetween(0.005, 0.05);
    }

    @Test
    void aMinorityOfLeadsBecomeCustomersFromEverySource() {
        double leads = Db.count(company(), CRM, "SELECT COUNT(*) FROM leads");
        double converted = Db.count(company(), CRM, "SELECT COUNT(*) FROM leads WHERE customer_id IS NOT NULL");
        assertThat(converted / leads).isBetween(0.05, 0.3);
        assertThat(Db.ids(company(), CRM, "SELECT DISTINCT lead_source FROM leads WHERE customer_id IS NOT NULL"))
                .containsExactlyInAnyOrder("online_marketing", "trade_show", "directory", "referral", "social_media");
    }
}
