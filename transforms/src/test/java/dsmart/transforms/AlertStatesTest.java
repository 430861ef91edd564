package dsmart.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The alert state machine on crafted breach series: 1 = the condition holds in that period, 0 = it does not. */
class AlertStatesTest {
    private static final LocalDate START = LocalDate.of(2025, 1, 1);

    /** Monthly periods from 2025-01, breached where the pattern has a 1. */
    private static List<MarketRule.Evaluation> series(String pattern) {
        List<MarketRule.Evaluation> out = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            boolean breached = pattern.charAt(i) == '1';
            out.add(new MarketRule.Evaluation(START.plusMonths(i), null, null, null, true, breached));
        }
        return out;
    }

    /** "period event state episode_start fired_at breached_periods" per transition. */
    private static List<String> run(String pattern, int pending, int repeat) {
        return AlertStates.run(series(pattern), pending, repeat).stream()
                .map(t -> t.at().period() + " " + t.event().name().toLowerCase() + " " + t.state() + " " + t.episodeStart() + " "
                        + t.firedAt() + " " + t.breachedPeriods())
                .toList();
    }

    @Test
    void aFirstBreachIsPendingWhileThePendingPeriodRuns() {
        // pending = 3: breaches in Feb and Mar are periods 1 and 2 of 3 → one pending event (Feb), nothing yet in Mar
        assertThat(run("0110", 3, 0)).first().isEqualTo("2025-02-01 pending pending 2025-02-01 null 1");
    }

    @Test
    void firesOnceTheConditionHeldForThePendingPeriods() {
        // pending = 2: Feb pending (1 of 2), Mar firing (2 of 2), Apr still breaching: no new event (repeat 0)
        assertThat(run("01110", 2, 0).subList(0, 2)).containsExactly(
                "2025-02-01 pending pending 2025-02-01 null 1",
                "2025-03-01 firing firing 2025-02-01 2025-03-01 2");
    }

    @Test
    void pendingOfOneFiresAtTheFirstBreach() {
        assertThat(run("010", 1, 0)).first().isEqualTo("2025-02-01 firing firing 2025-02-01 2025-02-01 1");
    }

    @Test
    void aFiringAlertIsNotifiedAgainEveryRepeatPeriods() {
        // pending 1, repeat 2: fires Jan (notified), Mar repeat (2 periods after Jan), May repeat; Feb/Apr/Jun nothing
        assertThat(run("111111", 1, 2)).containsExactly(
                "2025-01-01 firing firing 2025-01-01 2025-01-01 1",
                "2025-03-01 repeat firing 2025-01-01 2025-01-01 3",
                "2025-05-01 repeat firing 2025-01-01 2025-01-01 5");
    }

    @Test
    void aFiringAlertResolvesWhenTheConditionStops() {
        // fires Jan, holds Feb, Mar back within the threshold → resolved, the episode that started in Jan
        assertThat(run("1100", 1, 0)).containsExactly(
                "2025-01-01 firing firing 2025-01-01 2025-01-01 1",
                "2025-03-01 resolved resolved 2025-01-01 2025-01-01 2");
    }

    @Test
    void aPendingAlertThatStopsBeforeFiringIsCancelled() {
        assertThat(run("0100", 2, 0)).containsExactly(
                "2025-02-01 pending pending 2025-02-01 null 1",
                "2025-03-01 cancelled cancelled 2025-02-01 null 1");
    }

    @Test
    void aNewBreachAfterResolutionStartsANewEpisode() {
        assertThat(run("1010", 1, 0)).containsExactly(
                "2025-01-01 firing firing 2025-01-01 2025-01-01 1",
                "2025-02-01 resolved resolved 2025-01-01 2025-01-01 1",
                "2025-03-01 firing firing 2025-03-01 2025-03-01 1",
                "2025-04-01 resolved resolved 2025-03-01 2025-03-01 1");
    }

    @Test
    void aPeriodThatCannotBeEvaluatedCountsAsNotBreached() {
        List<MarketRule.Evaluation> periods = new ArrayList<>(series("1"));
        periods.add(new MarketRule.Evaluation(START.plusMonths(1), null, null, null, false, false));
        assertThat(AlertStates.run(periods, 1, 0)).extracting(t -> t.event().name()).containsExactly("FIRING", "RESOLVED");
    }

    @Test
    void rejectsAPendingPeriodBelowOne() {
        assertThatThrownBy(() -> AlertStates.run(series("1"), 0, 0)).hasMessageContaining("pending must be >= 1").hasMessageContaining("0");
    }
}
