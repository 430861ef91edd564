package dsmart.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import dsmart.serving.QueryResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackRendererTest {
    private static final ReportRequest REQUEST = ReportRequest.of(ExecutiveSalesPack.NAME, Period.month(2024, 2), Scope.company(),
            Language.EN, "alice");

    /**
     * The test marts, but mart.sales_monthly answers from a new snapshot on every query until {@code settleAfter}
     * queries have run (as if a transform kept publishing).
     */
    private static MartQuery moving(AtomicInteger queries, int settleAfter) throws Exception {
        MartQuery marts = JdbcMartQuery.over(TestMarts.populated());
        return new MartQuery() {
            @Override
            public QueryResult query(String sql, List<?> params) {
                QueryResult answer = marts.query(sql, params);
                int n = queries.incrementAndGet();
                long id = n <= settleAfter ? n : settleAfter;
                return new QueryResult(answer.columns(), answer.rows(),
                        sql.contains("mart.sales_monthly") ? Map.of("mart.sales_monthly", id) : Map.of());
            }

            @Override
            public void close() {
                marts.close();
            }
        };
    }

    @Test
    void aPackIsReadAgainWhenTheLakeMovesWhileItIsRead(@TempDir Path dir) throws Exception {
        AtomicInteger queries = new AtomicInteger();
        ArchivedReport report = Fixtures.reports(dir).generate(REQUEST, moving(queries, 2));

        assertThat(report.snapshots()).containsExactly(Map.entry("mart.sales_monthly", 2L));
        assertThat(report.manifest().files()).allSatisfy(file -> assertThat(file.rows()).isPositive());
    }

    @Test
    void aLakeThatKeepsMovingStopsTheGenerationNamingTheTable(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Fixtures.reports(dir).generate(REQUEST, moving(new AtomicInteger(), Integer.MAX_VALUE)))
                .isInstanceOf(ReportException.class).hasMessageContaining("mart.sales_monthly was at snapshot");
        assertThat(dir.resolve(".work")).isEmptyDirectory();
    }

    @Test
    void aPeriodKindThePackDoesNotTakeIsRefused(@TempDir Path dir) throws Exception {
        ReportRequest yearly = ReportRequest.of(CustomerSalesPack.NAME, Period.year(2024), Scope.company(), Language.EN, "alice");

        assertThatThrownBy(() -> Fixtures.reports(dir).generate(yearly, moving(new AtomicInteger(), 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes a period of kind [MONTH] (YYYY-MM), not 2024");
    }

    @Test
    void anUnknownPackNamesThePacksThereAre() {
        assertThatThrownBy(() -> ReportPacks.standard().get("nope"))
                .hasMessageContaining("unknown report pack \"nope\"").hasMessageContaining("executive-sales, customer-sales");
    }

    @Test
    void theRegistryListsEveryQueryWithItsBoundValues() {
        var queries = ReportPacks.standard().queries(Period.month(2024, 2), Scope.regions("EAST"));

        assertThat(queries).extracting(q -> q.name()).containsExactly("executive-sales rows [region-EAST]",
                "executive-sales last year [region-EAST]", "executive-sales top customers [region-EAST]",
                "executive-sales funnel [region-EAST]", "executive-sales tier mix [region-EAST]", "executive-sales quota [region-EAST]",
                "executive-sales detail [region-EAST]", "customer-sales customers [region-EAST]",
                "hr-appraisal scorecards [region-EAST]", "hr-appraisal training [region-EAST]",
                "hr-appraisal all scorecards [region-EAST]", "hr-appraisal all training [region-EAST]",
                "customer-tiers counts [region-EAST]", "customer-tiers A list [region-EAST]",
                "customer-tiers migrations [region-EAST]", "customer-tiers list [region-EAST]",
                "risk ageing [region-EAST]", "risk reconciliation [region-EAST]", "risk exposure [region-EAST]",
                "risk over limit [region-EAST]", "risk breaches [region-EAST]", "risk provision [region-EAST]",
                "risk top provisions [region-EAST]", "risk alerts [region-EAST]",
                "risk reconciliation sheet [region-EAST]", "risk ageing sheet [region-EAST]", "risk ageing by customer [region-EAST]",
                "risk exposure sheet [region-EAST]", "risk breaches sheet [region-EAST]", "risk provision sheet [region-EAST]",
                "risk alerts sheet [region-EAST]",
                "audit-compliance findings by rule [region-EAST]", "audit-compliance departments [region-EAST]",
                "audit-compliance rules sheet [region-EAST]", "audit-compliance evidence [region-EAST]",
                "audit-compliance self-inspection [region-EAST]");
        assertThat(queries.get(1).params()).containsExactly(java.time.LocalDate.of(2023, 2, 1), java.time.LocalDate.of(2023, 3, 1), "EAST");
    }
}
