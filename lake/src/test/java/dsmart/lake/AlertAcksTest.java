package dsmart.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertAcksTest {
    @TempDir
    Path dir;

    @Test
    void appendedAcknowledgementsReadBackInOrderWithCommasQuotesAndLineBreaks() {
        AlertAcks acks = AlertAcks.at(dir.resolve("ops/alert_ack.csv"));
        AlertAcks.Ack first = new AlertAcks.Ack("r:EAST:2025-01-01", "exec", Instant.parse("2025-02-01T08:00:00Z"), "已处理, \"ok\"\n次日回访");
        AlertAcks.Ack second = new AlertAcks.Ack("r:all:2025-03-01", "east", Instant.parse("2025-03-02T09:30:00Z"), null);
        acks.append(first);
        acks.append(second);
        assertThat(acks.all()).containsExactly(first, new AlertAcks.Ack("r:all:2025-03-01", "east", Instant.parse("2025-03-02T09:30:00Z"), ""));
    }

    @Test
    void theFileStartsWithItsHeaderOnce() throws Exception {
        AlertAcks acks = AlertAcks.at(dir.resolve("acks.csv"));
        acks.append(new AlertAcks.Ack("a", "exec", Instant.parse("2025-02-01T08:00:00Z"), "n"));
        acks.append(new AlertAcks.Ack("b", "exec", Instant.parse("2025-02-01T08:00:00Z"), "n"));
        assertThat(Files.readAllLines(dir.resolve("acks.csv"), StandardCharsets.UTF_8)).containsExactly(
                "alert_id,acknowledged_by,acknowledged_at,note",
                "\"a\",\"exec\",2025-02-01T08:00:00Z,\"n\"",
                "\"b\",\"exec\",2025-02-01T08:00:00Z,\"n\"");
    }

    @Test
    void noFileMeansNoAcknowledgements() {
        assertThat(AlertAcks.at(dir.resolve("absent.csv")).all()).isEmpty();
    }
}
