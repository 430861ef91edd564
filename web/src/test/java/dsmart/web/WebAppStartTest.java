package dsmart.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import dsmart.serving.QueryException;
import dsmart.serving.QueryResult;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebAppStartTest {
    static final String NAME = "wang";
    static final String PASSWORD = "start-test-pass";
    static List<WebUser> users;

    @BeforeAll
    static void users() {
        users = List.of(new WebUser(NAME, Role.EXECUTIVE, Passwords.hash(PASSWORD.toCharArray())));
    }

    @AfterAll
    static void forgetUsers() {
        users = null;
    }

    @Test
    void secondAppOnTheSamePortFailsNamingThePort() {
        MartQuery mart = failingMart();
        try (WebApp first = WebApp.start(new WebConfig(0, users), mart)) {
            int port = first.port();

            assertThatThrownBy(() -> WebApp.start(new WebConfig("127.0.0.1", port, users), mart))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("port " + port + " on 127.0.0.1 is already in use");
        }
    }

    @Test
    void portZeroGetsAFreePort() {
        try (WebApp app = WebApp.start(new WebConfig(0, users), failingMart())) {
            assertThat(app.port()).isPositive();
            assertThat(new Http(app.port()).get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void apiCarriesTheSnapshotIdsThePortReports() throws Exception {
        try (Connection connection = SalesMart.open();
             MartQuery mart = new JdbcMartQuery(connection, tables -> Map.of("mart.sales_monthly", 8_812_345_678L));
             WebApp app = WebApp.start(new WebConfig(0, users), mart)) {
            Http http = new Http(app.port());
            http.login(NAME, PASSWORD);

            JsonNode snapshots = Http.json(http.get("/api/sales-monthly")).get("snapshots");

            assertThat(snapshots.get("mart.sales_monthly").asText()).isEqualTo("8812345678");
        }
    }

    @Test
    void queryFailureAnswers500WithAShortMessage() {
        try (WebApp app = WebApp.start(new WebConfig(0, users), failingMart())) {
            Http http = new Http(app.port());
            http.login(NAME, PASSWORD);

            HttpResponse<String> response = http.get("/api/sales-monthly");

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(Http.json(response).get("error").asText())
                    .contains("could not be read")
                    .doesNotContain("SELECT", "secret");
        }
    }

    @Test
    void closeTwiceIsHarmless() {
        WebApp app = WebApp.start(new WebConfig(0, users), failingMart());
        app.close();
        app.close();
    }

    /** A port whose every query fails as an engine failure would, with the SQL in the message. */
    private static MartQuery failingMart() {
        return new MartQuery() {
            @Override
            public QueryResult query(String sql, List<?> params) {
                throw new QueryException("query failed: table secret_table not found [sql: " + sql + "]");
            }

            @Override
            public void close() {}
        };
    }
}
