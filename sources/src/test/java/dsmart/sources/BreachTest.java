package dsmart.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Settings;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every planted breach kind: the truth file lists exactly the rows that break the rule, at about the configured rate. */
class BreachTest {

    private static Set<String> recorded(Settings settings, Rule rule) {
        Set<String> ids = new LinkedHashSet<>();
        for (Truth.Breach breach : Truth.breaches(Truth.dir(settings))) {
            if (breach.ruleId().equals(rule.id())) {
                assertThat(breach.entity()).isEqualTo(rule.entity());
                assertThat(breach.clause()).isEqualTo(rule.clause());
                ids.add(breach.entityId());
            }
        }
        return ids;
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void truthListsExactlyTheRowsBreakingTheRule(Rule rule) {
        Settings settings = Companies.standard();
        Set<String> found = Detectors.find(rule, settings).ids();
        assertThat(found).as(rule.id()).isNotEmpty();
        assertThat(recorded(settings, rule)).as(rule.id()).containsExactlyInAnyOrderElementsOf(found);
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void breachesOccurAtTheConfiguredRate(Rule rule) {
        Settings settings = Companies.standard();
        double rate = Rule.rates(settings.text("generator.breaches")).get(rule);
        Detectors.Found found = Detectors.find(rule, settings);
        long units = rule == Rule.SALE_BEFORE_INDUCTION_PASSED ? distinctReps(settings, found) : found.ids().size();
        if (rule == Rule.EXPENSE_OUTLIER) {
            assertThat(units).isEqualTo(Math.max(1, Math.round(rate * found.population())));
            return;
        }
        double expected = rate * found.population();
        double tolerance = 4 * Math.sqrt(found.population() * rate * (1 - rate)) + 2;
        assertThat((double) units).as("%s: %d of %d, rate %s", rule.id(), units, found.population(), rate)
                .isBetween(expected - tolerance, expected + tolerance);
    }

    private static long distinctReps(Settings settings, Detectors.Found found) {
        return Truth.breaches(Truth.dir(settings)).stream()
                .filter(b -> b.ruleId().equals(Rule.SALE_BEFORE_INDUCTION_PASSED.id()))
                .map(Truth.Breach::repId).distinct().count();
    }
}
