package dsmart.lake;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * Working days: Monday to Friday, less public holidays, plus weekend days worked by adjustment
 * (调休), both from settings.
 */
public final class BusinessCalendar {
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> workdays;

    public BusinessCalendar(Set<LocalDate> holidays, Set<LocalDate> workdays) {
        this.holidays = Set.copyOf(requireNonNull(holidays, "holidays"));
        this.workdays = Set.copyOf(requireNonNull(workdays, "workdays"));
        for (LocalDate day : this.workdays) {
            if (this.holidays.contains(day)) {
                throw new IllegalArgumentException(day + " is both a holiday and an adjusted working day");
            }
        }
    }

    public boolean isWorkingDay(LocalDate day) {
        if (workdays.contains(day)) {
            return true;
        }
        if (holidays.contains(day)) {
            return false;
        }
        DayOfWeek weekday = day.getDayOfWeek();
        return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY;
    }

    /** The working day that is {@code days} working days after {@code start} (start itself not counted). */
    public LocalDate plusWorkingDays(LocalDate start, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must be >= 0, was " + days);
        }
        LocalDate day = start;
        int left = days;
        while (left > 0) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                left--;
            }
        }
        return day;
    }

    /** Working days in (from, to]: 0 when to is not after from. */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }
}
