package dsmart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Settings;
import dsmart.serving.EmbeddedEngine;
import dsmart.serving.MartQuery;
import dsmart.serving.QueryResult;
import dsmart.sources.Rule;
import dsmart.sources.Truth;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * mart.compliance_finding on the demo company (six months, the breach catalogue's default rates): each rule the
 * generator plants finds exactly the planted breaches the truth file records, no more and no fewer. The one statistical
 * rule, expense_outlier, also finds reps whose ratio is an outlier by nature on so short a history: for it the expected
 * set is the planted reps plus what a plain-Java recomputation of the documented definition finds in the source rows.
 */
class ComplianceFindingTest {

    private static Set<String> mart(Settings settings, String ruleId) {
        try (MartQuery port = EmbeddedEngine.open(settings)) {
            QueryResult result = port.query("SELECT entity, entity_id FROM mart.compliance_finding WHERE status = 'open' AND rule_id = ?",
                    ruleId);
            Set<String> ids = new TreeSet<>();
            for (List<Object> row : result.rows()) {
                ids.add(row.get(0) + ":" + row.get(1));
            }
            return ids;
        }
    }

    private static Set<String> truth(Settings settings, String ruleId) {
        Set<String> ids = new TreeSet<>();
        for (Truth.Breach breach : Truth.breaches(Truth.dir(settings))) {
            if (breach.ruleId().equals(ruleId)) {
                ids.add(breach.entity() + ":" + breach.entityId());
            }
        }
        return ids;
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void findsExactlyThePlantedBreaches(Rule rule) {
        Settings settings = DemoRun.settings();
        Set<String> planted = truth(settings, rule.id());
        Set<String> expected = new TreeSet<>(planted);
        if (rule == Rule.EXPENSE_OUTLIER) {
            assertThat(expenseOutliers(settings)).as("the recomputation finds every planted outlier").containsAll(planted);
            expected.addAll(expenseOutliers(settings));
        }
        assertThat(mart(settings, rule.id())).as("%s: %d planted", rule.id(), planted.size()).isEqualTo(expected);
    }

    /**
     * Reps employed from the first month with confirmed sales whose expenses (not rejected) ÷ confirmed sales has a robust
     * z-score 0.6745 × (ratio − median) ÷ MAD above 3.5 among those reps.
     */
    static Set<String> expenseOutliers(Settings settings) {
        try (Connection crm = connect(settings, "crm"); Connection orders = connect(settings, "orders");
                Connection finance = connect(settings, "finance")) {
            Map<Long, BigDecimal> sales = sums(orders, "SELECT rep_id, SUM(amount) FROM orders WHERE status = 'confirmed' GROUP BY rep_id");
            Map<Long, BigDecimal> expenses = sums(finance, "SELECT rep_id, SUM(amount) FROM sales_expenses WHERE status <> 'rejected' GROUP BY rep_id");
            LocalDate start = settings.date("generator.start").withDayOfMonth(1);
            Map<Long, Double> ratios = new TreeMap<>();
            try (Statement statement = crm.createStatement();
                    ResultSet reps = statement.executeQuery("SELECT rep_id, hired_on, left_on FROM reps")) {
                while (reps.next()) {
                    long rep = reps.getLong(1);
                    BigDecimal sold = sales.get(rep);
                    if (reps.getDate(2).toLocalDate().isBefore(start) && reps.getDate(3) == null && sold != null && sold.signum() > 0) {
                        ratios.put(rep, expenses.getOrDefault(rep, BigDecimal.ZERO).doubleValue() / sold.doubleValue());
                    }
                }
            }
            double median = median(new ArrayList<>(ratios.values()));
            double mad = median(ratios.values().stream().map(r -> Math.abs(r - median)).toList());
            Set<String> found = new TreeSet<>();
            ratios.forEach((rep, ratio) -> {
                if (mad > 0 && 0.6745 * (ratio - median) / mad > 3.5) {
                    found.add("crm.reps:" + rep);
                }
            });
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect(Settings settings, String system) throws SQLException {
        return DriverManager.getConnection(settings.text("source." + system + ".url"), settings.text("source." + system + ".user"),
                settings.text("source." + system + ".password"));
    }

    private static Map<Long, BigDecimal> sums(Connection connection, String sql) throws SQLException {
        Map<Long, BigDecimal> sums = new HashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                sums.put(rows.getLong(1), rows.getBigDecimal(2));
            }
        }
        return sums;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
