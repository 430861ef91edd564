package dsmart.web;

import static dsmart.web.TestUsers.EXEC;
import static dsmart.web.TestUsers.HR;
import static dsmart.web.TestUsers.MANAGER;
import static dsmart.web.TestUsers.MANAGER_REGION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The risk API over hand-made risk marts ({@link RiskMart}); region managers get their region only. */
class RiskHttpTest {
    static Connection connection;
    static MartQuery mart;
    static WebApp app;
    static Sessions sessions;

    @org.junit.jupiter.api.io.TempDir
    static java.nio.file.Path dir;

    @BeforeAll
    static void start() throws Exception {
        connection = SalesMart.open();
        RiskMart.add(connection);
        mart = JdbcMartQuery.over(connection);
        app = WebApp.start(new WebConfig(0, TestUsers.all()).withThrottle(TestUsers.LENIENT).withAlertAckFile(dir.resolve("acks.csv")), mart);
        sessions = new Sessions(app);
    }

    private static HttpResponse<String> acknowledge(String user, String json) {
        Http http = as(user);
        return http.postJson("/api/risk/alerts/ack", json, Map.of("X-CSRF-Token", http.sessionToken()));
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

    private static Map<String, BigDecimal> bucketsOf(String asOf, String region) {
        Map<String, BigDecimal> buckets = new TreeMap<>();
        RiskMart.AGEING.stream().filter(a -> a.asOf().equals(asOf) && (region == null || a.region().equals(region)))
                .forEach(a -> buckets.merge(a.bucketNo() + " " + a.bucket(), a.value(), BigDecimal::add));
        return buckets;
    }

    private static Map<String, BigDecimal> buckets(JsonNode body) {
        Map<String, BigDecimal> buckets = new TreeMap<>();
        body.get("buckets").forEach(b -> buckets.put(b.get("bucket_no").asInt() + " " + b.get("bucket").asText(), b.get("amount").decimalValue()));
        return buckets;
    }

    @Test
    void ageingDefaultsToTheLatestAsOfDateAndReconcilesToTheOutstanding() {
        JsonNode body = Http.json(as(EXEC).get("/api/risk/ageing"));

        assertThat(body.get("as_of").asText()).isEqualTo("2025-02-28");
        assertThat(buckets(body)).isEqualTo(bucketsOf("2025-02-28", null));
        BigDecimal outstanding = new BigDecimal("2000.55").add(new BigDecimal("950.00")); // the two customers' totals
        assertThat(body.get("reconciliation").get("outstanding").decimalValue()).isEqualByComparingTo(outstanding);
        assertThat(body.get("reconciliation").get("reconciled").asBoolean()).isTrue();
        assertThat(body.get("as_of_dates")).extracting(JsonNode::asText).containsExactly("2025-02-28", "2025-01-31");
    }

    @Test
    void ageingOfAnEarlierDateAndOneRegion() {
        JsonNode body = Http.json(as(EXEC).get("/api/risk/ageing?as_of=2025-01-31&region=EAST"));

        assertThat(buckets(body)).isEqualTo(bucketsOf("2025-01-31", "EAST"));
        assertThat(body.get("reconciliation").get("outstanding").decimalValue()).isEqualByComparingTo("1500.00");
    }

    @Test
    void aRegionManagerSeesOnlyTheirRegionAndIsRefusedAnother() {
        JsonNode body = Http.json(as(MANAGER).get("/api/risk/ageing"));

        assertThat(body.get("region").asText()).isEqualTo(MANAGER_REGION);
        assertThat(buckets(body)).isEqualTo(bucketsOf("2025-02-28", MANAGER_REGION));
        List<String> breached = new ArrayList<>();
        Http.json(as(MANAGER).get("/api/risk/credit-breaches")).get("rows").forEach(r -> breached.add(r.get("region_code").asText()));
        assertThat(breached).isNotEmpty().containsOnly(MANAGER_REGION);
        List<String> alerts = new ArrayList<>();
        Http.json(as(MANAGER).get("/api/risk/alerts?all=true")).get("rows").forEach(r -> alerts.add(r.get("dimension_value").asText()));
        assertThat(alerts).containsExactly(MANAGER_REGION);
        assertThat(as(MANAGER).get("/api/risk/ageing?region=EAST").statusCode()).isEqualTo(403);
    }

    @Test
    void theOverdueTrendAddsThePastDueBucketsPerAsOfDate() {
        JsonNode rows = Http.json(as(EXEC).get("/api/risk/overdue-trend")).get("rows");

        assertThat(rows).hasSize(2);
        for (JsonNode row : rows) {
            String asOf = row.get("as_of_date").asText();
            BigDecimal overdue = RiskMart.AGEING.stream().filter(a -> a.asOf().equals(asOf) && a.bucketNo() > 0)
                    .map(RiskMart.Aged::value).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(row.get("overdue").decimalValue()).as(asOf).isEqualByComparingTo(overdue);
        }
    }

    @Test
    void creditBreachesListTheCustomersOverTheirLimitLargestExcessFirst() {
        List<String> customers = new ArrayList<>();
        Http.json(as(EXEC).get("/api/risk/credit-breaches")).get("rows").forEach(r -> customers.add(r.get("customer_id").asText()));

        assertThat(customers).containsExactly("1", "3", "2"); // excess 1000.55, 300.00, then an override-less order at 0 excess
    }

    @Test
    void provisionIsTheCompanysOrARegionsCustomersSum() {
        assertThat(Http.json(as(EXEC).get("/api/risk/provision")).get("rows").get(0).get("provision").decimalValue())
                .isEqualByComparingTo("185.06");
        assertThat(Http.json(as(EXEC).get("/api/risk/provision?region=NORTH")).get("rows").get(0).get("provision").decimalValue())
                .isEqualByComparingTo("57.00");
    }

    @Test
    void currentAlertsArePendingOrFiringMostSevereFirst() {
        List<String> alerts = new ArrayList<>();
        Http.json(as(EXEC).get("/api/risk/alerts")).get("rows").forEach(r -> alerts.add(r.get("state").asText()));

        assertThat(alerts).containsExactly("firing", "pending");
    }

    @Test
    void anAcknowledgementIsWrittenShownAtOnceAndAudited() {
        HttpResponse<String> response = acknowledge(EXEC, "{\"alert_id\": \"returns:家电:2025-02-01\", \"note\": \"采购已跟进\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(dsmart.lake.AlertAcks.at(dir.resolve("acks.csv")).all()).anySatisfy(ack -> {
            assertThat(ack.alertId()).isEqualTo("returns:家电:2025-02-01");
            assertThat(ack.acknowledgedBy()).isEqualTo(EXEC);
            assertThat(ack.note()).isEqualTo("采购已跟进");
        });
        Map<String, String> ackedBy = new HashMap<>();
        Http.json(as(EXEC).get("/api/risk/alerts")).get("rows").forEach(r -> ackedBy.put(r.get("alert_id").asText(), r.get("acknowledged_by").asText()));
        assertThat(ackedBy).containsEntry("returns:家电:2025-02-01", EXEC);
        assertThat(app.audit().recent(e -> e.event().equals("alert_ack") && EXEC.equals(e.user()), 5)).isNotEmpty();
    }

    @Test
    void acknowledgingNeedsTheCsrfTokenAKnownAlertAndTheUsersScope() {
        assertThat(as(EXEC).postJson("/api/risk/alerts/ack", "{\"alert_id\": \"returns:家电:2025-02-01\"}", Map.of()).statusCode())
                .isEqualTo(403);
        assertThat(acknowledge(EXEC, "{\"alert_id\": \"nope\"}").statusCode()).isEqualTo(400);
        assertThat(acknowledge(EXEC, "{\"note\": \"x\"}").statusCode()).isEqualTo(400);
        assertThat(acknowledge(EXEC, "not json").statusCode()).isEqualTo(400);
        assertThat(acknowledge(MANAGER, "{\"alert_id\": \"sales_drop:EAST:2025-02-01\"}").statusCode()).isEqualTo(403);
        assertThat(acknowledge(HR, "{\"alert_id\": \"sales_drop:EAST:2025-02-01\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void hrIsRefusedTheRiskPage() {
        assertThat(as(HR).get("/risk").statusCode()).isEqualTo(403);
        assertThat(as(HR).get("/api/risk/ageing").statusCode()).isEqualTo(403);
        assertThat(as(EXEC).get("/risk").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/risk/ageing?as_of=2025-02-30", "/api/risk/ageing?as_of=28.02.2025", "/api/risk/ageing?region=EAST%27--",
            "/api/risk/credit-breaches?limit=0", "/api/risk/alerts?all=yes", "/api/risk/overdue-trend?region=%27%20OR%201=1"})
    void badParametersAre400(String path) {
        assertThat(as(EXEC).get(path).statusCode()).isEqualTo(400);
    }
}
