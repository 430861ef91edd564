package dsmart.sources;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** generator.breaches=none: a company that follows every rule, so a mart rule must find nothing. */
class CleanCompanyTest {

    @ParameterizedTest
    @EnumSource(value = Rule.class, mode = EnumSource.Mode.EXCLUDE, names = "EXPENSE_OUTLIER")
    void noRowBreaksTheRule(Rule rule) {
        Detectors.Found found = Detectors.find(rule, Companies.clean());
        assertThat(found.population()).as(rule.id()).isPositive();
        assertThat(found.ids()).as(rule.id()).isEmpty();
    }

    @Test
    void noRepSpendsFarMoreThanItsPeers() {
        assertThat(Detectors.find(Rule.EXPENSE_OUTLIER, Companies.clean()).ids()).isEmpty();
    }

    @Test
    void truthFileIsEmpty() {
        assertThat(Truth.breaches(Truth.dir(Companies.clean()))).isEmpty();
    }
}
