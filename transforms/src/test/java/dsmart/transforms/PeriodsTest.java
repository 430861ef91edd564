package dsmart.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The first period a change reaches, rounded down to the month partition that holds it. */
class PeriodsTest {
    @Test
    void aMonthlyMartIsRebuiltFromTheChangesMonth() {
        assertThat(new Mart.Periods("month", List.of("MONTH")).first(LocalDate.parse("2025-03-17")))
                .isEqualTo(LocalDate.parse("2025-03-01"));
    }

    @Test
    void aWeekThatStartsInTheMonthBeforeTakesTheRebuildBackToThatMonth() {
        // Sunday 2025-02-02 is in the week of Monday 2025-01-27
        Mart.Periods periods = new Mart.Periods("period_start", List.of("DAY", "WEEK", "MONTH"));

        assertThat(periods.first(LocalDate.parse("2025-02-02"))).isEqualTo(LocalDate.parse("2025-01-01"));
        assertThat(periods.first(LocalDate.parse("2025-02-03"))).isEqualTo(LocalDate.parse("2025-02-01"));
    }

    @Test
    void yearPeriodsAreRebuiltFromTheFirstOfJanuary() {
        Mart.Periods periods = new Mart.Periods("period_start", List.of("MONTH", "QUARTER", "YEAR"));

        assertThat(periods.first(LocalDate.parse("2026-08-09"))).isEqualTo(LocalDate.parse("2026-01-01"));
        assertThat(new Mart.Periods("period_start", List.of("QUARTER")).first(LocalDate.parse("2026-08-09")))
                .isEqualTo(LocalDate.parse("2026-07-01"));
    }

    @Test
    void anUnknownGrainIsNamed() {
        assertThatThrownBy(() -> new Mart.Periods("period_start", List.of("MONTH", "FORTNIGHT")))
                .hasMessageContaining("FORTNIGHT").hasMessageContaining("period_start");
    }

    @Test
    void aMartOfPeriodsIsPartitionedByMonth() {
        assertThat(new Mart.Periods("month", List.of("MONTH")).partitionedBy()).isEqualTo("months(`month`)");
        assertThat(new Mart.AsOf("as_of_date", "stg_ar_as_of").partitionedBy()).isEqualTo("`as_of_date`");
    }
}
