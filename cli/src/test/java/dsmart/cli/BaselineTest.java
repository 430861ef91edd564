package dsmart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Settings;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The DuckDB baseline of the four headline marts against the marts of the shared demo run. */
class BaselineTest {
    private static Baseline.Spec spec(String mart) {
        return Baseline.MARTS.stream().filter(spec -> spec.mart().equals(mart)).findFirst().orElseThrow();
    }

    private static BigDecimal sum(Connection duckdb, String sql) throws SQLException {
        try (Statement statement = duckdb.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getBigDecimal(1);
        }
    }

    @Test
    void theBaselineAgreesWithTheFourMarts() {
        Baseline.Run run = Baseline.run(DemoRun.settings());

        assertThat(run.results()).extracting(Baseline.Result::mart)
                .containsExactly("sales_kpi", "customer_tier", "ar_ageing", "market_indicator");
        assertThat(run.results()).allSatisfy(result -> {
            assertThat(result.differences()).as(result.mart()).isEmpty();
            assertThat(result.baselineRows()).as(result.mart()).isPositive().isEqualTo(result.martRows());
        });
        assertThat(run.agrees()).isTrue();
    }

    @Test
    void aMissingMartRowIsReported() throws SQLException {
        Settings settings = DemoRun.settings();
        Baseline.Spec tiers = spec("customer_tier");
        try (Connection duckdb = Baseline.open(settings)) {
            Baseline.compute(duckdb, settings, tiers);
            Baseline.Comparison comparison = Baseline.compare(duckdb, tiers,
                    "SELECT * FROM mart.customer_tier WHERE customer_id <> (SELECT MIN(customer_id) FROM mart.customer_tier)");

            assertThat(comparison.martRows()).isEqualTo(comparison.baselineRows() - 1);
            assertThat(comparison.differences()).anySatisfy(difference -> assertThat(difference).startsWith("rows: DuckDB "));
        }
    }

    @Test
    void aMartAmountOneCentOffIsReportedWithBothSums() throws SQLException {
        Settings settings = DemoRun.settings();
        Baseline.Spec ageing = spec("ar_ageing");
        try (Connection duckdb = Baseline.open(settings)) {
            Baseline.compute(duckdb, settings, ageing);
            BigDecimal expected = sum(duckdb, "SELECT SUM(amount) FROM mart.ar_ageing");
            Baseline.Comparison comparison = Baseline.compare(duckdb, ageing,
                    "SELECT * REPLACE (amount + CASE WHEN row_number() OVER () = 1 THEN 0.01 ELSE 0 END AS amount) FROM mart.ar_ageing");

            assertThat(comparison.differences()).containsExactly("amount: DuckDB " + expected.setScale(6) + ", dsmart "
                    + expected.add(new BigDecimal("0.01")).setScale(6));
        }
    }
}
