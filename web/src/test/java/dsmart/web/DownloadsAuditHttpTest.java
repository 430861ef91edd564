package dsmart.web;

import static dsmart.web.TestUsers.ADMIN;
import static dsmart.web.TestUsers.AUDITOR;
import static dsmart.web.TestUsers.EXEC;
import static dsmart.web.TestUsers.HR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dsmart.serving.JdbcMartQuery;
import dsmart.serving.MartQuery;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Downloads that cannot leave the reports directory, and the audit log that records them. */
class DownloadsAuditHttpTest {
    static final String SECRET = "外部机密 secret outside the reports directory";

    @TempDir
    static Path dir;

    static Path reports;
    static Path audit;
    static Connection connection;
    static MartQuery mart;
    static WebApp app;
    static Sessions sessions;

    @BeforeAll
    static void start() throws Exception {
        reports = Files.createDirectories(dir.resolve("data/reports"));
        audit = dir.resolve("data/audit");
        Files.writeString(reports.resolve("sales-2025-03.pdf"), "%PDF-1.4 sales report");
        Files.createDirectories(reports.resolve("2025-03"));
        Files.writeString(reports.resolve("2025-03/销售月报.xlsx"), "xlsx bytes");
        Files.writeString(dir.resolve("data/secret.txt"), SECRET);
        Files.createSymbolicLink(reports.resolve("link-out.pdf"), dir.resolve("data/secret.txt"));
        Files.createSymbolicLink(reports.resolve("dir-out"), dir.resolve("data"));
        connection = SalesMart.open();
        mart = JdbcMartQuery.over(connection);
        app = WebApp.start(new WebConfig(0, TestUsers.all()).withThrottle(TestUsers.LENIENT)
                .withAuditDir(audit).withReportsDir(reports), mart);
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

    /** A logged-in client per user, shared (Argon2id makes each login cost on purpose). */
    static Http as(String name) {
        return sessions.as(name);
    }

    /** A fresh login (its audit record is what the test looks for). */
    static Http loginAgain(String name) {
        Http http = new Http(app.port());
        assertThat(http.login(name, TestUsers.password(name)).statusCode()).isEqualTo(303);
        return http;
    }

    @Test
    void theListShowsTheReportsInsideOnly() {
        JsonNode reportsList = Http.json(as(EXEC).get("/api/reports")).get("reports");

        List<String> files = new ArrayList<>();
        reportsList.forEach(r -> files.add(r.get("file").asText()));
        assertThat(files).containsExactly("2025-03/销售月报.xlsx", "sales-2025-03.pdf");
    }

    @Test
    void aDownloadIsAnAttachmentWithItsNameAndIsAudited() {
        Http http = as(HR);

        HttpResponse<byte[]> response = http.getBytes("/api/reports/download?file=" + Http.enc("2025-03/销售月报.xlsx"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("xlsx bytes");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"____.xlsx\"; filename*=UTF-8''%E9%94%80%E5%94%AE%E6%9C%88%E6%8A%A5.xlsx");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("spreadsheetml"));
        List<AuditLog.Event> events = app.audit().recent(e -> e.event().equals("download") && e.outcome().equals("ok")
                && HR.equals(e.user()), 10);
        assertThat(events).isNotEmpty();
        assertThat(events.get(0).target()).isEqualTo("2025-03/销售月报.xlsx");
        assertThat(events.get(0).role()).isEqualTo("HR");
        assertThat(events.get(0).params()).containsEntry("bytes", 10);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "file=../secret.txt",
            "file=%2e%2e%2fsecret.txt",
            "file=%2E%2E/secret.txt",
            "file=2025-03/../../secret.txt",
            "file=2025-03%2f..%2f..%2fsecret.txt",
            "file=..%5csecret.txt",
            "file=%2Fetc%2Fpasswd",
            "file=/etc/passwd",
            "file=" + "%2Ftmp",
            "file=sales-2025-03.pdf%00.txt",
            "file=.%2Fsales-2025-03.pdf",
            "file=",
            ""})
    void traversalAttemptsAre400NamingTheParameter(String query) {
        HttpResponse<String> response = as(AUDITOR).get("/api/reports/download?" + query);

        assertThat(response.statusCode()).as(query).isEqualTo(400);
        assertThat(Http.json(response).get("error").asText()).startsWith("parameter file");
        assertThat(response.body()).doesNotContain(SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"link-out.pdf", "dir-out/secret.txt", "nope.pdf", "2025-03"})
    void symlinksOutOfTheDirectoryAndMissingFilesAre404(String file) {
        HttpResponse<String> response = as(AUDITOR).get("/api/reports/download?file=" + Http.enc(file));

        assertThat(response.statusCode()).as(file).isEqualTo(404);
        assertThat(response.body()).doesNotContain(SECRET);
        assertThat(app.audit().recent(e -> e.event().equals("download") && e.outcome().equals("refused")
                && file.equals(e.target()), 1)).hasSize(1);
    }

    @Test
    void traversalInThePathItselfNeverServesTheSecret() {
        for (String path : List.of("/api/reports/../../secret.txt", "/api/reports/%2e%2e/%2e%2e/secret.txt",
                "/assets/..%2f..%2f..%2fsecret.txt", "/webjars/%2e%2e/%2e%2e/secret.txt")) {
            HttpResponse<String> response = as(AUDITOR).get(path);
            assertThat(response.statusCode()).as(path).isIn(400, 401, 403, 404);
            assertThat(response.body()).as(path).doesNotContain(SECRET);
        }
    }

    @Test
    void otherRolesCannotDownload() {
        assertThat(as(ADMIN).get("/api/reports/download?file=sales-2025-03.pdf").statusCode()).isEqualTo(403);
        assertThat(as(TestUsers.MANAGER).get("/api/reports/download?file=sales-2025-03.pdf").statusCode()).isEqualTo(403);
    }

    // --- the audit log ---

    @Test
    void loginsSucceededAndFailedAreInTheAuditLogFile() throws Exception {
        new Http(app.port()).login(EXEC, "a wrong password");
        loginAgain(EXEC);

        String lines = String.join("\n", readAuditFiles());
        assertThat(lines).contains("\"event\":\"login\",\"outcome\":\"failed\",\"user\":\"chen\"");
        assertThat(lines).contains("\"event\":\"login\",\"outcome\":\"ok\",\"user\":\"chen\",\"role\":\"EXECUTIVE\"");
        assertThat(lines).doesNotContain("a wrong password", TestUsers.EXEC_PASSWORD);
    }

    @Test
    void auditorsAndAdminsReadTheAuditLogOthersDoNot() {
        Http http = as(EXEC);
        http.getBytes("/api/reports/download?file=sales-2025-03.pdf");

        for (String reader : List.of(AUDITOR, ADMIN)) {
            JsonNode events = Http.json(as(reader).get("/api/audit-log?user=chen&event=download&outcome=ok")).get("events");
            assertThat(events).isNotEmpty();
            assertThat(events.get(0).get("target").asText()).isEqualTo("sales-2025-03.pdf");
            assertThat(events.get(0).get("params").get("bytes").asLong()).isEqualTo("%PDF-1.4 sales report".length());
            assertThat(events.get(0).get("time").asText()).endsWith("Z");
        }
        assertThat(as(EXEC).get("/api/audit-log").statusCode()).isEqualTo(403);
        assertThat(as(HR).get("/api/audit-log").statusCode()).isEqualTo(403);
    }

    @Test
    void theAuditLogFiltersByDay() {
        loginAgain(HR);
        String today = java.time.LocalDate.now(WebConfig.DEFAULT_ZONE).toString();
        String tomorrow = java.time.LocalDate.now(WebConfig.DEFAULT_ZONE).plusDays(1).toString();

        assertThat(Http.json(as(AUDITOR).get("/api/audit-log?user=wu.hr&from=" + today + "&to=" + today)).get("events")).isNotEmpty();
        assertThat(Http.json(as(AUDITOR).get("/api/audit-log?user=wu.hr&from=" + tomorrow)).get("events")).isEmpty();
        HttpResponse<String> bad = as(AUDITOR).get("/api/audit-log?from=2025-02-30");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Http.json(bad).get("error").asText()).contains("from");
    }

    private static List<String> readAuditFiles() throws Exception {
        List<String> lines = new ArrayList<>();
        try (var files = Files.list(audit)) {
            for (Path file : files.toList()) {
                assertThat(file.getFileName().toString()).matches("web-[0-9]{4}-[0-9]{2}\\.jsonl");
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines;
    }

    @Test
    void aDownloadThatCannotBeAuditedDoesNotHappen() throws Exception {
        Path brokenAudit = Files.createDirectories(dir.resolve("broken-audit"));
        try (WebApp broken = WebApp.start(new WebConfig(0, TestUsers.all()).withThrottle(TestUsers.LENIENT)
                .withAuditDir(brokenAudit).withReportsDir(reports), mart)) {
            Http http = new Http(broken.port());
            assertThat(http.login(EXEC, TestUsers.EXEC_PASSWORD).statusCode()).isEqualTo(303);
            // the month's file (the login wrote it) becomes a directory: appending fails
            Path month = brokenAudit.resolve(AuditLog.fileName(java.time.Instant.now()));
            Files.delete(month);
            Files.createDirectory(month);

            HttpResponse<String> response = http.get("/api/reports/download?file=sales-2025-03.pdf");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).doesNotContain("%PDF");
        }
    }
}
