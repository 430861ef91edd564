package dsmart.web;

import static dsmart.web.TestUsers.EXEC;
import static dsmart.web.TestUsers.HR;
import static dsmart.web.TestUsers.MANAGER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HR appraisal API over hand-made scorecard marts ({@link AppraisalMart}). */
class AppraisalHttpTest {
    @TempDir
    static Path dir;

    static Connection connection;
    static MartQuery mart;
    static WebApp app;
    static Sessions sessions;

    @BeforeAll
    static void start() throws Exception {
        connection = SalesMart.open();
        AppraisalMart.add(connection);
        mart = JdbcMartQuery.over(connection);
        app = WebApp.start(new WebConfig(0, TestUsers.all()).withThrottle(TestUsers.LENIENT).withAuditDir(dir.resolve("audit")), mart);
        sessions = new Sessions(app);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (mart != null) {
            mart.close();
        }
    }

    static Http as(String name) {
        return sessions.as(name);
    }

    private static List<String> reps(JsonNode body) {
        List<String> reps = new ArrayList<>();
        body.get("rows").forEach(r -> reps.add(r.get("rep_id").asText()));
        return reps;
    }

    private static List<String> expected(java.util.function.Predicate<AppraisalMart.Card> filter, Comparator<AppraisalMart.Card> order) {
        return AppraisalMart.CARDS.stream().filter(filter).sorted(order.thenComparing(AppraisalMart.Card::repId))
                .map(c -> String.valueOf(c.repId())).toList();
    }

    @Test
    void withoutAMonthTheLatestScoredMonthIsShownBestTotalScoreFirst() {
        JsonNode body = Http.json(as(HR).get("/api/appraisal/scorecards"));

        assertThat(body.get("month").asText()).isEqualTo(AppraisalMart.FEB.toString());
        assertThat(body.get("months")).extracting(JsonNode::asText).containsExactly("2025-02-01", "2025-01-01");
        assertThat(reps(body)).isEqualTo(expected(c -> c.month().equals(AppraisalMart.FEB),
                Comparator.comparing((AppraisalMart.Card c) -> new BigDecimal(c.totalScore())).reversed()));
        assertThat(body.has("snapshots")).isTrue();
    }

    @Test
    void scorecardsFilterByMonthLevelTeamAndRegionAndSortByAnyListedColumn() {
        assertThat(reps(Http.json(as(HR).get("/api/appraisal/scorecards?month=2025-01")))).containsExactly("1", "2");
        assertThat(reps(Http.json(as(HR).get("/api/appraisal/scorecards?month=2025-02&level=senior_rep"))))
                .isEqualTo(expected(c -> c.month().equals(AppraisalMart.FEB) && c.level().equals("senior_rep"),
                        Comparator.comparing((AppraisalMart.Card c) -> new BigDecimal(c.totalScore())).reversed()));
        assertThat(reps(Http.json(as(HR).get("/api/appraisal/scorecards?team=10&region=EAST")))).containsExactly("2", "1");
        assertThat(reps(Http.json(as(HR).get("/api/appraisal/scorecards?sort=net_sales&dir=asc"))))
                .isEqualTo(expected(c -> c.month().equals(AppraisalMart.FEB), Comparator.comparing(c -> new BigDecimal(c.netSales()))));
        assertThat(reps(Http.json(as(EXEC).get("/api/appraisal/scorecards?sort=rank_in_team"))))
                .isEqualTo(expected(c -> c.month().equals(AppraisalMart.FEB), Comparator.comparing(AppraisalMart.Card::rankInTeam)));
    }

    @Test
    void evidenceListsTheRowsBehindARepsKpisAndTheyAddUp() {
        JsonNode rows = Http.json(as(HR).get("/api/appraisal/evidence?month=2025-02&rep=1&kpi=sales")).get("rows");

        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode row : rows) {
            total = total.add(row.get("amount").decimalValue());
        }
        BigDecimal expected = AppraisalMart.EVIDENCE.stream().filter(e -> e.repId() == 1 && e.kpi().equals("sales"))
                .map(AppraisalMart::amountOf).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(rows).hasSize(3);
        assertThat(total).isEqualByComparingTo(expected);
        assertThat(Http.json(as(HR).get("/api/appraisal/evidence?month=2025-02&rep=1")).get("rows")).hasSize(AppraisalMart.EVIDENCE.size());
        assertThat(Http.json(as(HR).get("/api/appraisal/evidence?month=2025-02&rep=2")).get("rows")).isEmpty();
    }

    @Test
    void theAnnualScorecardNamesTheSalesChampion() {
        JsonNode rows = Http.json(as(HR).get("/api/appraisal/annual?year=2025")).get("rows");

        assertThat(rows).hasSize(2);
        List<String> champions = new ArrayList<>();
        rows.forEach(r -> {
            if (r.get("sales_champion").asBoolean()) {
                champions.add(r.get("rep_name").asText());
            }
        });
        assertThat(champions).containsExactly("李娜");
    }

    @Test
    void theExportIsCsvWithBomInTheSameOrderAndIsAudited() {
        HttpResponse<byte[]> response = as(HR).getBytes("/api/appraisal/export?month=2025-02&sort=net_sales&dir=desc");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"scorecards_2025-02.csv\"");
        String csv = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFmonth,rep_id,rep_name,");
        List<String> lines = List.of(csv.split("\r\n"));
        assertThat(lines).hasSize(1 + 4);
        assertThat(lines.get(1)).startsWith("2025-02-01,2,李娜,10,EAST,rep,").contains(",12000.00,");
        assertThat(app.audit().recent(e -> e.event().equals("export") && HR.equals(e.user()), 5)).isNotEmpty();
    }

    @Test
    void aRegionManagerIsRefusedTheAppraisal() {
        assertThat(as(MANAGER).get("/api/appraisal/scorecards").statusCode()).isEqualTo(403);
        assertThat(as(MANAGER).get("/appraisal").statusCode()).isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"month=2025-13", "month=2025-2", "level=boss", "team=10%20OR%201=1", "region=EAST'%20OR%20'1'='1",
            "sort=total_score;DROP%20TABLE%20x", "sort=password", "dir=sideways"})
    void badScorecardParametersAre400WithTheParameterNamed(String query) {
        HttpResponse<String> response = as(HR).get("/api/appraisal/scorecards?" + query);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).get("error").asText()).contains(query.substring(0, query.indexOf('=')));
    }

    @ParameterizedTest
    @ValueSource(strings = {"month=2025-02", "rep=1", "month=2025-02&rep=x1", "month=2025-02&rep=1&kpi=bonus"})
    void badEvidenceParametersAre400(String query) {
        assertThat(as(HR).get("/api/appraisal/evidence?" + query).statusCode()).isEqualTo(400);
    }

    @Test
    void csvCellsAreQuotedAndFormulasDefused() {
        assertThat(JsonRows.csvCell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(JsonRows.csvCell("上海, 华信")).isEqualTo("\"上海, 华信\"");
        assertThat(JsonRows.csvCell(new BigDecimal("-12.50"))).isEqualTo("-12.50");
        assertThat(JsonRows.csvCell(null)).isEmpty();
    }
}
