package dsmart.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dsmart.lake.SettingsException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule scoring on crafted series: each kind, seasonality, minimum data points, and the rule syntax. */
class MarketRuleTest {
    private static final LocalDate MONDAY = LocalDate.of(2025, 1, 6);

    /**
     * 15 days from Monday 2025-01-06: Mondays 100 (01-06), 110 (01-13), 60 (01-20); other days 10 or 11 alternately.
     */
    private static List<MarketRule.Point> daily() {
        List<MarketRule.Point> points = new ArrayList<>();
        int[] mondays = {100, 110, 60};
        for (int i = 0; i < 15; i++) {
            int value = i % 7 == 0 ? mondays[i / 7] : 10 + i % 2;
            points.add(new MarketRule.Point(MONDAY.plusDays(i), BigDecimal.valueOf(value)));
        }
        return points;
    }

    private static MarketRule.Evaluation at(List<MarketRule.Evaluation> evaluations, LocalDate period) {
        return evaluations.stream().filter(e -> e.period().equals(period)).findFirst().orElseThrow();
    }

    private static String show(MarketRule.Evaluation e) {
        return e.value() + " " + e.baseline() + " " + e.score() + " " + e.evaluated() + " " + e.breached();
    }

    @Test
    void zScoreWithDayOfWeekSeasonalityComparesMondaysWithMondays() {
        // 01-20: the earlier Mondays in the 14-day window are 100 and 110: mean 105, sample sd √((25 + 25) / 1) = 7.0710678,
        // z = (60 - 105) / 7.0710678 = -6.3639610 → below -2: breached
        MarketRule rule = MarketRule.parse("t", "indicator=sales_amount grain=daily kind=zscore window=14 seasonality=day_of_week "
                + "min.points=2 direction=below threshold=-2");
        assertThat(show(at(rule.evaluate(daily()), LocalDate.of(2025, 1, 20)))).isEqualTo("60 105.000000 -6.363961 true true");
    }

    @Test
    void zScoreWithoutSeasonalityTakesEveryEarlierDay() {
        // 01-20 against all 14 earlier days: 100 + 110 + six 11s and six 10s (days 1..13 but 7: odd days 11, even days 10)
        // = 336, mean 24; 60 is far above it → positive z, not breached downwards
        MarketRule rule = MarketRule.parse("t", "indicator=sales_amount grain=daily kind=zscore window=14 seasonality=none "
                + "min.points=2 direction=below threshold=-2");
        MarketRule.Evaluation e = at(rule.evaluate(daily()), LocalDate.of(2025, 1, 20));
        assertThat(e.baseline()).isEqualByComparingTo("24");
        assertThat(e.score().signum()).isPositive();
        assertThat(e.breached()).isFalse();
    }

    @Test
    void zScoreNeedsTheMinimumNumberOfDataPoints() {
        // 01-13: only one earlier Monday (01-06) < min.points 2 → not evaluated, never breached
        MarketRule rule = MarketRule.parse("t", "indicator=sales_amount grain=daily kind=zscore window=14 seasonality=day_of_week "
                + "min.points=2 direction=both threshold=0");
        assertThat(show(at(rule.evaluate(daily()), LocalDate.of(2025, 1, 13)))).isEqualTo("110 null null false false");
    }

    @Test
    void zScoreWithMonthOfYearSeasonalityComparesJanuariesWithJanuaries() {
        // 25 months from 2023-01: Januaries 100 (2023), 120 (2024), 200 (2025); other months 50.
        // 2025-01: mean 110, sd √((100 + 100) / 1) = 14.142136, z = 90 / 14.142136 = 6.363961 → above 3
        List<MarketRule.Point> points = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            int value = i % 12 == 0 ? new int[] {100, 120, 200}[i / 12] : 50;
            points.add(new MarketRule.Point(LocalDate.of(2023, 1, 1).plusMonths(i), BigDecimal.valueOf(value)));
        }
        MarketRule rule = MarketRule.parse("t", "indicator=sales_amount grain=monthly kind=zscore window=24 seasonality=month_of_year "
                + "min.points=2 direction=above threshold=3");
        assertThat(show(at(rule.evaluate(points), LocalDate.of(2025, 1, 1)))).isEqualTo("200 110.000000 6.363961 true true");
    }

    @Test
    void yearOnYearIsThePercentChangeAgainstTwelveMonthsBefore() {
        // 2024-03 200, 2025-03 150 → (150 - 200) / 200 = -25 % < -20
        List<MarketRule.Point> points = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            points.add(new MarketRule.Point(LocalDate.of(2024, 3, 1).plusMonths(i), BigDecimal.valueOf(i == 0 ? 200 : i == 12 ? 150 : 170)));
        }
        MarketRule rule = MarketRule.parse("t", "indicator=sales_amount grain=monthly kind=yoy direction=below threshold=-20");
        List<MarketRule.Evaluation> evaluations = rule.evaluate(points);
        assertThat(show(evaluations.get(12))).isEqualTo("150 200.000000 -25.000000 true true");
        assertThat(evaluations.get(11).evaluated()).as("no value a year before 2025-02").isFalse();
    }

    @Test
    void movingAverageIsThePercentChangeAgainstTheMeanOfThePreviousPeriods() {
        // 100, 110, 120, then 66: mean 110, (66 - 110) / 110 = -40 %
        List<MarketRule.Point> points = new ArrayList<>();
        int[] values = {100, 110, 120, 66};
        for (int i = 0; i < values.length; i++) {
            points.add(new MarketRule.Point(MONDAY.plusWeeks(i), BigDecimal.valueOf(values[i])));
        }
        MarketRule rule = MarketRule.parse("t", "indicator=sales_amount grain=weekly kind=ma window=3 direction=below threshold=-30");
        List<MarketRule.Evaluation> evaluations = rule.evaluate(points);
        assertThat(show(evaluations.get(3))).isEqualTo("66 110.000000 -40.000000 true true");
        assertThat(evaluations.get(2).evaluated()).as("only two earlier weeks").isFalse();
    }

    @Test
    void absoluteComparesTheValueItself() {
        MarketRule rule = MarketRule.parse("t", "indicator=overdue_ratio grain=monthly kind=absolute direction=above threshold=0.30");
        List<MarketRule.Evaluation> evaluations = rule.evaluate(List.of(
                new MarketRule.Point(LocalDate.of(2025, 1, 1), new BigDecimal("0.30")),
                new MarketRule.Point(LocalDate.of(2025, 2, 1), new BigDecimal("0.31")),
                new MarketRule.Point(LocalDate.of(2025, 3, 1), null)));
        assertThat(evaluations).extracting(MarketRule.Evaluation::breached).containsExactly(false, true, false);
        assertThat(evaluations.get(2).evaluated()).isFalse();
    }

    @Test
    void aRuleWithAnUnknownKeyIsRejectedNamingTheSetting() {
        assertThatThrownBy(() -> MarketRule.parse("x", "indicator=sales_amount grain=monthly kind=absolute threshold=1 direction=above limit=3"))
                .isInstanceOf(SettingsException.class).hasMessageContaining("market.rule.x").hasMessageContaining("'limit=3'");
    }

    @Test
    void aZScoreRuleNeedsAWindow() {
        assertThatThrownBy(() -> MarketRule.parse("x", "indicator=sales_amount grain=monthly kind=zscore threshold=1 direction=above"))
                .isInstanceOf(SettingsException.class).hasMessageContaining("market.rule.x").hasMessageContaining("window");
    }

    @Test
    void theDefaultRulesParse() {
        assertThat(MarketRule.all(dsmart.lake.Settings.defaults())).extracting(MarketRule::name).contains("sales_daily_zscore",
                "overdue_ratio_high");
    }
}
