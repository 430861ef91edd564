package dsmart.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TruthTest {

    @Test
    void breachesReadBackAsWritten(@TempDir Path dir) {
        try (Truth truth = new Truth(dir, Rule.rates(""))) {
            truth.population(Rule.COMPLAINT_PAST_DEADLINE);
            truth.record(Rule.COMPLAINT_PAST_DEADLINE, 12, 3L, null, LocalDate.of(2025, 3, 4), "opened, \"late\"\nand 中文");
            truth.finish(Map.of("seed", "1"));
        }
        assertThat(Truth.breaches(dir)).containsExactly(new Truth.Breach("complaint_past_deadline", "P-3.4", "crm.complaints", "12", 3L, null,
                LocalDate.of(2025, 3, 4), "opened, \"late\"\nand 中文"));
        assertThat(Truth.rates(dir)).filteredOn(r -> r.ruleId().equals("complaint_past_deadline"))
                .containsExactly(new Truth.Rate("complaint_past_deadline", "P-3.4", 0.1, 1, 0, 1));
    }
}
