package dsmart.web;

import static dsmart.web.SalesMart.FEB;
import static dsmart.web.SalesMart.JAN;
import static dsmart.web.SalesMart.MAR;
import static dsmart.web.TestUsers.ADMIN;
import static dsmart.web.TestUsers.AUDITOR;
import static dsmart.web.TestUsers.EXEC;
import static dsmart.web.TestUsers.EXEC_PASSWORD;
import static dsmart.web.TestUsers.HR;
import static dsmart.web.TestUsers.MANAGER;
import static dsmart.web.TestUsers.MANAGER_REGION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The app over HTTP: login, roles, scope, the sales API, languages, OpenAPI. */
class WebAppHttpTest {
    @TempDir
    static Path dir;

    static Connection connection;
    static MartQuery mart;
    static WebApp app;
    static Sessions sessions;

    @BeforeAll
    static void start() throws Exception {
        connection = SalesMart.open();
        SalesMart.addRuns(connection);
        mart = new JdbcMartQuery(connection, SalesMart::snapshots);
        WebConfig config = new WebConfig(0, TestUsers.all()).withThrottle(TestUsers.LENIENT)
                .withAuditDir(dir.resolve("audit")).withReportsDir(dir.resolve("reports"));
        app = WebApp.start(config, mart, routes -> {
            // a route as a page in the making would add it: declared with roles, so guarded and documented
            routes.get("/api/audit-check").summary("test: audit only").roles(Role.AUDIT).api(ctx -> ctx.json(Map.of("audit", true)));
        });
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

    static Http client() {
        return new Http(app.port());
    }

    /** A logged-in client per user, shared by the tests that only read. */
    static Http as(String name) {
        return sessions.as(name);
    }

    @Test
    void healthAnswersOkWithoutLogin() {
        HttpResponse<String> response = client().get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
    }

    @Test
    void everyNonPublicRouteAnswers401OrRedirectsWithoutLogin() {
        for (WebRoute route : app.registry().routes()) {
            if (route.isPublic() || !route.method().name().equals("GET")) {
                continue;
            }
            HttpResponse<String> response = client().get(route.path());
            if (route.path().startsWith("/api/") || route.path().equals("/openapi.json")) {
                assertThat(response.statusCode()).as(route.key()).isEqualTo(401);
                assertThat(Http.json(response).get("error").asText()).isEqualTo("login required");
            } else {
                assertThat(response.statusCode()).as(route.key()).isEqualTo(302);
                assertThat(response.headers().firstValue("Location")).as(route.key()).hasValueSatisfying(
                        l -> assertThat(l).startsWith("/login?next="));
            }
        }
    }

    @Test
    void apiAnswers401JsonWithoutLogin() {
        HttpResponse<String> response = client().get("/api/sales-monthly");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
    }

    @Test
    void homeRedirectsToLoginWithoutLogin() {
        HttpResponse<String> response = client().get("/");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/login?next=/");
    }

    @Test
    void redirectToLoginKeepsTheRequestedQuery() {
        HttpResponse<String> response = client().get("/sales?channel=phone&from=2025-02");

        assertThat(response.headers().firstValue("Location"))
                .hasValue("/login?next=/sales%3Fchannel%3Dphone%26from%3D2025-02");
    }

    @Test
    void loginFormHasNameAndPasswordFieldsAndACsrfToken() {
        HttpResponse<String> response = client().get("/login?next=/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("name=\"name\"", "name=\"password\"", "name=\"_csrf\"", "用户名", "密码");
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
    void loginRedirectsHomeAndHomeToTheRolesFirstPage() {
        Http http = client();

        HttpResponse<String> login = http.login(EXEC, EXEC_PASSWORD);
        HttpResponse<String> home = http.get("/");
        HttpResponse<String> page = http.get("/sales");

        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).hasValue("/");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).hasValue("/sales");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("销售概览", "/webjars/echarts/5.5.0/echarts.min.js", EXEC,
                "<meta name=\"csrf-token\"", "id=\"freshness\"");
    }

    @ParameterizedTest
    @CsvSource({"zhao.north, /sales", "wu.hr, /appraisal", "li.audit, /audit", "ma.admin, /pipeline"})
    void homeLeadsEachRoleToItsMainPage(String user, String page) {
        assertThat(as(user).get("/").headers().firstValue("Location")).hasValue(page);
    }

    @Test
    void loginRedirectsToALocalNext() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", EXEC);
        form.put("password", EXEC_PASSWORD);
        form.put("next", "/sales?channel=phone");

        HttpResponse<String> login = client().loginForm(form);

        assertThat(login.headers().firstValue("Location")).hasValue("/sales?channel=phone");
    }

    @ParameterizedTest
    @CsvSource({"//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"})
    void loginIgnoresANextThatLeavesTheServer(String next) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", EXEC);
        form.put("password", EXEC_PASSWORD);
        form.put("next", next);

        HttpResponse<String> login = client().loginForm(form);

        assertThat(login.headers().firstValue("Location")).hasValue("/");
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteLaxAndChangesAtLogin() {
        Http http = client();
        HttpResponse<String> form = http.get("/login");
        HttpResponse<String> login = http.login(EXEC, EXEC_PASSWORD);

        String before = sessionId(form);
        String after = sessionId(login);
        assertThat(login.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie).startsWith("DSMART_SESSION=").containsIgnoringCase("HttpOnly")
                        .containsIgnoringCase("SameSite=Lax"));
        assertThat(after).isNotEqualTo(before);
    }

    private static String sessionId(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("DSMART_SESSION="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse("");
    }

    @Test
    void logoutEndsTheSession() {
        Http http = client();
        http.login(EXEC, EXEC_PASSWORD);

        HttpResponse<String> logout = http.post("/logout", Map.of("_csrf", http.sessionToken()));

        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(http.get("/api/sales-monthly").statusCode()).isEqualTo(401);
    }

    @Test
    void apiAnswersRevenuePerMonthAndChannelSummedOverRegions() {
        JsonNode body = Http.json(as(EXEC).get("/api/sales-monthly"));

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
        HttpResponse<String> response = as(EXEC).get("/api/sales-monthly?channel=door_to_door&to=2025-01");
        // EAST 15000.00 + NORTH 11999.99: a JSON number with both decimals, not 2.699999E4 or a string
        BigDecimal expected = SalesMart.revenue(s -> s.month().equals(JAN) && s.channel().equals("door_to_door"));

        assertThat(response.body()).contains("\"revenue\":" + expected.toPlainString());
    }

    @Test
    void apiAnswersMonthsAsIsoDates() {
        JsonNode rows = Http.json(as(EXEC).get("/api/sales-monthly")).get("rows");

        assertThat(rows.get(0).get("month").asText()).isEqualTo("2025-01-01");
    }

    @Test
    void apiTotalsPerChannelMatchTheInsertedRows() {
        JsonNode totals = Http.json(as(EXEC).get("/api/sales-monthly")).get("totals");

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
        JsonNode totals = Http.json(as(EXEC).get("/api/sales-monthly?channel=online")).get("totals");

        long expected = SalesMart.ROWS.stream().filter(s -> s.channel().equals("online"))
                .mapToLong(SalesMart.Sale::orders).sum();
        assertThat(totals).hasSize(1);
        assertThat(totals.get(0).get("orders").asLong()).isEqualTo(expected);
    }

    @Test
    void apiFiltersByChannel() {
        JsonNode body = Http.json(as(EXEC).get("/api/sales-monthly?channel=phone"));

        Map<String, BigDecimal> expected = new LinkedHashMap<>();
        for (LocalDate month : SalesMart.MONTHS) {
            expected.put(month + " phone", SalesMart.revenue(month, "phone"));
        }
        assertThat(revenueByMonthAndChannel(body)).isEqualTo(expected);
    }

    @Test
    void apiFiltersByFromAndTo() {
        JsonNode body = Http.json(as(EXEC).get("/api/sales-monthly?from=2025-02&to=2025-02"));

        Map<String, BigDecimal> expected = new LinkedHashMap<>();
        for (String channel : SalesMart.CHANNELS) {
            expected.put(FEB + " " + channel, SalesMart.revenue(FEB, channel));
        }
        assertThat(revenueByMonthAndChannel(body)).isEqualTo(expected);
    }

    @Test
    void apiFromAloneKeepsLaterMonths() {
        JsonNode body = Http.json(as(EXEC).get("/api/sales-monthly?from=2025-03"));

        assertThat(revenueByMonthAndChannel(body).keySet()).allSatisfy(key -> assertThat(key).startsWith(MAR.toString()));
        assertThat(revenueByMonthAndChannel(body)).hasSize(3);
    }

    @Test
    void apiFiltersByRegion() {
        JsonNode body = Http.json(as(EXEC).get("/api/sales-monthly?region=NORTH&channel=online"));

        Map<String, BigDecimal> expected = new LinkedHashMap<>();
        for (LocalDate month : SalesMart.MONTHS) {
            expected.put(month + " online", SalesMart.revenue(month, "online", "NORTH"));
        }
        assertThat(revenueByMonthAndChannel(body)).isEqualTo(expected);
    }

    @Test
    void answersCarryTheSnapshotIdsAndWhenTheyWereCommitted() {
        JsonNode body = Http.json(as(EXEC).get("/api/sales-monthly"));

        // as text: a 64-bit id must reach JavaScript with every digit
        assertThat(body.get("snapshots").get("mart.sales_monthly").isTextual()).isTrue();
        assertThat(body.get("snapshots").get("mart.sales_monthly").asText()).isEqualTo(String.valueOf(SalesMart.SALES_SNAPSHOT));
        assertThat(body.get("data_as_of").get("mart.sales_monthly").asText()).isEqualTo(SalesMart.SALES_COMMITTED);
    }

    @Test
    void regionsApiListsTheRegionsWithTheirNames() {
        JsonNode regions = Http.json(as(EXEC).get("/api/regions")).get("regions");

        List<String> actual = new ArrayList<>();
        regions.forEach(r -> actual.add(r.get("code").asText() + "=" + r.get("name").asText()));
        assertThat(actual).containsExactly("EAST=华东", "NORTH=华北");
    }

    // --- region manager: the scope is applied in the query ---

    @Test
    void regionManagerSeesOnlyTheirRegionsFigures() {
        JsonNode body = Http.json(as(MANAGER).get("/api/sales-monthly"));

        Map<String, BigDecimal> expected = new LinkedHashMap<>();
        for (LocalDate month : SalesMart.MONTHS) {
            for (String channel : SalesMart.CHANNELS) {
                expected.put(month + " " + channel, SalesMart.revenue(month, channel, MANAGER_REGION));
            }
        }
        assertThat(revenueByMonthAndChannel(body)).isEqualTo(expected);
        assertThat(body.get("filter").get("region").asText()).isEqualTo(MANAGER_REGION);
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode t : body.get("totals")) {
            total = total.add(t.get("revenue").decimalValue());
        }
        assertThat(total).isEqualByComparingTo(SalesMart.revenue(s -> s.regionCode().equals(MANAGER_REGION)));
    }

    @Test
    void regionManagerAskingForTheirOwnRegionGetsIt() {
        JsonNode body = Http.json(as(MANAGER).get("/api/sales-monthly?region=NORTH&channel=phone"));

        assertThat(revenueByMonthAndChannel(body).get(JAN + " phone")).isEqualByComparingTo(SalesMart.revenue(JAN, "phone", "NORTH"));
    }

    @Test
    void regionManagerAskingForAnotherRegionIsRefused() {
        HttpResponse<String> response = as(MANAGER).get("/api/sales-monthly?region=EAST");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Http.json(response).get("error").asText()).contains("region=EAST", "NORTH");
    }

    @Test
    void regionManagerSeesOnlyTheirRegionInTheFilter() {
        JsonNode regions = Http.json(as(MANAGER).get("/api/regions")).get("regions");

        assertThat(regions).hasSize(1);
        assertThat(regions.get(0).get("code").asText()).isEqualTo(MANAGER_REGION);
    }

    // --- bad parameters and injection attempts ---

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
        HttpResponse<String> response = as(EXEC).get("/api/sales-monthly?" + query);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).get("error").asText()).contains(parameter).contains(value);
    }

    static final String[] INJECTIONS = {"' OR '1'='1", "EAST' OR '1'='1' --", "2025-01'; DROP TABLE mart.sales_monthly; --",
            "phone' UNION SELECT * FROM ops.runs --", "1) OR (1=1", "\" OR \"\"=\"", "%' OR 1=1 --"};

    @ParameterizedTest
    @ValueSource(strings = {"from", "to", "region", "channel"})
    void injectionInASalesFilterIsRefusedAndChangesNothing(String parameter) {
        for (String attack : INJECTIONS) {
            for (String user : List.of(EXEC, MANAGER)) {
                HttpResponse<String> response = as(user).get("/api/sales-monthly?" + parameter + "=" + Http.enc(attack));
                assertThat(response.statusCode()).as(parameter + "=" + attack).isEqualTo(400);
                assertThat(Http.json(response).get("error").asText()).as(attack).startsWith("parameter " + parameter + "=")
                        .doesNotContain("query failed", "[sql:", "could not be read");
            }
        }
        // the mart is intact and still answers the figures inserted
        assertThat(revenueByMonthAndChannel(Http.json(as(EXEC).get("/api/sales-monthly")))).hasSize(9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stage", "status", "target"})
    void injectionInAPipelineFilterIsBoundAndFindsNothing(String parameter) {
        for (String attack : INJECTIONS) {
            HttpResponse<String> response = as(ADMIN).get("/api/pipeline/runs?" + parameter + "=" + Http.enc(attack));
            assertThat(response.statusCode()).as(parameter + "=" + attack).isEqualTo(200);
            assertThat(Http.json(response).get("runs")).as(attack).isEmpty();
        }
        assertThat(Http.json(as(ADMIN).get("/api/pipeline/runs")).get("runs")).hasSize(SalesMart.RUNS.size());
    }

    @Test
    void injectionInLimitIsRefused() {
        for (String attack : INJECTIONS) {
            HttpResponse<String> response = as(ADMIN).get("/api/pipeline/runs?limit=" + Http.enc("5 " + attack));
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(Http.json(response).get("error").asText()).startsWith("parameter limit=");
        }
    }

    @Test
    void injectionInAuditLogFiltersFindsNothingOrIsRefused() {
        for (String attack : INJECTIONS) {
            HttpResponse<String> byUser = as(AUDITOR).get("/api/audit-log?user=" + Http.enc(attack));
            assertThat(byUser.statusCode()).isEqualTo(200);
            assertThat(Http.json(byUser).get("events")).isEmpty();
            for (String parameter : List.of("event", "outcome", "from", "to", "limit")) {
                HttpResponse<String> response = as(AUDITOR).get("/api/audit-log?" + parameter + "=" + Http.enc(attack));
                assertThat(response.statusCode()).as(parameter + "=" + attack).isEqualTo(400);
                assertThat(Http.json(response).get("error").asText()).startsWith("parameter " + parameter + "=");
            }
        }
    }

    // --- roles: every page and API for every role ---

    @ParameterizedTest
    @CsvSource({
            // user,      /sales, /pipeline, /audit-log, /downloads, /appraisal
            "chen,        200,    403,       403,        200,        200",
            "zhao.north,  200,    403,       403,        403,        403",
            "wu.hr,       403,    403,       403,        200,        200",
            "li.audit,    403,    403,       200,        200,        403",
            "ma.admin,    403,    200,       200,        403,        403"})
    void eachRoleSeesItsPagesAndIsRefusedTheOthers(String user, int sales, int pipeline, int auditLog, int downloads, int appraisal) {
        Http http = as(user);
        assertThat(http.get("/appraisal").statusCode()).as("/appraisal").isEqualTo(appraisal);
        assertThat(http.get("/sales").statusCode()).as("/sales").isEqualTo(sales);
        assertThat(http.get("/pipeline").statusCode()).as("/pipeline").isEqualTo(pipeline);
        assertThat(http.get("/audit-log").statusCode()).as("/audit-log").isEqualTo(auditLog);
        assertThat(http.get("/downloads").statusCode()).as("/downloads").isEqualTo(downloads);
        assertThat(http.get("/api/sales-monthly").statusCode()).as("/api/sales-monthly").isEqualTo(sales);
        assertThat(http.get("/api/regions").statusCode()).as("/api/regions").isEqualTo(sales);
        assertThat(http.get("/api/pipeline/runs").statusCode()).as("/api/pipeline/runs").isEqualTo(pipeline);
        assertThat(http.get("/api/pipeline/tables").statusCode()).as("/api/pipeline/tables").isEqualTo(pipeline);
        assertThat(http.get("/api/audit-log").statusCode()).as("/api/audit-log").isEqualTo(auditLog);
        assertThat(http.get("/api/reports").statusCode()).as("/api/reports").isEqualTo(downloads);
    }

    @Test
    void aRefusedPageSays403InTheUsersLanguage() {
        HttpResponse<String> response = as(HR).get("/sales");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(response.body()).contains("403", "无权访问", "HR");
    }

    @Test
    void aRefusedApiNamesTheRole() {
        HttpResponse<String> response = as(EXEC).get("/api/audit-check");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Http.json(response).get("error").asText()).contains("EXECUTIVE");
        assertThat(as(AUDITOR).get("/api/audit-check").statusCode()).isEqualTo(200);
    }

    @Test
    void theNavigationShowsOnlyTheRolesPages() {
        String page = as(AUDITOR).get("/audit-log").body();

        assertThat(page).contains("href=\"/audit-log\"", "href=\"/downloads\"").doesNotContain("href=\"/sales\"", "href=\"/pipeline\"");
    }

    @Test
    void sessionApiTellsTheUserRoleScopeAndToken() {
        JsonNode session = Http.json(as(MANAGER).get("/api/session"));

        assertThat(session.get("user").asText()).isEqualTo(MANAGER);
        assertThat(session.get("role").asText()).isEqualTo("REGION_MANAGER");
        assertThat(session.get("region").asText()).isEqualTo(MANAGER_REGION);
        assertThat(session.get("csrf_token").asText()).hasSizeGreaterThan(30);
    }

    // --- languages ---

    @Test
    void pagesAreChineseByDefaultAndEnglishOnRequestRememberedInACookie() {
        Http http = client();
        http.login(EXEC, EXEC_PASSWORD);

        assertThat(http.get("/sales").body()).contains("<html lang=\"zh-CN\">", "销售概览");
        HttpResponse<String> english = http.get("/sales?lang=en");
        assertThat(english.body()).contains("<html lang=\"en\">", "Sales overview", "Log out");
        assertThat(english.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("dsmart_lang=en"));
        assertThat(http.get("/sales").body()).contains("<html lang=\"en\">");
    }

    @Test
    void theLoginFormFollowsAcceptLanguage() {
        HttpResponse<String> response = client().get("/login", Map.of("Accept-Language", "en-US,en;q=0.9"));

        assertThat(response.body()).contains("<html lang=\"en\">", "User name", "Password");
    }

    @Test
    void channelNamesFollowTheLanguage() {
        JsonNode english = Http.json(as(EXEC).get("/api/sales-monthly?channel=online&lang=en"));
        JsonNode chinese = Http.json(as(EXEC).get("/api/sales-monthly?channel=online&lang=zh-CN"));

        assertThat(english.get("totals").get(0).get("channel_name").asText()).isEqualTo("Online");
        assertThat(chinese.get("totals").get(0).get("channel_name").asText()).isEqualTo("网络销售");
    }

    // --- OpenAPI ---

    @Test
    void openApiListsEveryRegisteredRouteWithItsRoles() {
        JsonNode doc = Http.json(as(EXEC).get("/openapi.json"));
        Map<String, java.util.Set<String>> registered = app.registeredRoutes();

        Map<String, java.util.Set<String>> documented = new TreeMap<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            java.util.Set<String> roles = new TreeSet<>();
            op.getValue().get("x-roles").forEach(r -> roles.add(r.asText()));
            documented.put(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(), roles);
        }));
        assertThat(registered).isNotEmpty();
        assertThat(new TreeMap<>(registered)).isEqualTo(documented);
        assertThat(documented).containsEntry("GET /api/pipeline/runs", new TreeSet<>(List.of("ADMIN")))
                .containsEntry("POST /login", new TreeSet<>(List.of("PUBLIC")))
                .containsEntry("GET /api/audit-check", new TreeSet<>(List.of("AUDIT")));
        assertThat(doc.get("openapi").asText()).isEqualTo("3.0.3");
    }

    @Test
    void openApiDocumentsParametersAndTheCsrfToken() {
        JsonNode doc = Http.json(as(EXEC).get("/openapi.json"));

        JsonNode sales = doc.get("paths").get("/api/sales-monthly").get("get");
        List<String> names = new ArrayList<>();
        sales.get("parameters").forEach(p -> names.add(p.get("name").asText()));
        assertThat(names).contains("from", "to", "region", "channel");
        JsonNode logout = doc.get("paths").get("/logout").get("post");
        assertThat(logout.get("requestBody").toString()).contains("_csrf");
    }

    // --- static files and headers ---

    @Test
    void echartsIsServedFromTheWebJar() {
        HttpResponse<String> response = client().get("/webjars/echarts/5.5.0/echarts.min.js");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("echarts");
    }

    @Test
    void pageScriptsAreServed() {
        assertThat(client().get("/assets/app.js").statusCode()).isEqualTo(200);
        assertThat(client().get("/assets/sales.js").statusCode()).isEqualTo(200);
    }

    @Test
    void pagesForbidFramingAndForeignScripts() {
        HttpResponse<String> response = client().get("/login");

        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'"));
    }

    /** "2025-01-01 phone" → revenue, in the order the API answers. */
    static Map<String, BigDecimal> revenueByMonthAndChannel(JsonNode body) {
        Map<String, BigDecimal> map = new LinkedHashMap<>();
        body.get("rows").forEach(row -> map.put(row.get("month").asText() + " " + row.get("channel").asText(),
                row.get("revenue").decimalValue()));
        return map;
    }
}
