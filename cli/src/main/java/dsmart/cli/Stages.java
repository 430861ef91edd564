package dsmart.cli;

import dsmart.ingestion.Ingestion;
import dsmart.lake.Progress;
import dsmart.lake.Settings;
import dsmart.reports.ArchivedReport;
import dsmart.reports.ReportRequest;
import dsmart.reports.ReportSchedule;
import dsmart.reports.Reports;
import dsmart.serving.Engines;
import dsmart.serving.MartQuery;
import dsmart.sources.Generator;
import dsmart.transforms.Transforms;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The pipeline's stages as the commands run them; each prints its progress on stderr. */
final class Stages {
    private Stages() {}

    static Generator.Result generate(Settings settings) {
        Progress progress = Progress.of("generate");
        Generator.Result result = Generator.generate(settings, progress);
        progress.message(String.format("%,d customers, %,d reps, %,d orders, %,d order lines, %,d invoices",
                result.customers(), result.reps(), result.orders(), result.orderLines(), result.invoices()));
        return result;
    }

    static List<Ingestion.TableResult> ingest(Settings settings, boolean full) {
        return Ingestion.run(settings, Progress.of("ingest"), full);
    }

    static List<Transforms.MartResult> transform(Settings settings) {
        return Transforms.run(settings, Progress.of("transform"));
    }

    /** The scheduled packs due today (business zone); see {@link #report(Settings, LocalDate)}. */
    static List<ArchivedReport> report(Settings settings) {
        return report(settings, LocalDate.now(settings.zone()));
    }

    /**
     * Generates, for the whole company, every scheduled pack (setting reports.schedule) whose period has closed
     * by {@code today} (setting reports.close.day) and is not archived yet; archived under reports.dir.
     */
    static List<ArchivedReport> report(Settings settings, LocalDate today) {
        Progress progress = Progress.of("report");
        Reports reports = Reports.from(settings);
        ReportSchedule schedule = ReportSchedule.from(settings, reports.packs());
        List<ReportSchedule.Due> due = schedule.due(today, reports.archive());
        if (due.isEmpty()) {
            progress.message("nothing due on " + today + " (schedule " + schedule.jobs() + ", month close on day " + schedule.closeDay()
                    + "): the archive " + reports.archive().root() + " is up to date");
            return List.of();
        }
        List<ArchivedReport> archived = new ArrayList<>();
        try (MartQuery port = engine(settings)) {
            for (ReportSchedule.Due pack : due) {
                // A pack whose marts were skipped by the transform (inputs absent) is skipped too, with a message.
                ReportRequest request = pack.request(ReportRequest.osUser());
                List<String> absent = reports.absentMarts(request, port);
                if (absent.isEmpty()) {
                    archived.add(generate(reports, request, port, progress));
                } else {
                    progress.message(Reports.skipMessage(request, absent));
                }
            }
        }
        return archived;
    }

    /** One pack on request, archived under reports.dir. */
    static ArchivedReport report(Settings settings, ReportRequest request) {
        Progress progress = Progress.of("report");
        Reports reports = Reports.from(settings);
        try (MartQuery port = engine(settings)) {
            return generate(reports, request, port, progress);
        }
    }

    private static ArchivedReport generate(Reports reports, ReportRequest request, MartQuery port, Progress progress) {
        progress.start(request.pack() + " " + request.period() + " " + request.scope() + " " + request.language());
        ArchivedReport report = reports.generate(request, port);
        progress.done(report.manifest().files().stream().mapToLong(file -> file.rows()).max().orElse(0));
        progress.message("archived " + report.manifestFile() + " and " + report.files().size() + " files, snapshots " + report.snapshots());
        return report;
    }

    static MartQuery engine(Settings settings) {
        return Engines.open(settings);
    }
}
