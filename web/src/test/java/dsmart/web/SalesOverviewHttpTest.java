package dsmart.web;

import static dsmart.web.TestUsers.ADMIN;
import static dsmart.web.TestUsers.AUDITOR;
import static dsmart.web.TestUsers.EXEC;
import static dsmart.web.TestUsers.HR;
import static dsmart.web.TestUsers.MANAGER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sales overview API over {@link SalesOverviewMart}. The expected figures are worked out by hand from its rows
 * (the sums are spelled out beside them); the region manager is {@link TestUsers#MANAGER} of NORTH (reps 3 and 4).
 */
class SalesOverviewHttpTest {
    static final List<String> ROUTES = List.of("/api/sales/kpis", "/api/sales/channel-mix", "/api/sales/top-reps",
            "/api/sales/top-customers", "/api/sales/funnel", "/api/sales/tiers");

    static Connection connection;
    static MartQuery mart;
    static WebApp app;
    static Sessions sessions;

    @BeforeAll
    static void start() throws Exception {
        connection = SalesMart.open();
        AppraisalMart.add(connection);
        SalesOverviewMart.add(connection);
        mart = new JdbcMartQuery(connection, SalesOverviewHttpTest::snapshots);
        app = WebApp.start(new WebConfig(0, TestUsers.all()).withThrottle(TestUsers.LENIENT), mart);
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

    /** Snapshot ids as a lake engine would report them: one per table, told apart by the table. */
    static Map<String, Long> snapshots(java.util.Set<String> tables) {
        Map<String, Long> ids = new java.util.TreeMap<>();
        List<String> known = List.of("mart.sales_monthly", "mart.sales_kpi", "mart.sales_funnel", "mart.customer_tier",
                "mart.customer_sales", "mart.rep_kpi_evidence", "mart.rep_scorecard_monthly");
        for (String table : tables) {
            if (known.contains(table)) {
                ids.put(table, 9_000_000_000_000_000_000L + known.indexOf(table));
            }
        }
        return ids;
    }

    static JsonNode get(String user, String path) {
        HttpResponse<String> response = sessions.as(user).get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return Http.json(response);
    }

    private static BigDecimal decimal(JsonNode node) {
        return node.isNull() ? null : node.decimalValue();
    }

    private static List<String> keys(JsonNode rows, String field) {
        List<String> keys = new ArrayList<>();
        rows.forEach(r -> keys.add(r.get(field).asText()));
        return keys;
    }

    @Test
    void kpisOfTheLatestYearToDateAgainstTheSameMonthsLastYearAndQuota() {
        JsonNode body = get(EXEC, "/api/sales/kpis");
        JsonNode kpis = body.get("kpis");

        assertThat(body.get("filter").get("from").asText()).isEqualTo("2025-01");
        assertThat(body.get("filter").get("to").asText()).isEqualTo("2025-03");
        assertThat(body.get("previous_period").get("from").asText()).isEqualTo("2024-01");
        assertThat(body.get("level").asText()).isEqualTo("company");
        // 2025: 10000.00 (Jan) + 23000.50 (Feb) + 23300.75 (Mar); 2024: 9000 + 13500 + 12500
        assertThat(decimal(kpis.get("net_sales").get("current"))).isEqualByComparingTo("56301.25");
        assertThat(decimal(kpis.get("net_sales").get("previous"))).isEqualByComparingTo("35000.00");
        assertThat(decimal(kpis.get("net_sales").get("change"))).isEqualByComparingTo("21301.25");
        assertThat(decimal(kpis.get("net_sales").get("change_rate"))).isEqualByComparingTo("0.6086"); // 21301.25 / 35000
        // 3000.00 + 6900.15 + 6840.08 against 2700 + 4050 + 3750
        assertThat(decimal(kpis.get("gross_profit").get("current"))).isEqualByComparingTo("16740.23");
        assertThat(decimal(kpis.get("gross_profit").get("previous"))).isEqualByComparingTo("10500.00");
        assertThat(kpis.get("orders").get("current").asLong()).isEqualTo(94); // 21 + 38 + 35
        assertThat(kpis.get("orders").get("previous").asLong()).isEqualTo(63); // 18 + 24 + 21
        assertThat(decimal(kpis.get("orders").get("change_rate"))).isEqualByComparingTo("0.4921"); // 31 / 63
        assertThat(kpis.get("new_customers").get("current").asLong()).isEqualTo(17); // 4 + 7 + 6
        assertThat(kpis.get("new_customers").get("previous").asLong()).isEqualTo(11); // 4 + 4 + 3
        assertThat(decimal(kpis.get("quota").get("current"))).isEqualByComparingTo("52000.00"); // 13000 + 19000 + 20000
        assertThat(decimal(kpis.get("completion_rate").get("current"))).isEqualByComparingTo("1.0827"); // 56301.25 / 52000
        assertThat(decimal(kpis.get("completion_rate").get("previous"))).isEqualByComparingTo("0.9459"); // 35000 / 37000
        assertThat(decimal(kpis.get("quota_gap"))).isEqualByComparingTo("-4301.25");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"from=2025-02, 2025-02, 2025-03", "to=2025-02, 2025-01, 2025-02",
            "from=2026-05, 2026-05, 2026-05", "from=2024-11&to=2025-01, 2024-11, 2025-01"})
    void anOpenEndOfThePeriodIsFilledFromTheLatestMonth(String query, String from, String to) {
        JsonNode filter = get(EXEC, "/api/sales/kpis?" + query).get("filter");

        assertThat(filter.get("from").asText() + " " + filter.get("to").asText()).isEqualTo(from + " " + to);
    }

    @Test
    void theTrendPutsEachMonthBesideTheSameMonthLastYear() {
        JsonNode trend = get(EXEC, "/api/sales/kpis?from=2025-01&to=2025-03").get("trend");

        Map<String, String> actual = new LinkedHashMap<>();
        trend.forEach(r -> actual.put(r.get("month").asText() + "/" + r.get("previous_month").asText(),
                decimal(r.get("net_sales")).toPlainString() + "/" + decimal(r.get("previous_net_sales")).toPlainString()));
        assertThat(actual).containsExactly(
                Map.entry("2025-01/2024-01", "10000.00/9000.00"),
                Map.entry("2025-02/2024-02", "23000.50/13500.00"),
                Map.entry("2025-03/2024-03", "23300.75/12500.00"));
    }

    @Test
    void aTeamReadsTheTeamRowsAndARegionTheRegionRows() {
        JsonNode team = get(EXEC, "/api/sales/kpis?team=10").get("kpis");
        JsonNode north = get(EXEC, "/api/sales/kpis?region=NORTH").get("kpis");

        // reps 1 and 2: 5000 + 8000.50 + 7000 and 1000 + 12000 + 7000.50
        assertThat(decimal(team.get("net_sales").get("current"))).isEqualByComparingTo("40001.00");
        // reps 3 and 4: 4000 + 3000 + 9500.25 and 0 + 0 − 200; 2024: 3000 + 2500 + 4500
        assertThat(decimal(north.get("net_sales").get("current"))).isEqualByComparingTo("16300.25");
        assertThat(decimal(north.get("net_sales").get("previous"))).isEqualByComparingTo("10000.00");
        assertThat(decimal(north.get("completion_rate").get("current"))).isEqualByComparingTo("1.0188"); // 16300.25 / 16000
    }

    @Test
    void aRegionManagerGetsTheirRegionsFiguresWithoutAsking() {
        JsonNode body = get(MANAGER, "/api/sales/kpis");

        assertThat(body.get("filter").get("region").asText()).isEqualTo("NORTH");
        assertThat(decimal(body.get("kpis").get("net_sales").get("current"))).isEqualByComparingTo("16300.25");
        assertThat(keys(get(MANAGER, "/api/sales/top-reps").get("rows"), "rep_id")).containsExactly("3", "4");
        assertThat(keys(get(MANAGER, "/api/sales/top-customers").get("rows"), "customer_id")).containsExactly("9005", "9004", "9006");
        assertThat(get(MANAGER, "/api/sales/funnel").get("steps").get(0).get("count").asLong()).isEqualTo(75); // 20 + 30 + 25
        assertThat(get(MANAGER, "/api/sales/tiers").get("customers").asLong()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/sales/kpis?region=EAST", "/api/sales/top-reps?region=EAST", "/api/sales/funnel?region=EAST",
            "/api/sales/tiers?region=EAST", "/api/sales/channel-mix?region=EAST", "/api/sales/top-customers?region=EAST"})
    void aRegionManagerIsRefusedAnotherRegion(String path) {
        assertThat(sessions.as(MANAGER).get(path).statusCode()).isEqualTo(403);
    }

    @Test
    void channelMixAddsTheDetailRowsOfThePeriodWithShares() {
        JsonNode channels = get(EXEC, "/api/sales/channel-mix?lang=en").get("channels");

        // online 2000 + 1000 + 12000 + 7000.50 + 9500.25; phone 3000 + 8000.50 + 3000 − 200; door 4000 + 7000 (2024 left out)
        assertThat(keys(channels, "channel")).containsExactly("online", "phone", "door_to_door");
        assertThat(decimal(channels.get(0).get("net_sales"))).isEqualByComparingTo("31500.75");
        assertThat(decimal(channels.get(1).get("net_sales"))).isEqualByComparingTo("13800.50");
        assertThat(decimal(channels.get(2).get("net_sales"))).isEqualByComparingTo("11000.00");
        assertThat(decimal(channels.get(0).get("share"))).isEqualByComparingTo("0.5595"); // 31500.75 / 56301.25 = 0.55950...
        assertThat(channels.get(2).get("channel_name").asText()).isEqualTo("Door to door");
    }

    @Test
    void topRepsAreOrderedByNetSalesWithTiesByRepId() {
        JsonNode rows = get(EXEC, "/api/sales/top-reps").get("rows");

        // 1 and 2 both 20000.50, then 3 with 16500.25, then 4 with −200.00
        assertThat(keys(rows, "rep_id")).containsExactly("1", "2", "3", "4");
        assertThat(keys(rows, "rep_name")).containsExactly("张伟", "李娜", "王强", "赵敏");
        assertThat(decimal(rows.get(0).get("net_sales"))).isEqualByComparingTo("20000.50");
        assertThat(decimal(rows.get(1).get("net_sales"))).isEqualByComparingTo("20000.50");
        assertThat(decimal(rows.get(0).get("completion_rate"))).isEqualByComparingTo("1.1111"); // 20000.50 / 18000
        assertThat(rows.get(3).get("completion_rate").isNull()).isFalse(); // −200 / 1000
        assertThat(decimal(rows.get(3).get("completion_rate"))).isEqualByComparingTo("-0.2000");
        assertThat(keys(get(EXEC, "/api/sales/top-reps?limit=1").get("rows"), "rep_id")).containsExactly("1");
        assertThat(keys(get(EXEC, "/api/sales/top-reps?team=20").get("rows"), "rep_id")).containsExactly("3", "4");
    }

    @Test
    void topCustomersAddOrdersLessReturnsWithTiesByCustomerId() {
        JsonNode rows = get(EXEC, "/api/sales/top-customers").get("rows");

        // 9001: 6000.50 + 12000; 9005: 9500.25; 9003: 3000 + 3500 and 9004: 6500 (tie); 9002: 2500 − 500; 9006: −200
        assertThat(keys(rows, "customer_id")).containsExactly("9001", "9005", "9003", "9004", "9002", "9006");
        assertThat(decimal(rows.get(0).get("net_sales"))).isEqualByComparingTo("18000.50");
        assertThat(decimal(rows.get(4).get("net_sales"))).isEqualByComparingTo("2000.00");
        assertThat(rows.get(0).get("orders").asLong()).isEqualTo(2);
        assertThat(rows.get(4).get("orders").asLong()).isEqualTo(1); // the return is no order
        assertThat(keys(get(EXEC, "/api/sales/top-customers?from=2024-01&to=2024-12").get("rows"), "customer_id"))
                .containsExactly("9006");
    }

    @Test
    void theFunnelSumsTheRollUpRowsAndConvertsStepByStep() {
        JsonNode body = get(EXEC, "/api/sales/funnel");
        JsonNode steps = body.get("steps");

        assertThat(keys(steps, "step")).containsExactly("leads", "prospects", "visited", "proposals", "contracts", "orders");
        List<Long> counts = new ArrayList<>();
        steps.forEach(s -> counts.add(s.get("count").asLong()));
        assertThat(counts).containsExactly(225L, 142L, 98L, 49L, 29L, 22L); // 60 + 80 + 85, ...
        assertThat(steps.get(0).get("rate").isNull()).isTrue();
        assertThat(decimal(steps.get(1).get("rate"))).isEqualByComparingTo("0.6311"); // 142 / 225
        assertThat(decimal(steps.get(3).get("rate"))).isEqualByComparingTo("0.5000"); // 49 / 98
        assertThat(decimal(steps.get(5).get("rate"))).isEqualByComparingTo("0.7586"); // 22 / 29
        assertThat(decimal(body.get("lead_to_order_rate"))).isEqualByComparingTo("0.0978"); // 22 / 225
    }

    @Test
    void theTierMixCountsCustomersAndTheirPurchasesPerTier() {
        JsonNode all = get(EXEC, "/api/sales/tiers");
        JsonNode north = get(EXEC, "/api/sales/tiers?region=NORTH");

        assertThat(all.get("month").asText()).isEqualTo("2025-03-01");
        assertThat(tierMix(all)).containsExactly("A 2 218000.00", "B 1 45000.50", "C 3 16000.25");
        assertThat(decimal(all.get("tiers").get(0).get("amount_share"))).isEqualByComparingTo("0.7814"); // 218000 / 279000.75
        assertThat(tierMix(north)).containsExactly("A 1 98000.00", "B 0 0.00", "C 2 8000.25");
    }

    private static List<String> tierMix(JsonNode body) {
        List<String> mix = new ArrayList<>();
        body.get("tiers").forEach(t -> mix.add(t.get("tier").asText() + " " + t.get("customers").asLong() + " "
                + decimal(t.get("amount_12m")).setScale(2).toPlainString()));
        return mix;
    }

    @Test
    void everyAnswerCarriesTheSnapshotsItRead() {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("/api/sales/kpis", List.of("mart.sales_kpi"));
        expected.put("/api/sales/channel-mix", List.of("mart.sales_kpi"));
        expected.put("/api/sales/top-reps", List.of("mart.rep_scorecard_monthly", "mart.sales_kpi"));
        expected.put("/api/sales/top-customers", List.of("mart.rep_kpi_evidence", "mart.sales_kpi")); // the latest month too
        expected.put("/api/sales/funnel", List.of("mart.sales_funnel", "mart.sales_kpi"));
        expected.put("/api/sales/tiers", List.of("mart.customer_tier"));
        expected.put("/api/sales/tiers?region=NORTH", List.of("mart.customer_sales", "mart.customer_tier", "mart.sales_monthly"));
        expected.forEach((route, tables) -> {
            JsonNode snapshots = get(EXEC, route).get("snapshots");
            List<String> names = new ArrayList<>();
            snapshots.fieldNames().forEachRemaining(names::add);
            assertThat(names).as(route).containsExactlyInAnyOrderElementsOf(tables);
            assertThat(snapshots.get("mart.customer_tier") == null ? snapshots.elements().next().asText()
                    : snapshots.get("mart.customer_tier").asText()).as(route).startsWith("900000000000000000");
        });
    }

    @Test
    void otherRolesAreRefused() {
        for (String user : List.of(HR, AUDITOR, ADMIN)) {
            for (String route : ROUTES) {
                assertThat(sessions.as(user).get(route).statusCode()).as(user + " " + route).isEqualTo(403);
            }
        }
        for (String route : ROUTES) {
            assertThat(new Http(app.port()).get(route).statusCode()).as(route).isEqualTo(401);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"from=2025-13", "from=2025-1", "to=2025-03'--", "from=2025-04&to=2025-01",
            "region=EAST'%20OR%20'1'='1", "region=" + "x%3B%20DROP%20TABLE%20mart.sales_kpi", "team=10%20OR%201=1", "team=-1",
            "team=abc", "limit=0", "limit=101", "limit=1;DELETE"})
    void badOrInjectedParametersAreAnswered400(String query) {
        for (String route : List.of("/api/sales/kpis", "/api/sales/top-reps", "/api/sales/top-customers", "/api/sales/channel-mix")) {
            if (query.startsWith("limit") && !route.contains("top-")) {
                continue; // limit is a parameter of the top lists only
            }
            HttpResponse<String> response = sessions.as(EXEC).get(route + "?" + query);
            assertThat(response.statusCode()).as(route + "?" + query + ": " + response.body()).isEqualTo(400);
            assertThat(Http.json(response).get("error").asText()).contains("parameter");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"from=2025-13", "to=x'%20OR%201=1", "region=EAST'--", "region=%E5%8D%8E%E4%B8%9C%3B", "region=all"})
    void theFunnelAndTiersCheckTheirFiltersToo(String query) {
        String route = query.startsWith("region") ? "/api/sales/tiers" : "/api/sales/funnel";
        assertThat(sessions.as(EXEC).get(route + "?" + query).statusCode()).isEqualTo(400);
        assertThat(sessions.as(EXEC).get("/api/sales/funnel?" + query).statusCode()).isEqualTo(400);
    }

    @Test
    void theNewRoutesAreInTheOpenApiDocumentWithTheirRoles() {
        JsonNode paths = get(EXEC, "/openapi.json").get("paths");

        for (String route : ROUTES) {
            assertThat(paths.has(route)).as(route).isTrue();
            assertThat(paths.get(route).get("get").get("x-roles").toString()).as(route).contains("EXECUTIVE", "REGION_MANAGER")
                    .doesNotContain("HR");
        }
    }
}
