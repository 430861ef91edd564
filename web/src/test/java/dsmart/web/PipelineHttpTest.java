package dsmart.web;

import static dsmart.web.TestUsers.ADMIN;
import static dsmart.web.TestUsers.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pipeline status over a hand-made ops.runs. */
class PipelineHttpTest {
    static Connection connection;
    static MartQuery mart;
    static WebApp app;
    static Http admin;

    @BeforeAll
    static void start() throws Exception {
        connection = SalesMart.open();
        SalesMart.addRuns(connection);
        SalesMart.addQuarantine(connection);
        mart = new JdbcMartQuery(connection, SalesMart::snapshots);
        app = WebApp.start(new WebConfig(0, TestUsers.all()), mart);
        admin = new Http(app.port());
        assertThat(admin.login(ADMIN, ADMIN_PASSWORD).statusCode()).isEqualTo(303);
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

    /** The runs as inserted, newest first (by finished time, then run id descending, then target). */
    static List<SalesMart.Run> newestFirst() {
        List<SalesMart.Run> runs = new ArrayList<>(SalesMart.RUNS);
        runs.sort(Comparator.comparing(SalesMart.Run::finished).reversed()
                .thenComparing(Comparator.comparing(SalesMart.Run::runId).reversed())
                .thenComparing(SalesMart.Run::target));
        return runs;
    }

    @Test
    void quarantineShowsEachIngestedTablesCountAndItsNewestRowsWithEveryReason() {
        JsonNode body = Http.json(admin.get("/api/pipeline/quarantine?limit=2"));

        List<String> tables = new ArrayList<>();
        body.get("tables").forEach(t -> tables.add(t.get("table").asText() + " " + t.get("rows").asText() + " " + t.get("readable").asBoolean()));
        // raw.crm_customers and raw.orders_orders were ingested; only the customers have a quarantine table here
        assertThat(tables).containsExactly("quarantine.crm_customers 3 true", "quarantine.orders_orders null false");
        JsonNode samples = body.get("samples");
        // newest first: the run of 2 April, then the two rows of 31 March by locator
        assertThat(samples).hasSize(2);
        assertThat(samples.get(0).get("locator").asText()).isEqualTo("customer_id=77");
        assertThat(samples.get(0).get("run_id").asText()).isEqualTo("20250402T020000-eeee0005");
        assertThat(samples.get(0).get("quarantined_at").asText()).isEqualTo("2025-04-02T02:00:03Z");
        assertThat(samples.get(1).get("locator").asText()).isEqualTo("customer_id=50");
        JsonNode all = Http.json(admin.get("/api/pipeline/quarantine")).get("samples");
        assertThat(all).hasSize(3);
        JsonNode two = all.get(2);
        assertThat(two.get("record").asText()).isEqualTo("{\"customer_id\":51,\"region_code\":\"XX\",\"name\":null}");
        assertThat(two.get("reasons")).hasSize(2);
        assertThat(two.get("reasons").get(1).asText()).isEqualTo("region_code: 'XX' is not in raw.crm_regions.region_code");
    }

    @Test
    void quarantineIsForAdminsOnlyAndChecksItsLimit() {
        assertThat(admin.get("/api/pipeline/quarantine?limit=51").statusCode()).isEqualTo(400);
        assertThat(admin.get("/api/pipeline/quarantine?limit=1%20OR%201=1").statusCode()).isEqualTo(400);
        Http exec = new Http(app.port());
        assertThat(exec.login(TestUsers.EXEC, TestUsers.EXEC_PASSWORD).statusCode()).isEqualTo(303);
        assertThat(exec.get("/api/pipeline/quarantine").statusCode()).isEqualTo(403);
    }

    @Test
    void runsAreListedNewestFirstWithEveryColumn() {
        JsonNode runs = Http.json(admin.get("/api/pipeline/runs")).get("runs");

        List<String> actual = new ArrayList<>();
        runs.forEach(r -> actual.add(r.get("run_id").asText() + " " + r.get("stage").asText() + " " + r.get("target").asText()
                + " " + r.get("status").asText() + " " + r.get("rows_read").asLong() + " " + r.get("rows_written").asLong()
                + " " + r.get("started_at").asText() + " " + r.get("finished_at").asText() + " " + r.get("message").asText()));
        List<String> expected = new ArrayList<>();
        newestFirst().forEach(r -> expected.add(r.runId() + " " + r.stage() + " " + r.target() + " " + r.status() + " "
                + r.rowsRead() + " " + r.rowsWritten() + " " + r.started() + " " + r.finished() + " "
                + (r.message() == null ? "null" : r.message())));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void runsFilterByStageStatusAndTargetAndLimit() {
        assertThat(Http.json(admin.get("/api/pipeline/runs?stage=transform")).get("runs")).hasSize(
                (int) SalesMart.RUNS.stream().filter(r -> r.stage().equals("transform")).count());
        JsonNode failed = Http.json(admin.get("/api/pipeline/runs?status=failed")).get("runs");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("message").asText()).contains("unreachable");
        assertThat(Http.json(admin.get("/api/pipeline/runs?target=mart.sales_monthly")).get("runs")).hasSize(2);
        JsonNode two = Http.json(admin.get("/api/pipeline/runs?limit=2")).get("runs");
        assertThat(two).hasSize(2);
        assertThat(two.get(0).get("run_id").asText()).isEqualTo(newestFirst().get(0).runId());
    }

    @Test
    void runsAnswerCarriesTheLedgersSnapshot() {
        assertThat(Http.json(admin.get("/api/pipeline/runs")).get("snapshots").get("ops.runs").asText()).isEqualTo("4242");
    }

    @Test
    void tablesShowSnapshotRowsAndLastRun() {
        JsonNode tables = Http.json(admin.get("/api/pipeline/tables")).get("tables");

        Map<String, JsonNode> byName = new LinkedHashMap<>();
        tables.forEach(t -> byName.put(t.get("table").asText(), t));
        assertThat(byName.keySet()).containsExactly("mart.sales_monthly", "raw.crm_customers", "raw.orders_orders");
        JsonNode sales = byName.get("mart.sales_monthly");
        assertThat(sales.get("rows").asLong()).isEqualTo(SalesMart.ROWS.size());
        assertThat(sales.get("snapshot_id").asText()).isEqualTo(String.valueOf(SalesMart.SALES_SNAPSHOT));
        assertThat(sales.get("committed_at").asText()).isEqualTo(SalesMart.SALES_COMMITTED);
        assertThat(sales.get("last_status").asText()).isEqualTo("ok");
        assertThat(sales.get("last_finished_at").asText()).isEqualTo(SalesMart.SALES_COMMITTED);
        // the raw tables are not in this database: listed, marked unreadable, the page still answers
        assertThat(byName.get("raw.crm_customers").get("readable").asBoolean()).isFalse();
    }

    @Test
    void badLimitIs400NamingIt() {
        for (String limit : List.of("0", "501", "-1", "ten", "1e3")) {
            var response = admin.get("/api/pipeline/runs?limit=" + limit);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(Http.json(response).get("error").asText()).contains("limit", limit);
        }
    }
}
