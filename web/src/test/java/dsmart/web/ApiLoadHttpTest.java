package dsmart.web;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The load against the real app over the small sales mart. */
class ApiLoadHttpTest {
    static MartQuery mart;
    static WebApp app;

    @BeforeAll
    static void start() throws Exception {
        Connection connection = SalesMart.open();
        SalesMart.addRuns(connection);
        mart = new JdbcMartQuery(connection, SalesMart::snapshots);
        app = WebApp.start(new WebConfig(0, TestUsers.all()).withThrottle(TestUsers.LENIENT), mart);
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

    private static ApiLoad logIn() {
        return ApiLoad.logIn("http://127.0.0.1:" + app.port(), Map.of(TestUsers.EXEC, TestUsers.EXEC_PASSWORD,
                TestUsers.MANAGER, TestUsers.MANAGER_PASSWORD, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD));
    }

    @Test
    void twoSecondsAtTwentyRequestsPerSecondAreAllAnswered() {
        ApiLoad.Result result;
        try (ApiLoad load = logIn()) {
            result = load.run(ApiLoad.standardMix(TestUsers.EXEC, TestUsers.MANAGER, TestUsers.ADMIN), 20, Duration.ofSeconds(2));
        }

        ApiLoad.Summary summary = result.summary();
        assertThat(result.firstError()).isNull();
        assertThat(summary.requests()).isEqualTo(40);
        assertThat(summary.answered()).isEqualTo(40);
        assertThat(summary.failures()).isZero();
        assertThat(summary.maxMs()).isPositive();
    }

    @Test
    void aRequestThatFailsIsCountedNotThrown() {
        List<ApiLoad.Endpoint> mix = List.of(new ApiLoad.Endpoint("sales", TestUsers.EXEC, "/api/sales-monthly"),
                new ApiLoad.Endpoint("pipeline as a region manager", TestUsers.MANAGER, "/api/pipeline/runs"));
        ApiLoad.Result result;
        try (ApiLoad load = logIn()) {
            result = load.run(mix, 10, Duration.ofSeconds(1));
        }

        assertThat(result.summary()).extracting(ApiLoad.Summary::requests, ApiLoad.Summary::answered, ApiLoad.Summary::failures)
                .containsExactly(10, 5, 5);
        assertThat(result.firstError()).startsWith("pipeline as a region manager: HTTP 403");
    }
}
