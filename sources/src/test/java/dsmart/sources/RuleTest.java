package dsmart.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dsmart.lake.SettingsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleTest {

    @Test
    void emptySettingGivesTheCatalogueRates() {
        Map<Rule, Double> rates = Rule.rates("");
        assertThat(rates).hasSize(Rule.values().length);
        assertThat(rates.get(Rule.TRACKING_NOT_SENT)).isEqualTo(Rule.TRACKING_NOT_SENT.defaultRate());
    }

    @Test
    void noneThenSingleRatesGivesOnlyThose() {
        Map<Rule, Double> rates = Rule.rates("none, duplicate_order=0.5");
        assertThat(rates.get(Rule.DUPLICATE_ORDER)).isEqualTo(0.5);
        assertThat(rates.entrySet()).filteredOn(e -> e.getKey() != Rule.DUPLICATE_ORDER).allMatch(e -> e.getValue() == 0.0);
    }

    @Test
    void aBadEntryNamesTheSettingAndTheEntry() {
        assertThatThrownBy(() -> Rule.rates("ticket_answered_late=2"))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("generator.breaches")
                .hasMessageContaining("ticket_answered_late=2");
        assertThatThrownBy(() -> Rule.rates("no_such_rule=0.1")).hasMessageContaining("unknown breach rule no_such_rule");
    }
}
