package dsmart.cli;

import dsmart.lake.Settings;
import dsmart.reports.ArchivedReport;
import dsmart.reports.Language;
import dsmart.reports.Period;
import dsmart.reports.ReportPack;
import dsmart.reports.ReportRequest;
import dsmart.reports.ReportSchedule;
import dsmart.reports.Reports;
import dsmart.reports.Scope;
import dsmart.serving.Engines;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Generate report packs into the archive: <reports.dir>/<pack>/<period>/, each generation with a manifest",
            "(parameters, snapshot ids, sha256 of every file, who asked). An archived file is never overwritten: generating",
            "the same pack, period, scope and language again adds a new version (name-v2.pdf, ...).",
            "Without --pack: every scheduled pack (setting reports.schedule) whose period has closed (setting",
            "reports.close.day) and is not archived yet, for the whole company.",
            "Examples: dsmart report --pack executive-sales --period 2025-03 --region EAST --lang en",
            "          dsmart report --reproduce data/reports/executive-sales/2025-03/executive-sales_2025-03_all_zh-CN.manifest.json"})
final class ReportCommand extends StageCommand {
    @Option(names = "--pack", paramLabel = "NAME", description = "The pack (--list shows them).")
    String pack;

    @Option(names = "--period", paramLabel = "YYYY-MM|YYYY", description = "Month or year (default: the pack's last closed period).")
    String period;

    @Option(names = "--region", paramLabel = "CODE", description = "Limit to a region (repeatable); default the whole company.")
    List<String> regions = new ArrayList<>();

    @Option(names = "--team", paramLabel = "ID", description = "Limit to a team (repeatable), for packs whose marts have teams.")
    List<String> teams = new ArrayList<>();

    @Option(names = "--lang", paramLabel = "zh-CN|en", description = "Language of the labels (default zh-CN).")
    String language = "zh-CN";

    @Option(names = "--by", paramLabel = "NAME", description = "Who asks, for the manifest (default: the OS user).")
    String by;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "The day closed periods are judged on (default: today in business.zone).")
    LocalDate asOf;

    @Option(names = "--reproduce", paramLabel = "MANIFEST",
            description = "Generate an archived generation again, at the snapshot ids its manifest names (same figures, new version).")
    Path reproduce;

    @Option(names = "--list", description = "List the packs and the schedule, then stop.")
    boolean list;

    @Override
    public Integer call() {
        Settings settings = settings();
        String requester = by == null ? ReportRequest.osUser() : by;
        LocalDate today = asOf == null ? LocalDate.now(settings.zone()) : asOf;
        if (list) {
            list(settings);
            return 0;
        }
        if (reproduce != null) {
            if (pack != null || period != null || !regions.isEmpty() || !teams.isEmpty()) {
                throw new IllegalArgumentException("--reproduce takes its pack and parameters from the manifest: drop --pack, --period, --region, --team");
            }
            ArchivedReport again = Reports.from(settings).reproduce(reproduce, readPoint -> Engines.open(settings, readPoint), requester);
            print(again);
            return 0;
        }
        if (pack == null) {
            if (period != null || !regions.isEmpty() || !teams.isEmpty()) {
                throw new IllegalArgumentException("--period, --region and --team need --pack");
            }
            List<ArchivedReport> archived = Stages.report(settings, today);
            archived.forEach(ReportCommand::print);
            return 0;
        }
        Reports reports = Reports.from(settings);
        ReportPack chosen = reports.packs().get(pack);
        Period asked = period != null ? Period.parse(period)
                : ReportSchedule.from(settings, reports.packs()).lastClosed(chosen.cadence(), today);
        Scope scope = new Scope(new java.util.TreeSet<>(regions), new java.util.TreeSet<>(teams));
        print(Stages.report(settings, ReportRequest.of(pack, asked, scope, Language.parse(language), requester)));
        return 0;
    }

    private static void print(ArchivedReport report) {
        System.out.println(report.manifestFile());
        report.files().forEach(file -> System.out.println(file));
    }

    private static void list(Settings settings) {
        Reports reports = Reports.from(settings);
        for (ReportPack each : reports.packs().all()) {
            System.out.printf("%-18s %-8s periods %-12s scopes %-10s documents %d, tables %d%n", each.name(),
                    each.cadence().name().toLowerCase(java.util.Locale.ROOT), each.periodKinds(), each.scopeDimensions(),
                    each.documents().size(), each.tables(Period.month(2000, 1), Scope.company()).size());
        }
        ReportSchedule schedule = ReportSchedule.from(settings, reports.packs());
        System.out.println("schedule " + schedule.jobs() + ", month close on day " + schedule.closeDay() + ", archive " + reports.archive().root());
    }
}
