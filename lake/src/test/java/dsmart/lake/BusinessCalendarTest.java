package dsmart.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {
    // National Day 2025: 1-8 October off, Saturday 11 October worked.
    private final BusinessCalendar calendar = Settings.defaults().calendar();

    @Test
    void weekendsAndHolidaysAreNotWorkingDays() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2025, 9, 30))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2025, 10, 6))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2025, 10, 12))).isFalse();
    }

    @Test
    void adjustedWeekendDayIsAWorkingDay() {
        assertThat(LocalDate.of(2025, 10, 11).getDayOfWeek().getValue()).isEqualTo(6);
        assertThat(calendar.isWorkingDay(LocalDate.of(2025, 10, 11))).isTrue();
    }

    @Test
    void threeWorkingDaysAcrossNationalDay() {
        // Tuesday 30 Sep + 3 working days: Thu 9 Oct, Fri 10 Oct, Sat 11 Oct (adjusted).
        assertThat(calendar.plusWorkingDays(LocalDate.of(2025, 9, 30), 3)).isEqualTo(LocalDate.of(2025, 10, 11));
    }

    @Test
    void workingDaysBetweenCountsTheEndNotTheStart() {
        assertThat(calendar.workingDaysBetween(LocalDate.of(2025, 9, 29), LocalDate.of(2025, 10, 10))).isEqualTo(3);
        assertThat(calendar.workingDaysBetween(LocalDate.of(2025, 10, 10), LocalDate.of(2025, 10, 10))).isZero();
    }
}
