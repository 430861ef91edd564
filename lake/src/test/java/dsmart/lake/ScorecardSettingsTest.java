package dsmart.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The value checks of the scorecard and care settings (issue 4). */
class ScorecardSettingsTest {
    private static Settings with(String key, String value) {
        return Settings.builder().overrides(Map.of(key, value)).build();
    }

    @Test
    void weightsAreEffectiveDatedPerLevelAndSumTo100() {
        assertThat(with("scorecard.weights", "2025-01-01:rep:40/20/20/10/10, 2025-07-01:rep:30/30/20/10/10").text("scorecard.weights"))
                .contains("2025-07-01:rep");
        assertThatThrownBy(() -> with("scorecard.weights", "2025-01-01:rep:40/20/20/10/5"))
                .isInstanceOf(SettingsException.class).hasMessageContaining("scorecard.weights").hasMessageContaining("2025-01-01:rep:40/20/20/10/5");
        assertThatThrownBy(() -> with("scorecard.weights", "2025-01-15:rep:40/20/20/10/10")).hasMessageContaining("first day of a month");
        assertThatThrownBy(() -> with("scorecard.weights", "2025-01-01:rep:40/20/20/20")).hasMessageContaining("scorecard.weights");
        assertThatThrownBy(() -> with("scorecard.weights", "2025-01-01:rep:40/20/20/10/10,2025-01-01:rep:20/20/20/20/20"))
                .hasMessageContaining("scorecard.weights");
    }

    @Test
    void annualMethodAndOccasionsAreChecked() {
        assertThatThrownBy(() -> with("scorecard.annual.method", "sum")).hasMessageContaining("must be mean or median");
        assertThat(with("care.occasions", "").text("care.occasions")).isEmpty();
        assertThatThrownBy(() -> with("care.occasions", "spring_festival:2025-02-30")).hasMessageContaining("care.occasions");
    }
}
