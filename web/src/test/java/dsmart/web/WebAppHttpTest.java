package dsmart.web;

import static dsmart.web.SalesMart.FEB;
import static dsmart.web.SalesMart.JAN;
import static dsmart.web.SalesMart.MAR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebAppHttpTest {
    static final String EXEC = "chen";
    static final String EXEC_PASSWORD = "收入-dashboard-1";
    static final String AUDITOR = "li.audit";
    static final String AUDITOR_PASSWORD = "audit-pass-2";

    static Connection connection;
    static MartQuery mart;
    static WebApp app;

    @BeforeAll
    static void start() throws Exception {
        connection = SalesMart.open();
        mart = JdbcMartQuery.over(connection);
        List<WebUser> users = List.of(
                new WebUser(EXEC, Role.EXECUTIVE, Passwords.hash(EXEC_PASSWORD.toCharArray())),
                new WebUser(AUDITOR, Role.AUDIT, Passwords.hash(AUDITOR_PASSWORD.toCharArray())));
        // an audit-only route, as later modules will add: the role check must answer 403 to other roles
        app = WebApp.start(new WebConfig(0, users), mart, routes -> {
            routes.get("/api/audit-check", ctx -> ctx.json(Map.of("audit", true)), Role.AUDIT);
            routes.get("/audit", ctx -> ctx.result("audit page"), Role.AUDIT);
        });
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

    static Http client() {
        return new Http(app.port());
    }

    static Http loggedIn(String name, String password) {
        Http http = client();
        assertThat(http.login(name, password).statusCode()).isEqualTo(303);
        return http;
    }

    @Test
    void healthAnswersOkWithoutLogin() {
        HttpResponse<String> response = client().get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
    }

    @Test
    void apiAnswers401JsonWithoutLogin() {
        HttpResponse<String> response = client().get("/api/sales-monthly");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(Http.json(response).get("error").asText()).isEqualTo("login required");
    }

    @Test
    void dashboardRedirectsToLoginWithoutLogin() {
        HttpResponse<String> response = client().get("/");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/login?next=/");
    }

    @Test
    void redirectToLoginKeepsTheRequestedQuery() {
        HttpResponse<String> response = client().get("/?channel=phone&from=2025-02");

        assertThat(response.headers().firstValue("Location"))
                .hasValue("/login?next=/%3Fchannel%3Dphone%26from%3D2025-02");
    }

    @Test
    void loginFormHasNameAndPasswordFields() {
        HttpResponse<String> response = client().get("/login?next=/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("name=\"name\"", "name=\"password\"", "用户名", "密码");
    }

    @Test
    void loginWithWrongPasswordAnswers401WithTheFormAndAnError() {
        HttpResponse<String> response = client().login(EXEC, "wrong-password");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("用户名或密码错误", "name=\"password\"");
    }

    @Test
    void loginWithUnknownUserAnswers401() {
        assertThat(client().login("nobody", EXEC_PASSWORD).statusCode()).isEqualTo(401);
    }

    @Test
    void failedLoginDoesNotOpenTheApi() {
        Http http = client();
        http.login(EXEC, "wrong-password");

        assertThat(http.get("/api/sales-monthly").statusCode()).isEqualTo(401);
    }

    @Test
    void loginWithRightPasswordRedirectsHomeAndOpensTheDashboard() {
        Http http = client();

        HttpResponse<String> login = http.login(EXEC, EXEC_PASSWORD);
        HttpResponse<String> page = http.get("/");

        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).hasValue("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("销售看板", "/webjars/echarts/5.5.0/echarts.min.js", EXEC);
    }

    @Test
    void loginRedirectsToALocalNext() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", EXEC);
        form.put("password", EXEC_PASSWORD);
        form.put("next", "/?channel=phone");

        HttpResponse<String> login = client().post("/login", form);

        assertThat(login.headers().firstValue("Location")).hasValue("/?channel=phone");
    }

    @ParameterizedTest
    @CsvSource({"//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"})
    void loginIgnoresANextThatLeavesTheServer(String next) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", EXEC);
        form.put("password", EXEC_PASSWORD);
        form.put("next", next);

        HttpResponse<String> login = client().post("/login", form);

        assertThat(login.headers().firstValue("Location")).hasValue("/");
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteLax() {
        HttpResponse<String> login = client().login(EXEC, EXEC_PASSWORD);

        assertThat(login.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie).containsIgnoringCase("HttpOnly")
                        .containsIgnoringCase("SameSite=Lax"));
    }

    @Test
    void logoutEndsTheSession() {
        Http http = loggedIn(EXEC, EXEC_PASSWORD);

        HttpResponse<String> logout = http.post("/logout", Map.of());

        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(http.get("/api/sales-monthly").statusCode()).isEqualTo(401);
    }

    @Test
    void apiAnswersRevenuePerMonthAndChannelSummedOverRegions() {
        JsonNode body = Http.json(loggedIn(EXEC, EXEC_PASSWORD).get("/api/sales-monthly"));

        Map<String, BigDecimal> expected = new LinkedHashMap<>();
        for (LocalDate month : SalesMart.MONTHS) {
            for (String channel : SalesMart.CHANNELS) {
                expected.put(month + " " + channel, SalesMart.revenue(month, channel));
            }
        }
        assertThat(revenueByMonthAndChannel(body)).isEqualTo(expected);
    }

    @Test
    void apiKeepsTheScaleOfDecimals() {
        HttpResponse<String> response = loggedIn(EXEC, EXEC_PASSWORD).get("/api/sales-monthly?channel=door_to_door&to=2025-01");
        // EAST 15000.00 + NORTH 11999.99: a JSON number with both decimals, not 2.699999E4 or a string
        BigDecimal expected = SalesMart.revenue(s -> s.month().equals(JAN) && s.channel().equals("door_to_door"));

        assertThat(response.body()).contains("\"revenue\":" + expected.toPlainString());
    }

    @Test
    void apiAnswersMonthsAsIsoDates() {
        JsonNode rows = Http.json(loggedIn(EXEC, EXEC_PASSWORD).get("/api/sales-monthly")).get("rows");

        assertThat(rows.get(0).get("month").asText()).isEqualTo("2025-01-01");
    }

    @Test
    void apiTotalsPerChannelMatchTheInsertedRows() {
        JsonNode totals = Http.json(loggedIn(EXEC, EXEC_PASSWORD).get("/api/sales-monthly")).get("totals");

        Map<String, BigDecimal> actual = new LinkedHashMap<>();
        totals.forEach(t -> actual.put(t.get("channel").asText(), t.get("revenue").decimalValue()));
        Map<String, BigDecimal> expected = new LinkedHashMap<>();
        for (String channel : SalesMart.CHANNELS) {
            expected.put(channel, SalesMart.revenue(s -> s.channel().equals(channel)));
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void apiTotalsCountOrdersPerChannel() {
        JsonNode totals = Http.json(loggedIn(EXEC, EXEC_PASSWORD).get("/api/sales-monthly?channel=online")).get("totals");

        long expected = SalesMart.ROWS.stream().filter(s -> s.channel().equals("online"))
                .mapToLong(SalesMart.Sale::orders).sum();
        assertThat(totals).hasSize(1);
        assertThat(totals.get(0).get("orders").asLong()).isEqualTo(expected);
    }

    @Test
    void apiFiltersByChannel() {
        JsonNode body = Http.json(loggedIn(EXEC, EXEC_PASSWORD).get("/api/sales-monthly?channel=phone"));

        Map<String, BigDecimal> expected = new LinkedHashMap<>();
        for (LocalDate month : SalesMart.MONTHS) {
            expected.put(month + " phone", SalesMart.revenue(month, "phone"));
        }
        assertThat(revenueByMonthAndChannel(body)).isEqualTo(expected);
    }

    @Test
    void apiFiltersByFromAndTo() {
        JsonNode body = Http.json(loggedIn(EXEC, EXEC_PASSWORD).get("/api/sales-monthly?from=2025-02&to=2025-02"));

        Map<String, BigDecimal> expected = new LinkedHashMap<>();
        for (String channel : SalesMart.CHANNELS) {
            expected.put(FEB + " " + channel, SalesMart.revenue(FEB, channel));
        }
        assertThat(revenueByMonthAndChannel(body)).isEqualTo(expected);
    }

    @Test
    void apiFromAloneKeepsLaterMonths() {
        JsonNode body = Http.json(loggedIn(EXEC, EXEC_PASSWORD).get("/api/sales-monthly?from=2025-03"));

        assertThat(revenueByMonthAndChannel(body).keySet()).allSatisfy(key -> assertThat(key).startsWith(MAR.toString()));
        assertThat(revenueByMonthAndChannel(body)).hasSize(3);
    }

    @Test
    void apiFiltersByRegion() {
        JsonNode body = Http.json(loggedIn(EXEC, EXEC_PASSWORD).get("/api/sales-monthly?region=NORTH&channel=online"));

        Map<String, BigDecimal> expected = new LinkedHashMap<>();
        for (LocalDate month : SalesMart.MONTHS) {
            expected.put(month + " online", SalesMart.revenue(
                    s -> s.month().equals(month) && s.channel().equals("online") && s.regionCode().equals("NORTH")));
        }
        assertThat(revenueByMonthAndChannel(body)).isEqualTo(expected);
    }

    @Test
    void apiAnswersSnapshotsAsAnObject() {
        JsonNode body = Http.json(loggedIn(EXEC, EXEC_PASSWORD).get("/api/sales-monthly"));

        assertThat(body.get("snapshots").isObject()).isTrue();
    }

    @Test
    void regionsApiListsTheRegionsWithTheirNames() {
        JsonNode regions = Http.json(loggedIn(EXEC, EXEC_PASSWORD).get("/api/regions")).get("regions");

        List<String> actual = new ArrayList<>();
        regions.forEach(r -> actual.add(r.get("code").asText() + "=" + r.get("name").asText()));
        assertThat(actual).containsExactly("EAST=华东", "NORTH=华北");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "from=2025-13            | from | 2025-13",
            "to=2025-1               | to   | 2025-1",
            "from=March              | from | March",
            "from=2025-03&to=2025-01 | from | 2025-03",
            "channel=fax             | channel | fax",
            "region=EAST%3BDROP      | region | EAST;DROP",
            "region=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456 | region | ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"})
    void badParameterAnswers400NamingTheParameterAndTheValue(String query, String parameter, String value) {
        HttpResponse<String> response = loggedIn(EXEC, EXEC_PASSWORD).get("/api/sales-monthly?" + query);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).get("error").asText()).contains(parameter).contains(value);
    }

    @Test
    void routeForAnotherRoleAnswers403() {
        HttpResponse<String> response = loggedIn(EXEC, EXEC_PASSWORD).get("/api/audit-check");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Http.json(response).get("error").asText()).contains("EXECUTIVE");
    }

    @Test
    void pageForAnotherRoleAnswers403() {
        assertThat(loggedIn(EXEC, EXEC_PASSWORD).get("/audit").statusCode()).isEqualTo(403);
    }

    @Test
    void routeForARoleAdmitsAUserWithThatRole() {
        HttpResponse<String> response = loggedIn(AUDITOR, AUDITOR_PASSWORD).get("/api/audit-check");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void everyRoleSeesTheSalesDashboard() {
        assertThat(loggedIn(AUDITOR, AUDITOR_PASSWORD).get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void echartsIsServedFromTheWebJar() {
        HttpResponse<String> response = client().get("/webjars/echarts/5.5.0/echarts.min.js");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("echarts");
    }

    @Test
    void pagesForbidFramingAndForeignScripts() {
        HttpResponse<String> response = client().get("/login");

        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'"));
    }

    /** "2025-01-01 phone" → revenue, in the order the API answers. */
    private static Map<String, BigDecimal> revenueByMonthAndChannel(JsonNode body) {
        Map<String, BigDecimal> map = new LinkedHashMap<>();
        body.get("rows").forEach(row -> map.put(row.get("month").asText() + " " + row.get("channel").asText(),
                row.get("revenue").decimalValue()));
        return map;
    }
}
