package dsmart.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.BusinessCalendar;
import dsmart.lake.Settings;
import dsmart.lake.spark.Sparks;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * stg_calendar around the 2025 Spring Festival (holidays 01-28..02-04, adjusted working days Sun 01-26 and Sat 02-08)
 * and National Day (holidays 10-01..10-08, adjusted working days Sun 09-28 and Sat 10-11), default settings.
 */
class BusinessCalendarViewTest {
    @TempDir
    Path dir;
    private SparkSession spark;
    private Settings settings;

    @BeforeEach
    void calendar() {
        settings = Settings.builder().overrides(Map.of("data.dir", dir.toString())).build();
        spark = Sparks.session(settings);
        spark.sql(settings.fill(Models.sql("stg_calendar"))).createOrReplaceTempView("stg_calendar");
    }

    /** The N-th working day after the day (the day itself not counted), as the compliance and SLA marts find it. */
    private LocalDate due(String opened, int n) {
        Row row = spark.sql("SELECT d.day FROM stg_calendar o JOIN stg_calendar d ON d.is_working_day "
                + "AND d.working_day_no = o.working_day_no + " + n + " WHERE o.day = DATE '" + opened + "'").first();
        return row.getDate(0).toLocalDate();
    }

    private long workingDaysBetween(String from, String to) {
        return spark.sql("SELECT b.working_day_no - a.working_day_no FROM stg_calendar a, stg_calendar b "
                + "WHERE a.day = DATE '" + from + "' AND b.day = DATE '" + to + "'").first().getLong(0);
    }

    @Test
    void springFestivalHolidaysAreSkippedAndAdjustedWeekendsCount() {
        // Fri 01-24 -> Sun 01-26 (adjusted) 1, Mon 01-27 2, holidays 01-28..02-04, Wed 02-05 3
        assertThat(due("2025-01-24", 3)).isEqualTo(LocalDate.of(2025, 2, 5));
        // Mon 01-27 -> 02-05 1, 02-06 2, 02-07 3
        assertThat(due("2025-01-27", 3)).isEqualTo(LocalDate.of(2025, 2, 7));
        // opened on a holiday (Thu 01-30): counting starts after it, the same as from 01-27
        assertThat(due("2025-01-30", 3)).isEqualTo(LocalDate.of(2025, 2, 7));
        // Thu 02-06 -> Fri 02-07 1, Sat 02-08 (adjusted) 2, Sun 02-09 no, Mon 02-10 3
        assertThat(due("2025-02-06", 3)).isEqualTo(LocalDate.of(2025, 2, 10));
        // (01-24, 02-10]: 01-26, 01-27, 02-05, 02-06, 02-07, 02-08, 02-10
        assertThat(workingDaysBetween("2025-01-24", "2025-02-10")).isEqualTo(7);
    }

    @Test
    void nationalDayHolidaysAreSkippedAndAdjustedWeekendsCount() {
        // Fri 09-26 -> Sun 09-28 (adjusted) 1, Mon 09-29 2, Tue 09-30 3
        assertThat(due("2025-09-26", 3)).isEqualTo(LocalDate.of(2025, 9, 30));
        // Mon 09-29 -> 09-30 1, holidays 10-01..10-08, Thu 10-09 2, Fri 10-10 3
        assertThat(due("2025-09-29", 3)).isEqualTo(LocalDate.of(2025, 10, 10));
        // Tue 09-30 -> 10-09 1, 10-10 2, Sat 10-11 (adjusted) 3
        assertThat(due("2025-09-30", 3)).isEqualTo(LocalDate.of(2025, 10, 11));
        // Fri 10-10 -> Sat 10-11 1, Sun 10-12 no, Mon 10-13 2, Tue 10-14 3
        assertThat(due("2025-10-10", 3)).isEqualTo(LocalDate.of(2025, 10, 14));
        // (09-26, 10-13]: 09-28, 09-29, 09-30, 10-09, 10-10, 10-11, 10-13
        assertThat(workingDaysBetween("2025-09-26", "2025-10-13")).isEqualTo(7);
    }

    @Test
    void everyDayOf2025And2026AgreesWithBusinessCalendar() {
        BusinessCalendar calendar = settings.calendar();
        Map<LocalDate, Boolean> working = new java.util.HashMap<>();
        for (Row row : spark.sql("SELECT day, is_working_day FROM stg_calendar WHERE year(day) IN (2025, 2026)").collectAsList()) {
            working.put(row.getDate(0).toLocalDate(), row.getBoolean(1));
        }
        assertThat(working).hasSize(365 * 2);
        working.forEach((day, isWorking) -> assertThat(isWorking).as(day.toString()).isEqualTo(calendar.isWorkingDay(day)));
    }
}
