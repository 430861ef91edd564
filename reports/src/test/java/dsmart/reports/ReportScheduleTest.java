package dsmart.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dsmart.lake.Settings;
import dsmart.lake.SettingsException;
import dsmart.reports.ReportSchedule.Due;
import dsmart.reports.ReportSchedule.Job;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportScheduleTest {
    private static final Job SALES = new Job("executive-sales", Language.ZH_CN);
    private static final Job YEARLY = new Job("yearly", Language.EN);
    private static final ReportSchedule SCHEDULE = new ReportSchedule(List.of(SALES, YEARLY),
            pack -> pack.equals("yearly") ? ReportPack.Cadence.ANNUAL : ReportPack.Cadence.MONTHLY, 5);

    private static List<Due> due(String today, Map<Job, Period> last) {
        return SCHEDULE.due(LocalDate.parse(today), last);
    }

    @Test
    void beforeTheCloseDayTheLastMonthIsNotYetDue() {
        assertThat(due("2025-04-04", Map.of(SALES, Period.parse("2025-02"), YEARLY, Period.parse("2024")))).isEmpty();
    }

    @Test
    void onTheCloseDayTheLastMonthIsDue() {
        assertThat(due("2025-04-05", Map.of(SALES, Period.parse("2025-02"), YEARLY, Period.parse("2024"))))
                .containsExactly(new Due(SALES, Period.parse("2025-03")));
    }

    @Test
    void missedMonthsAreCaughtUpOldestFirst() {
        assertThat(due("2025-04-20", Map.of(SALES, Period.parse("2024-12"), YEARLY, Period.parse("2024"))))
                .containsExactly(new Due(SALES, Period.parse("2025-01")), new Due(SALES, Period.parse("2025-02")),
                        new Due(SALES, Period.parse("2025-03")));
    }

    @Test
    void aJobNeverArchivedGetsOnlyItsLatestClosedPeriod() {
        assertThat(due("2025-01-06", Map.of())).containsExactly(new Due(SALES, Period.parse("2024-12")), new Due(YEARLY, Period.parse("2024")));
    }

    @Test
    void theYearIsDueOnTheCloseDayOfJanuary() {
        assertThat(due("2025-01-04", Map.of(SALES, Period.parse("2024-11"), YEARLY, Period.parse("2023")))).isEmpty();
        assertThat(due("2025-01-05", Map.of(SALES, Period.parse("2024-12"), YEARLY, Period.parse("2023"))))
                .containsExactly(new Due(YEARLY, Period.parse("2024")));
    }

    @Test
    void settingsNameTheJobsAndTheCloseDay() {
        Settings settings = Settings.builder().overrides(Map.of("reports.close.day", "3",
                "reports.schedule", "executive-sales, customer-sales:en")).build();

        ReportSchedule schedule = ReportSchedule.from(settings, ReportPacks.standard());

        assertThat(schedule.closeDay()).isEqualTo(3);
        assertThat(schedule.jobs()).containsExactly(new Job("executive-sales", Language.ZH_CN), new Job("customer-sales", Language.EN));
    }

    @Test
    void aCloseDayNotInEveryMonthNamesTheSetting() {
        Settings settings = Settings.builder().overrides(Map.of("reports.close.day", "31")).build();

        assertThatThrownBy(() -> ReportSchedule.from(settings, ReportPacks.standard()))
                .isInstanceOf(SettingsException.class).hasMessageContaining("reports.close.day=31");
    }

    @Test
    void anUnknownPackInTheScheduleNamesTheSetting() {
        Settings settings = Settings.builder().overrides(Map.of("reports.schedule", "executive-sales,no-such-pack")).build();

        assertThatThrownBy(() -> ReportSchedule.from(settings, ReportPacks.standard()))
                .isInstanceOf(SettingsException.class).hasMessageContaining("reports.schedule").hasMessageContaining("no-such-pack");
    }

    @Test
    void theDefaultScheduleGeneratesEveryMonthEndPack() {
        ReportSchedule schedule = ReportSchedule.from(Settings.builder().build(), ReportPacks.standard());

        assertThat(schedule.jobs()).extracting(Job::pack)
                .containsExactly("executive-sales", "customer-tiers", "hr-appraisal", "risk", "audit-compliance");
        assertThat(schedule.jobs()).allSatisfy(job -> assertThat(ReportPacks.standard().get(job.pack()).cadence()).isEqualTo(ReportPack.Cadence.MONTHLY));
    }

    @Test
    void aDuePackWhoseMartsAreAbsentIsSkippedNamingThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path archive) throws Exception {
        ReportSchedule schedule = new ReportSchedule(List.of(SALES, new Job(RiskPack.NAME, Language.EN)), pack -> ReportPack.Cadence.MONTHLY, 5);
        List<String> skipped = new java.util.ArrayList<>();

        try (dsmart.serving.MartQuery salesOnly = Fixtures.port()) {
            List<ArchivedReport> archived = Fixtures.reports(archive).generateDue(schedule, LocalDate.parse("2024-03-06"), salesOnly, "pipeline",
                    skipped::add);

            assertThat(archived).extracting(report -> report.manifest().pack()).containsExactly("executive-sales");
        }
        assertThat(skipped).singleElement().asString().startsWith("skipped risk 2024-02: ")
                .contains("mart.ar_ageing", "mart.ar_ledger", "mart.ar_provision", "mart.credit_exposure", "mart.credit_limit_breach",
                        "mart.market_alert")
                .contains("not in the lake");
    }
}
