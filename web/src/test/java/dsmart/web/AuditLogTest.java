package dsmart.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    @TempDir
    Path dir;

    final LoginThrottleTest.TestClock clock = new LoginThrottleTest.TestClock();

    @Test
    void eventsAreJsonLinesInAFilePerMonth() throws Exception {
        AuditLog log = AuditLog.open(dir.resolve("audit"), clock);
        log.record("login", "ok", null, "chen", "127.0.0.1", "/login", Map.of());
        clock.now = Instant.parse("2025-07-01T00:00:01Z");
        log.record("download", "ok", null, "chen", "127.0.0.1", "sales.pdf", Map.of("bytes", 12));

        List<String> june = Files.readAllLines(dir.resolve("audit/web-2025-06.jsonl"));
        List<String> july = Files.readAllLines(dir.resolve("audit/web-2025-07.jsonl"));
        assertThat(june).hasSize(1);
        assertThat(july).hasSize(1);
        JsonNode line = Http.JSON.readTree(july.get(0));
        assertThat(line.get("time").asText()).isEqualTo("2025-07-01T00:00:01Z");
        assertThat(line.get("event").asText()).isEqualTo("download");
        assertThat(line.get("user").asText()).isEqualTo("chen");
        assertThat(line.get("target").asText()).isEqualTo("sales.pdf");
        assertThat(line.get("params").get("bytes").asInt()).isEqualTo(12);
    }

    @Test
    void aNewLogReadsWhatAnEarlierOneWrote() {
        AuditLog first = AuditLog.open(dir, clock);
        first.record("login", "failed", null, "x", "10.0.0.1", "/login", Map.of());
        first.record("login", "ok", null, "chen", "10.0.0.1", "/login", Map.of());

        List<AuditLog.Event> events = AuditLog.open(dir, clock).recent(e -> true, 10);

        assertThat(events).extracting(AuditLog.Event::outcome).containsExactly("ok", "failed");
    }

    @Test
    void recentFiltersAndLimits() {
        AuditLog log = AuditLog.open(null, clock);
        for (int i = 0; i < 5; i++) {
            log.record("login", i % 2 == 0 ? "ok" : "failed", null, "u" + i, "10.0.0.1", "/login", Map.of());
        }
        assertThat(log.recent(e -> e.outcome().equals("ok"), 2)).extracting(AuditLog.Event::user).containsExactly("u4", "u2");
    }
}
