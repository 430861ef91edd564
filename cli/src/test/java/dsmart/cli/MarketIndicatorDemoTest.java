package dsmart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Settings;
import dsmart.lake.spark.Sparks;
import dsmart.serving.EmbeddedEngine;
import dsmart.serving.MartQuery;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** mart.market_indicator of the demo checked against plain-Java recomputations from the source rows (JDBC). */
class MarketIndicatorDemoTest {
    private static Map<String, String> mart(Settings settings, String sql) {
        try (MartQuery port = EmbeddedEngine.open(settings)) {
            Map<String, String> rows = new TreeMap<>();
            for (List<Object> row : port.query(sql).rows()) {
                rows.put(row.get(0) + "|" + row.get(1), row.get(2) + "|" + row.get(3));
            }
            return rows;
        }
    }

    private static Connection connect(Settings settings, String system) throws SQLException {
        return DriverManager.getConnection(settings.text("source." + system + ".url"), settings.text("source." + system + ".user"),
                settings.text("source." + system + ".password"));
    }

    private static LocalDate month(LocalDateTime utc, ZoneId zone) {
        return utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone).toLocalDate().withDayOfMonth(1);
    }

    @Test
    void monthlySalesAmountByRegionEqualsTheSourceRows() throws SQLException {
        Settings settings = DemoRun.settings();
        Map<String, String> expected = new TreeMap<>();
        Map<String, BigDecimal> sums = new TreeMap<>();
        SourceFigures.compute(settings).salesMonthly.forEach((key, figures) ->
                sums.merge(key.month() + "|" + key.region(), figures.revenue, BigDecimal::add));
        sums.forEach((key, amount) -> expected.put(key, amount.setScale(2) + "|null"));
        assertThat(expected).hasSizeGreaterThanOrEqualTo(6 * 5);
        assertThat(mart(settings, "SELECT period_start, dimension_value, numerator, denominator FROM mart.market_indicator "
                + "WHERE grain = 'monthly' AND indicator = 'sales_amount' AND dimension = 'region' AND numerator <> 0"))
                .containsExactlyEntriesOf(expected);
    }

    @Test
    void monthlyDiscountDepthEqualsTheSourceRows() throws SQLException {
        // numerator Σ quantity × list_price − Σ line_amount, denominator Σ quantity × list_price, confirmed orders by business month
        Settings settings = DemoRun.settings();
        ZoneId zone = settings.zone();
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        try (Connection orders = connect(settings, "orders"); Statement statement = orders.createStatement()) {
            Map<Long, BigDecimal> listPrice = new HashMap<>();
            try (ResultSet rows = statement.executeQuery("SELECT product_id, list_price FROM products")) {
                while (rows.next()) {
                    listPrice.put(rows.getLong(1), rows.getBigDecimal(2));
                }
            }
            Map<Long, LocalDate> confirmed = new HashMap<>();
            try (ResultSet rows = statement.executeQuery("SELECT order_id, ordered_at FROM orders WHERE status = 'confirmed'")) {
                while (rows.next()) {
                    confirmed.put(rows.getLong(1), month(rows.getObject(2, LocalDateTime.class), zone));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT order_id, product_id, quantity, line_amount FROM order_lines")) {
                while (rows.next()) {
                    LocalDate month = confirmed.get(rows.getLong(1));
                    if (month == null) {
                        continue;
                    }
                    BigDecimal list = listPrice.get(rows.getLong(2)).multiply(BigDecimal.valueOf(rows.getInt(3)));
                    BigDecimal[] cell = sums.computeIfAbsent(month + "|all", k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                    cell[0] = cell[0].add(list.subtract(rows.getBigDecimal(4)));
                    cell[1] = cell[1].add(list);
                }
            }
        }
        Map<String, String> expected = new TreeMap<>();
        sums.forEach((key, cell) -> expected.put(key, cell[0].setScale(2) + "|" + cell[1].setScale(2)));
        assertThat(expected).hasSize(6);
        assertThat(mart(settings, "SELECT period_start, dimension_value, numerator, denominator FROM mart.market_indicator "
                + "WHERE grain = 'monthly' AND indicator = 'discount_depth' AND dimension = 'all' AND denominator <> 0"))
                .containsExactlyEntriesOf(expected);
    }

    @Test
    void monthlyNewLeadsByChannelEqualTheSourceRows() throws SQLException {
        // leads not deleted, by the business month of created_at and the lead's channel
        Settings settings = DemoRun.settings();
        Map<String, Long> counts = new TreeMap<>();
        try (Connection crm = connect(settings, "crm"); Statement statement = crm.createStatement();
                ResultSet rows = statement.executeQuery("SELECT created_at, channel FROM leads WHERE NOT deleted")) {
            while (rows.next()) {
                counts.merge(month(rows.getObject(1, LocalDateTime.class), settings.zone()) + "|" + rows.getString(2), 1L, Long::sum);
            }
        }
        Map<String, String> expected = new TreeMap<>();
        counts.forEach((key, count) -> expected.put(key, BigDecimal.valueOf(count).setScale(2) + "|null"));
        assertThat(mart(settings, "SELECT period_start, dimension_value, numerator, denominator FROM mart.market_indicator "
                + "WHERE grain = 'monthly' AND indicator = 'new_leads' AND dimension = 'channel' AND numerator <> 0"))
                .containsExactlyEntriesOf(expected);
    }

    @Test
    void theDefaultRulesRanAndEveryAlertExplainsItself() {
        Settings settings = DemoRun.settings();
        try (MartQuery port = EmbeddedEngine.open(settings)) {
            List<List<Object>> rows = port.query("SELECT COUNT(*), COUNT(explanation), COUNT(DISTINCT rule) FROM mart.market_alert").rows();
            assertThat(rows.get(0).get(0)).isEqualTo(rows.get(0).get(1));
        }
    }

    @Test
    void theMartRebuiltAloneInANewJvmPassesItsChecksWithTheSameRows() throws Exception {
        // its reconciliation checks compare two queries over the candidate: Spark once planned the candidate anew for them,
        // wrongly in a JVM that had run nothing before, and the mart alone failed them
        Settings settings = DemoRun.settings();
        List<String> published = everyRow(settings);
        long snapshot = snapshot(settings);

        Captured run = Captured.inNewJvm(DemoRun.args(DemoRun.dataDir(), "--set", "transform.marts=market_indicator", "transform", "--full"));

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.stderr()).isZero();
        assertThat(snapshot(settings)).as("rebuilt, not kept").isNotEqualTo(snapshot);
        assertThat(everyRow(settings)).hasSize(published.size()).isEqualTo(published);
    }

    private static long snapshot(Settings settings) {
        return Sparks.latest(Sparks.session(settings), "mart.market_indicator").orElseThrow().id();
    }

    private static List<String> everyRow(Settings settings) {
        try (MartQuery port = EmbeddedEngine.open(settings)) {
            return port.query("SELECT * FROM mart.market_indicator").rows().stream().map(List::toString).sorted().toList();
        }
    }
}
