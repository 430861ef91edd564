package dsmart.reports;

import static java.util.Objects.requireNonNull;

import dsmart.lake.Settings;
import dsmart.lake.SettingsException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which packs the pipeline generates, and when: a monthly pack for month M once day {@code reports.close.day}
 * of month M+1 has come (the month is closed); an annual pack for year Y from that day of January Y+1.
 * The jobs are setting {@code reports.schedule}: {@code pack[:language]}, comma separated.
 */
public final class ReportSchedule {
    /** Days 1 to 28 exist in every month. */
    static final int LAST_CLOSE_DAY = 28;

    /** One scheduled pack in one language, for the whole company. */
    public record Job(String pack, Language language) {
        public Job {
            requireNonNull(pack, "pack");
            requireNonNull(language, "language");
        }

        /** {@code executive-sales} or {@code executive-sales:en}; the language defaults to zh-CN. */
        public static Job parse(String text) {
            String value = text.strip();
            int colon = value.indexOf(':');
            return colon < 0 ? new Job(value, Language.ZH_CN) : new Job(value.substring(0, colon).strip(), Language.parse(value.substring(colon + 1)));
        }

        @Override
        public String toString() {
            return pack + ":" + language;
        }
    }

    /** A job's period that is due. */
    public record Due(Job job, Period period) {
        /** The request the pipeline makes for it: whole company, asked by {@code requestedBy} via the schedule. */
        public ReportRequest request(String requestedBy) {
            return new ReportRequest(job.pack(), period, Scope.company(), job.language(), requestedBy, "schedule");
        }
    }

    private final List<Job> jobs;
    private final Map<String, ReportPack.Cadence> cadences = new LinkedHashMap<>();
    private final int closeDay;

    public ReportSchedule(List<Job> jobs, Function<String, ReportPack.Cadence> cadenceOf, int closeDay) {
        if (closeDay < 1 || closeDay > LAST_CLOSE_DAY) {
            throw new IllegalArgumentException("close day must be 1.." + LAST_CLOSE_DAY + ", was " + closeDay);
        }
        this.jobs = List.copyOf(jobs);
        for (Job job : this.jobs) {
            cadences.put(job.pack(), requireNonNull(cadenceOf.apply(job.pack()), job.pack()));
        }
        this.closeDay = closeDay;
    }

    /** From settings {@code reports.schedule} and {@code reports.close.day}; a bad value names its key. */
    public static ReportSchedule from(Settings settings, ReportPacks packs) {
        int closeDay = settings.integer("reports.close.day");
        if (closeDay > LAST_CLOSE_DAY) {
            throw new SettingsException("bad setting reports.close.day=" + closeDay + ": must be a day of the month 1-" + LAST_CLOSE_DAY
                    + " (a day every month has)");
        }
        List<Job> jobs = new ArrayList<>();
        String text = settings.text("reports.schedule");
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                Job job = Job.parse(entry);
                packs.get(job.pack());
                if (!jobs.contains(job)) {
                    jobs.add(job);
                }
            } catch (IllegalArgumentException e) {
                throw new SettingsException("bad setting reports.schedule=" + text + ": " + e.getMessage());
            }
        }
        return new ReportSchedule(jobs, name -> packs.get(name).cadence(), closeDay);
    }

    public List<Job> jobs() {
        return jobs;
    }

    public int closeDay() {
        return closeDay;
    }

    /** The last period of a cadence closed by {@code today}. */
    public Period lastClosed(ReportPack.Cadence cadence, LocalDate today) {
        return Period.lastClosed(cadence.periodKind(), today, closeDay);
    }

    /**
     * What is due on {@code today}: for each job, every closed period after the last one archived
     * ({@code lastArchived}, by job), oldest first; a job never archived gets only its latest closed period
     * (older ones are generated on demand with {@code dsmart report --period}).
     */
    public List<Due> due(LocalDate today, Map<Job, Period> lastArchived) {
        requireNonNull(today, "today");
        List<Due> due = new ArrayList<>();
        for (Job job : jobs) {
            Period closed = lastClosed(cadences.get(job.pack()), today);
            Period last = lastArchived.get(job);
            Period next = last == null || last.kind() != closed.kind() ? closed : last.next();
            for (Period period = next; period.compareTo(closed) <= 0; period = period.next()) {
                due.add(new Due(job, period));
            }
        }
        return due;
    }

    /** {@link #due} with what the archive holds. */
    public List<Due> due(LocalDate today, ReportArchive archive) {
        Map<Job, Period> last = new LinkedHashMap<>();
        for (Job job : jobs) {
            archive.lastArchived(job.pack(), job.language(), cadences.get(job.pack()).periodKind()).ifPresent(period -> last.put(job, period));
        }
        return due(today, last);
    }
}
