package dsmart.web;

import static dsmart.web.TestUsers.ADMIN;
import static dsmart.web.TestUsers.AUDITOR;
import static dsmart.web.TestUsers.EXEC;
import static dsmart.web.TestUsers.HR;
import static dsmart.web.TestUsers.MANAGER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dsmart.reports.ReportArchive;
import dsmart.reports.ReportPacks;
import dsmart.reports.Reports;
import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The audit page's API over hand-made compliance marts ({@link AuditMart}), and the refusals of report generation. */
class AuditHttpTest {
    static final String SECRET = "outside the archive";

    @TempDir
    static Path dir;

    static Path reports;
    static Connection connection;
    static MartQuery mart;
    static WebApp app;
    static Reports generation;
    static Sessions sessions;

    @BeforeAll
    static void start() throws Exception {
        reports = Files.createDirectories(dir.resolve("data/reports"));
        Files.writeString(dir.resolve("data/secret.txt"), SECRET);
        connection = SalesMart.open();
        AuditMart.add(connection);
        mart = JdbcMartQuery.over(connection);
        generation = new Reports(ReportPacks.standard(), new ReportArchive(reports), ZoneId.of("Asia/Shanghai"), Clock.systemUTC());
        app = WebApp.start(new WebConfig(0, TestUsers.all()).withThrottle(TestUsers.LENIENT).withAuditDir(dir.resolve("audit"))
                .withReportsDir(reports).withReports(generation), mart);
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

    /** rule → findings, open, resolved as the API answers them, in its order. */
    private static Map<String, List<Long>> counts(JsonNode body) {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        body.get("rows").forEach(r -> out.put(r.get("rule_id").asText(),
                List.of(r.get("findings").asLong(), r.get("open_findings").asLong(), r.get("resolved_findings").asLong())));
        return out;
    }

    @Test
    void withoutAPeriodTheLatestMonthsFindingsAreCountedPerRuleMostFirst() {
        JsonNode body = Http.json(as(AUDITOR).get("/api/audit/findings"));

        assertThat(body.get("period").asText()).isEqualTo("2025-02");
        assertThat(body.get("periods")).extracting(JsonNode::asText).containsExactly("2025-02", "2025-01");
        Map<String, List<Long>> expected = new LinkedHashMap<>();
        expected.put("order_without_signed_contract", List.of(3L, 2L, 1L));
        expected.put("tracking_not_sent", List.of(2L, 1L, 1L));
        expected.put("duplicate_order", List.of(1L, 1L, 0L));
        assertThat(counts(body)).containsExactlyEntriesOf(expected);
        assertThat(body.get("totals").get("findings").asLong()).isEqualTo(6);
        assertThat(body.get("totals").get("open_findings").asLong()).isEqualTo(4);
        assertThat(body.has("snapshots")).isTrue();
    }

    @Test
    void theCountsAgreeWithTheFindingRowsCountedOneByOne() {
        JsonNode body = Http.json(as(AUDITOR).get("/api/audit/findings?period=2025"));

        Map<String, Long> expected = new HashMap<>();
        AuditMart.FINDINGS.forEach(f -> expected.merge(f.rule(), 1L, Long::sum));
        Map<String, Long> answered = new HashMap<>();
        counts(body).forEach((rule, c) -> answered.put(rule, c.get(0)));
        assertThat(answered).isEqualTo(expected);
        assertThat(counts(body).keySet()).containsExactly("order_without_signed_contract", "tracking_not_sent", "duplicate_order",
                "expense_outlier");
    }

    @Test
    void eachRuleCarriesItsDescriptionInThePageLanguage() {
        JsonNode zh = Http.json(as(AUDITOR).get("/api/audit/findings?period=2025-01&lang=zh-CN"));
        JsonNode en = Http.json(as(AUDITOR).get("/api/audit/findings?period=2025-01&lang=en"));

        assertThat(zh.get("rows").get(0).get("description").asText()).isEqualTo("销售代表费用与销售额之比异常（P-6.1）");
        assertThat(en.get("rows").get(1).get("rule_id").asText()).isEqualTo("order_without_signed_contract");
        assertThat(en.get("rows").get(1).get("description").asText()).startsWith("Confirmed order without a contract");
    }

    @Test
    void departmentAndSeverityFilterTheFindings() {
        assertThat(counts(Http.json(as(AUDITOR).get("/api/audit/findings?period=2025-02&department=order_desk"))))
                .containsOnlyKeys("tracking_not_sent", "duplicate_order");
        assertThat(counts(Http.json(as(EXEC).get("/api/audit/findings?period=2025-02&severity=high"))).keySet())
                .containsExactly("order_without_signed_contract", "duplicate_order");
        assertThat(Http.json(as(AUDITOR).get("/api/audit/findings?period=2025-02&department=finance")).get("rows")).isEmpty();
    }

    @Test
    void theSummaryAddsUpTheDepartmentRowsOnly() {
        JsonNode feb = Http.json(as(AUDITOR).get("/api/audit/summary?period=2025-02")).get("rows");
        JsonNode year = Http.json(as(AUDITOR).get("/api/audit/summary?period=2025")).get("rows");

        assertThat(feb).hasSize(2);
        assertThat(feb.get(0).get("department").asText()).isEqualTo("order_desk");
        assertThat(feb.get(1).get("department").asText()).isEqualTo("sales");
        assertThat(feb.get(1).get("findings").asLong()).isEqualTo(3); // not 3 + 3 + 2 with the rule and team rows
        assertThat(feb.get(1).get("high_findings").asLong()).isEqualTo(3);
        List<String> yearly = new ArrayList<>();
        year.forEach(r -> yearly.add(r.get("department").asText() + "=" + r.get("findings").asLong() + "/" + r.get("open_findings").asLong()));
        assertThat(yearly).containsExactly("finance=1/0", "order_desk=3/2", "sales=4/3");
    }

    @Test
    void evidenceIsCsvWithBomTheRulesRowsAndDefusedFormulasAndIsAudited() {
        HttpResponse<byte[]> response = as(AUDITOR).getBytes("/api/audit/evidence?rule=order_without_signed_contract&period=2025-02");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(h -> assertThat(h).contains("evidence_order_without_signed_contract_2025-02.csv"));
        assertThat(response.body()[0]).isEqualTo((byte) 0xEF);
        String csv = new String(response.body(), StandardCharsets.UTF_8);
        List<String> lines = List.of(csv.substring(1).split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("rule_id,clause,severity,department,period,occurred_on,rep_id,team_id,region_code,"
                + "customer_id,entity,entity_id,evidence,status,first_seen,last_seen,resolved_at");
        assertThat(lines).hasSize(1 + 3);
        assertThat(lines.get(1)).startsWith("order_without_signed_contract,P-3.3,high,sales,2025-02-01,2025-02-03,1,10,EAST,100,orders.orders,5001,");
        assertThat(lines.get(2)).contains(",5002,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",open,");
        assertThat(lines.get(3)).contains(",5003,").contains(",resolved,");
        assertThat(app.audit().recent(e -> e.event().equals("evidence") && AUDITOR.equals(e.user()), 5))
                .anySatisfy(e -> assertThat(e.params()).containsEntry("rule", "order_without_signed_contract").containsEntry("rows", 3));
    }

    @Test
    void evidenceCanBeLimitedToOpenFindings() {
        String csv = as(AUDITOR).get("/api/audit/evidence?rule=order_without_signed_contract&period=2025&status=open").body();

        assertThat(csv.split("\r\n")).hasSize(1 + 3); // 5001, 5002 in February, 4001 in January
    }

    @Test
    void withoutLoginEveryAuditRouteIs401() {
        Http anonymous = new Http(app.port());

        for (String path : List.of("/api/audit/findings", "/api/audit/summary", "/api/audit/evidence?rule=x&period=2025-02",
                "/api/reports/packs")) {
            assertThat(anonymous.get(path).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(anonymous.get("/audit").statusCode()).isEqualTo(302);
    }

    @Test
    void otherRolesAreRefusedThePageAndOnlyAuditGetsTheEvidence() {
        for (String user : List.of(HR, MANAGER, ADMIN)) {
            assertThat(as(user).get("/audit").statusCode()).as(user).isEqualTo(403);
            assertThat(as(user).get("/api/audit/findings").statusCode()).as(user).isEqualTo(403);
            assertThat(as(user).get("/api/audit/summary").statusCode()).as(user).isEqualTo(403);
        }
        assertThat(as(EXEC).get("/audit").statusCode()).isEqualTo(200);
        assertThat(as(EXEC).get("/api/audit/evidence?rule=tracking_not_sent&period=2025-02").statusCode()).isEqualTo(403);
        assertThat(as(ADMIN).get("/api/reports/packs").statusCode()).isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"period=2025-13", "period=25-02", "period=2025-02'%20OR%20'1'='1", "period=2025-02;DROP%20TABLE%20x",
            "department=sales'%20OR%20'1'='1", "department=legal", "severity=high%20OR%201=1", "severity=critical"})
    void badFindingParametersAre400WithTheParameterNamed(String query) {
        HttpResponse<String> response = as(AUDITOR).get("/api/audit/findings?" + query);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).get("error").asText()).contains(query.substring(0, query.indexOf('=')));
    }

    @ParameterizedTest
    @ValueSource(strings = {"period=2025-00", "period=2025-02'--", "department=order_desk%27%29%3B--"})
    void badSummaryParametersAre400(String query) {
        HttpResponse<String> response = as(AUDITOR).get("/api/audit/summary?" + query);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).get("error").asText()).contains(query.substring(0, query.indexOf('=')));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rule=x'%20OR%20'1'='1&period=2025-02", "rule=tracking_not_sent%3BDROP%20TABLE%20x&period=2025-02",
            "rule=tracking_not_sent&period=2025-02%20OR%201=1", "rule=tracking_not_sent&period=2025-02&status=open'--",
            "rule=tracking_not_sent", "period=2025-02"})
    void badEvidenceParametersAre400AndNothingIsAudited(String query) {
        int before = app.audit().recent(e -> e.event().equals("evidence"), 1000).size();

        HttpResponse<String> response = as(AUDITOR).get("/api/audit/evidence?" + query);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(app.audit().recent(e -> e.event().equals("evidence"), 1000)).hasSize(before);
    }

    @Test
    void theFindingsAreUntouchedAfterTheInjectionAttempts() {
        for (String attack : List.of("sales'; DROP TABLE mart.compliance_finding; --", "1) OR (1=1")) {
            assertThat(as(AUDITOR).get("/api/audit/findings?department=" + Http.enc(attack)).statusCode()).isEqualTo(400);
            assertThat(as(AUDITOR).get("/api/audit/evidence?period=2025-02&rule=" + Http.enc(attack)).statusCode()).isEqualTo(400);
        }
        assertThat(Http.json(as(AUDITOR).get("/api/audit/findings?period=2025")).get("totals").get("findings").asLong())
                .isEqualTo(AuditMart.FINDINGS.size());
    }

    @Test
    void theSampleQueriesRunOnTheHandMadeMarts() {
        for (dsmart.serving.NamedQuery query : AuditPage.samples()) {
            assertThat(mart.query(query.sql(), query.params()).rows()).as(query.name()).isNotEmpty();
        }
    }

    private static Map<String, String> generateForm(Http http, String pack, String period) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", http.sessionToken());
        form.put("pack", pack);
        form.put("period", period);
        return form;
    }

    private static long archivedFiles() throws Exception {
        try (Stream<Path> files = Files.walk(reports)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void generatingWithoutOrWithAWrongCsrfTokenIs403AndGeneratesNothing() throws Exception {
        Http http = as(AUDITOR);
        long before = archivedFiles();
        Map<String, String> missing = generateForm(http, "executive-sales", "2025-02");
        missing.remove("_csrf");
        Map<String, String> wrong = generateForm(http, "executive-sales", "2025-02");
        wrong.put("_csrf", "not-the-token");

        HttpResponse<String> withoutToken = http.post("/api/reports/generate", missing);
        HttpResponse<String> withWrongToken = http.post("/api/reports/generate", wrong);
        HttpResponse<String> withWrongHeader = http.post("/api/reports/generate", missing, Map.of("X-CSRF-Token", "forged"));

        for (HttpResponse<String> response : List.of(withoutToken, withWrongToken, withWrongHeader)) {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(Http.json(response).get("error").asText()).contains("CSRF");
        }
        assertThat(archivedFiles()).isEqualTo(before);
    }

    @Test
    void anUnknownPackIs400NamingThePacksAndIsAuditedAsRefused() {
        HttpResponse<String> response = as(AUDITOR).post("/api/reports/generate", generateForm(as(AUDITOR), "no-such-pack", "2025-02"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).get("error").asText()).contains("pack=\"no-such-pack\"", "executive-sales");
        assertThat(app.audit().recent(e -> e.event().equals("report") && "refused".equals(e.outcome()) && "no-such-pack".equals(e.target()), 5))
                .isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-13", "2025-2", "2025-02'--", ""})
    void aBadPeriodIs400WithTheReason(String period) {
        HttpResponse<String> response = as(EXEC).post("/api/reports/generate", generateForm(as(EXEC), "executive-sales", period));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).get("error").asText()).contains("period");
    }

    @Test
    void aPackOfTheWrongPeriodKindIs400() {
        HttpResponse<String> response = as(EXEC).post("/api/reports/generate", generateForm(as(EXEC), "customer-sales", "2025"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(Http.json(response).get("error").asText()).contains("period=\"2025\"", "a month YYYY-MM");
    }

    @Test
    void aPackOutsideTheRoleIs403() {
        assertThat(as(HR).post("/api/reports/generate", generateForm(as(HR), "executive-sales", "2025-02")).statusCode()).isEqualTo(403);
        assertThat(as(EXEC).post("/api/reports/generate", generateForm(as(EXEC), "hr-appraisal", "2025")).statusCode()).isEqualTo(403);
        HttpResponse<String> admin = as(ADMIN).post("/api/reports/generate", generateForm(as(ADMIN), "executive-sales", "2025-02"));
        assertThat(admin.statusCode()).isEqualTo(403);
    }

    @Test
    void regionManagersAndAdminsMayNotGenerate() {
        Map<String, String> form = generateForm(as(MANAGER), "executive-sales", "2025-02");
        form.put("region", TestUsers.MANAGER_REGION);

        assertThat(as(MANAGER).post("/api/reports/generate", form).statusCode()).isEqualTo(403);
        assertThat(as(MANAGER).get("/api/reports/packs").statusCode()).isEqualTo(403);
        assertThat(ReportGeneration.offered(generation, Role.REGION_MANAGER)).isEmpty();
        assertThat(ReportGeneration.offered(generation, Role.ADMIN)).isEmpty();
    }

    @Test
    void eachRoleIsOfferedTheRegisteredPacksOfItsTableOnly() {
        List<String> exec = new ArrayList<>();
        Http.json(as(EXEC).get("/api/reports/packs")).get("packs").forEach(p -> exec.add(p.get("name").asText()));
        List<String> hr = new ArrayList<>();
        Http.json(as(HR).get("/api/reports/packs")).get("packs").forEach(p -> hr.add(p.get("name").asText()));
        List<String> audit = new ArrayList<>();
        Http.json(as(AUDITOR).get("/api/reports/packs")).get("packs").forEach(p -> audit.add(p.get("name").asText()));

        assertThat(exec).containsExactlyInAnyOrder("executive-sales", "customer-sales", "customer-tiers", "risk");
        assertThat(hr).containsExactly("hr-appraisal");
        assertThat(audit).containsExactlyInAnyOrderElementsOf(ReportPacks.standard().all().stream().map(p -> p.name()).toList());
        assertThat(as(EXEC).post("/api/reports/generate", generateForm(as(EXEC), "audit-compliance", "2025-02")).statusCode())
                .isEqualTo(403);
        assertThat(as(EXEC).post("/api/reports/generate", generateForm(as(EXEC), "no-such-pack", "2025-02")).statusCode())
                .isEqualTo(400);
    }

    /** pack → its period kinds and scope dimensions as the packs answer lists them. */
    private static Map<String, List<List<String>>> kinds(String user) {
        Map<String, List<List<String>>> out = new LinkedHashMap<>();
        Http.json(as(user).get("/api/reports/packs")).get("packs").forEach(p -> {
            List<String> periods = new ArrayList<>();
            p.get("periods").forEach(k -> periods.add(k.asText()));
            List<String> dimensions = new ArrayList<>();
            p.get("dimensions").forEach(d -> dimensions.add(d.asText()));
            assertThat(p.get("regions").asBoolean()).as(p.get("name").asText()).isEqualTo(dimensions.contains("region"));
            out.put(p.get("name").asText(), List.of(periods, dimensions));
        });
        return out;
    }

    @Test
    void thePacksAnswerListsEachPacksPeriodKindsAndScopeDimensionsForEachRole() {
        // from the packs' documentation: executive-sales, hr-appraisal and audit-compliance take a month or a year, the
        // customer packs and risk a month only; hr-appraisal can be limited to a region or a team, the others to a region
        List<List<String>> monthOrYearByRegion = List.of(List.of("month", "year"), List.of("region"));
        List<List<String>> monthByRegion = List.of(List.of("month"), List.of("region"));
        List<List<String>> hrAppraisal = List.of(List.of("month", "year"), List.of("region", "team"));

        assertThat(kinds(EXEC)).containsOnly(Map.entry("executive-sales", monthOrYearByRegion), Map.entry("customer-sales", monthByRegion),
                Map.entry("customer-tiers", monthByRegion), Map.entry("risk", monthByRegion));
        assertThat(kinds(HR)).containsOnly(Map.entry("hr-appraisal", hrAppraisal));
        assertThat(kinds(AUDITOR)).containsOnly(Map.entry("executive-sales", monthOrYearByRegion),
                Map.entry("customer-sales", monthByRegion), Map.entry("customer-tiers", monthByRegion),
                Map.entry("hr-appraisal", hrAppraisal), Map.entry("risk", monthByRegion),
                Map.entry("audit-compliance", monthOrYearByRegion));
    }

    @Test
    void aPackNameThatIsAPathIs400() {
        HttpResponse<String> response = as(AUDITOR).post("/api/reports/generate", generateForm(as(AUDITOR), "../../etc", "2025-02"));

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secret.txt", "..%2Fsecret.txt", "%2Fetc%2Fpasswd", "executive-sales/../../secret.txt", "a%5C..%5Csecret.txt"})
    void pathTraversalOnDownloadsStaysRefused(String file) {
        HttpResponse<String> response = as(AUDITOR).get("/api/reports/download?file=" + file);

        assertThat(response.statusCode()).isIn(400, 404);
        assertThat(response.body()).doesNotContain(SECRET);
    }
}
