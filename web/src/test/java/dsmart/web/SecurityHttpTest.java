package dsmart.web;

import static dsmart.web.TestUsers.EXEC;
import static dsmart.web.TestUsers.EXEC_PASSWORD;
import static dsmart.web.TestUsers.HR;
import static dsmart.web.TestUsers.HR_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CSRF on every state-changing request, login throttling, and routes without roles. */
class SecurityHttpTest {
    static Connection connection;
    static MartQuery mart;
    static WebApp app;

    @BeforeAll
    static void start() throws Exception {
        connection = SalesMart.open();
        mart = JdbcMartQuery.over(connection);
        app = WebApp.start(new WebConfig(0, TestUsers.all()).withThrottle(TestUsers.LENIENT), mart, SecurityHttpTest::stateChangingRoute);
    }

    /** A state-changing API route as a page with an "acknowledge" button would declare it. */
    static void stateChangingRoute(RouteRegistry routes) {
        routes.post("/api/test/acknowledge").summary("test: changes state").anyRole()
                .api(ctx -> ctx.json(Map.of("acknowledged", true)));
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

    static Http loggedIn() {
        Http http = new Http(app.port());
        assertThat(http.login(EXEC, EXEC_PASSWORD).statusCode()).isEqualTo(303);
        return http;
    }

    // --- CSRF ---

    @Test
    void loginWithoutTheFormsTokenIsRefused() {
        Http http = new Http(app.port());
        http.get("/login");

        HttpResponse<String> response = http.post("/login", Map.of("name", EXEC, "password", EXEC_PASSWORD));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("login-form"); // the form again, with a fresh token
        assertThat(http.get("/api/session").statusCode()).isEqualTo(401);
    }

    @Test
    void loginWithAWrongTokenIsRefused() {
        Http http = new Http(app.port());
        http.get("/login");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", "forged-token");
        form.put("name", EXEC);
        form.put("password", EXEC_PASSWORD);

        assertThat(http.post("/login", form).statusCode()).isEqualTo(403);
    }

    @Test
    void loginWithAnotherSessionsTokenIsRefused() {
        String stolen = new Http(app.port()).loginFormToken();
        Http victim = new Http(app.port());
        victim.get("/login");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", stolen);
        form.put("name", EXEC);
        form.put("password", EXEC_PASSWORD);

        assertThat(victim.post("/login", form).statusCode()).isEqualTo(403);
    }

    @Test
    void loginWithoutAnySessionIsRefused() {
        assertThat(new Http(app.port()).post("/login", Map.of("_csrf", "x", "name", EXEC, "password", EXEC_PASSWORD))
                .statusCode()).isEqualTo(403);
    }

    @Test
    void logoutWithoutTheTokenIsRefusedAndTheSessionLives() {
        Http http = loggedIn();

        HttpResponse<String> response = http.post("/logout", Map.of());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(http.get("/api/session").statusCode()).isEqualTo(200);
    }

    @Test
    void aStateChangingApiCallWithoutTheTokenIs403() {
        HttpResponse<String> response = loggedIn().post("/api/test/acknowledge", Map.of());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Http.json(response).get("error").asText()).contains("CSRF token missing or wrong");
    }

    @Test
    void aStateChangingApiCallWithAWrongTokenIs403() {
        Http http = loggedIn();

        assertThat(http.post("/api/test/acknowledge", Map.of(), Map.of("X-CSRF-Token", "wrong")).statusCode()).isEqualTo(403);
        assertThat(http.post("/api/test/acknowledge", Map.of("_csrf", "wrong")).statusCode()).isEqualTo(403);
    }

    @Test
    void theLoginFormsTokenIsNoLongerValidAfterLogin() {
        Http http = new Http(app.port());
        String before = http.loginFormToken();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", before);
        form.put("name", EXEC);
        form.put("password", EXEC_PASSWORD);
        assertThat(http.post("/login", form).statusCode()).isEqualTo(303);

        assertThat(http.post("/api/test/acknowledge", Map.of("_csrf", before)).statusCode()).isEqualTo(403);
    }

    @Test
    void theSessionsTokenAsHeaderOrFormFieldIsAccepted() {
        Http http = loggedIn();
        String token = http.sessionToken();

        assertThat(http.post("/api/test/acknowledge", Map.of(), Map.of("X-CSRF-Token", token)).statusCode()).isEqualTo(200);
        assertThat(http.post("/api/test/acknowledge", Map.of("_csrf", token)).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnauthenticatedStateChangingCallIs401BeforeCsrf() {
        assertThat(new Http(app.port()).post("/api/test/acknowledge", Map.of()).statusCode()).isEqualTo(401);
    }

    // --- throttling ---

    @Test
    void failedLoginsOfOneUserAreThrottledWith429AndRetryAfter() {
        LoginThrottle.Policy policy = new LoginThrottle.Policy(3, 100, Duration.ofSeconds(60), Duration.ofMinutes(15), Duration.ofMinutes(15));
        try (WebApp strict = WebApp.start(new WebConfig(0, TestUsers.all()).withThrottle(policy), mart)) {
            Http http = new Http(strict.port());
            for (int i = 0; i < 3; i++) {
                assertThat(http.login(EXEC, "wrong-" + i).statusCode()).isEqualTo(401);
            }

            HttpResponse<String> throttled = http.login(EXEC, EXEC_PASSWORD); // even the right password waits

            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(
                    s -> assertThat(Integer.parseInt(s)).isBetween(55, 60));
            assertThat(throttled.body()).contains("失败次数过多");
            assertThat(http.get("/api/session").statusCode()).isEqualTo(401);
            // another user from the same address is not locked out by this one
            assertThat(new Http(strict.port()).login(HR, HR_PASSWORD).statusCode()).isEqualTo(303);
            assertThat(strict.audit().recent(e -> e.outcome().equals("throttled"), 10)).extracting(AuditLog.Event::user)
                    .containsExactly(EXEC);
        }
    }

    @Test
    void oneAddressTryingManyNamesIsThrottled() {
        LoginThrottle.Policy policy = new LoginThrottle.Policy(100, 4, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofMinutes(15));
        try (WebApp strict = WebApp.start(new WebConfig(0, TestUsers.all()).withThrottle(policy), mart)) {
            Http http = new Http(strict.port());
            for (String name : List.of("root", "admin", "test", "guest")) {
                assertThat(http.login(name, "123456").statusCode()).isEqualTo(401);
            }

            HttpResponse<String> throttled = http.login("oracle", "123456");

            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        }
    }

    // --- every route declares its roles ---

    @Test
    void aRouteAddedWithoutRolesStopsTheStart() {
        assertThatThrownBy(() -> WebApp.start(new WebConfig(0, TestUsers.all()), mart, routes -> {},
                raw -> raw.get("/api/naked", ctx -> ctx.result("secret"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GET /api/naked declares no roles");
    }

    @Test
    void aRouteAddedAroundTheRegistryStopsTheStartEvenWithRoles() {
        assertThatThrownBy(() -> WebApp.start(new WebConfig(0, TestUsers.all()), mart, routes -> {},
                raw -> raw.get("/api/hidden", ctx -> ctx.result("secret"), Role.ADMIN)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GET /api/hidden was added around the route registry");
    }

    @Test
    void aRouteDeclaredWithoutRolesIsRefusedWhenDeclared() {
        assertThatThrownBy(() -> WebApp.start(new WebConfig(0, TestUsers.all()), mart,
                routes -> routes.get("/api/forgotten").summary("no roles").api(ctx -> ctx.result("secret"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GET /api/forgotten declares no roles");
    }

    @Test
    void theStartCheckLeavesThePortFree() throws Exception {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            int port = probe.getLocalPort();
            probe.close();
            assertThatThrownBy(() -> WebApp.start(new WebConfig(port, TestUsers.all()), mart, routes -> {},
                    raw -> raw.get("/api/naked", ctx -> ctx.result("secret"))))
                    .isInstanceOf(IllegalStateException.class);
            try (WebApp fine = WebApp.start(new WebConfig(port, TestUsers.all()), mart)) {
                assertThat(fine.port()).isEqualTo(port);
            }
        }
    }
}
