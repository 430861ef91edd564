package dsmart.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dsmart.reports.Period;
import dsmart.reports.ReportPacks;
import dsmart.reports.Scope;
import dsmart.serving.EmbeddedEngine;
import dsmart.serving.MartQuery;
import dsmart.serving.NamedQuery;
import dsmart.serving.QueryResult;
import dsmart.serving.ReadPoint;
import dsmart.serving.TrinoEngine;
import dsmart.web.WebApp;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production shape: the pipeline writes the lake on a PostgreSQL Iceberg JDBC catalog, a real
 * Trino 476 reads the same catalog, and every query the reports and the dashboard run gives the same
 * rows and snapshot ids on Trino as on the embedded engine.
 */
class TrinoEngineIT {
    static TrinoLake lake;

    @BeforeAll
    static void lakeOnPostgresAndTrino() throws Exception {
        assumeTrue(TrinoServer.javaAvailable(), "Trino 476 needs Java 24+: " + TrinoServer.JAVA + " is absent, so this test is skipped");
        lake = TrinoLake.start();
    }

    @AfterAll
    static void stopTrino() {
        if (lake != null) {
            lake.close();
            assertThat(ProcessHandle.of(lake.server.pid()).map(ProcessHandle::isAlive).orElse(false)).as("Trino stopped").isFalse();
        }
    }

    static List<NamedQuery> servedQueries() {
        // every pack's queries for a month of the test lake's history (2025-01..2025-06), whole company and one region
        List<NamedQuery> queries = new ArrayList<>(ReportPacks.standard().queries(Period.month(2025, 3), Scope.company()));
        queries.addAll(ReportPacks.standard().queries(Period.month(2025, 3), Scope.regions("EAST")));
        // alerts active at a month's end depend on the market: none are at the end of March, one fires in June
        queries.addAll(new ReportPacks(List.of(ReportPacks.standard().get("risk"))).queries(Period.month(2025, 6), Scope.company()));
        queries.addAll(WebApp.queries());
        return queries;
    }

    @Test
    void everyServedQueryAnswersTheSameOnTrinoAndEmbedded() {
        try (MartQuery onTrino = TrinoEngine.open(lake.trino, ReadPoint.current());
                MartQuery onEmbedded = EmbeddedEngine.open(lake.embedded)) {
            Set<String> asked = new TreeSet<>();
            Set<String> answered = new TreeSet<>();
            for (NamedQuery query : servedQueries()) {
                QueryResult expected = onEmbedded.query(query.sql(), query.params());
                QueryResult actual = onTrino.query(query.sql(), query.params());
                assertThat(normalized(actual)).as(query.name()).isEqualTo(normalized(expected));
                assertThat(actual.snapshots()).as(query.name() + " snapshots").isEqualTo(expected.snapshots());
                String name = query.name().replaceAll(" \\[.*]$", "");
                asked.add(name);
                if (!expected.rows().isEmpty()) {
                    answered.add(name);
                }
            }
            // equal empty answers prove little: every query has rows for at least one of its periods and scopes
            assertThat(answered).as("queries answered with rows").containsExactlyElementsOf(asked);
        }
    }

    @Test
    void trinoReadsAnOlderSnapshotWhenPinned() {
        Map<String, Long> before;
        try (MartQuery onTrino = TrinoEngine.open(lake.trino, ReadPoint.current())) {
            before = onTrino.query("SELECT COUNT(*) FROM mart.sales_monthly").snapshots();
        }
        // --full: nothing changed in raw, so a plain transform would keep the mart at the snapshot pinned here
        assertThat(Main.run(lake.args("transform", "--full"))).isZero();
        try (MartQuery onTrino = TrinoEngine.open(lake.trino, ReadPoint.current());
                MartQuery pinned = TrinoEngine.open(lake.trino, ReadPoint.snapshots(before))) {
            QueryResult now = onTrino.query("SELECT SUM(revenue) FROM mart.sales_monthly");
            QueryResult then = pinned.query("SELECT SUM(revenue) FROM mart.sales_monthly");
            assertThat(now.snapshots().get("mart.sales_monthly")).isNotEqualTo(before.get("mart.sales_monthly"));
            assertThat(then.snapshots()).isEqualTo(before);
            assertThat((BigDecimal) then.rows().get(0).get(0)).isEqualByComparingTo((BigDecimal) now.rows().get(0).get(0));
        }
    }

    @Test
    void sqlCommandRunsOnTrino() {
        Captured run = Captured.run(lake.args("sql", "--engine", "trino", "--csv",
                "SELECT region_name FROM mart.sales_monthly WHERE region_code = ? GROUP BY region_name", "EAST"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("region_name\r\n华东\r\n");
    }

    /** Rows as text, decimals without trailing zeros: DuckDB and Trino may widen a SUM's precision differently. */
    private static List<List<String>> normalized(QueryResult result) {
        List<List<String>> rows = new ArrayList<>();
        for (List<Object> row : result.rows()) {
            List<String> cells = new ArrayList<>();
            for (Object value : row) {
                cells.add(value instanceof BigDecimal decimal ? decimal.stripTrailingZeros().toPlainString() : String.valueOf(value));
            }
            rows.add(cells);
        }
        return rows;
    }
}
