package dsmart.reports;

import static java.util.Objects.requireNonNull;

import dsmart.lake.Settings;
import dsmart.serving.MartQuery;
import dsmart.serving.ReadPoint;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Generating packs into the archive: on request ({@link #generate}), what the schedule says is due
 * ({@link #generateDue}), or again from a manifest's snapshot ids ({@link #reproduce}).
 */
public final class Reports {
    private final ReportPacks packs;
    private final ReportArchive archive;
    private final ZoneId zone;
    private final Clock clock;

    public Reports(ReportPacks packs, ReportArchive archive, ZoneId zone, Clock clock) {
        this.packs = requireNonNull(packs, "packs");
        this.archive = requireNonNull(archive, "archive");
        this.zone = requireNonNull(zone, "zone");
        this.clock = requireNonNull(clock, "clock");
    }

    /** The standard packs, archived under setting {@code reports.dir}, stamped in {@code business.zone}. */
    public static Reports from(Settings settings) {
        return new Reports(ReportPacks.standard(), new ReportArchive(settings.path("reports.dir")), settings.zone(), Clock.systemUTC());
    }

    public ReportPacks packs() {
        return packs;
    }

    public ReportArchive archive() {
        return archive;
    }

    /** Renders one request through {@code port} and archives it (a new version if the name is taken). */
    public ArchivedReport generate(ReportRequest request, MartQuery port) {
        return generate(request, port, null);
    }

    private ArchivedReport generate(ReportRequest request, MartQuery port, String reproduces) {
        ReportPack pack = packs.get(request.pack());
        PackRenderer.check(pack, request);
        Path work = archive.workDirectory();
        try {
            return archive.publish(PackRenderer.render(pack, request, port, work, clock, zone), reproduces);
        } finally {
            ReportArchive.discard(work);
        }
    }

    /**
     * Everything the schedule says is due on {@code today}, through one port; archived in order. A pack whose marts
     * are absent ({@link #absentMarts}) is skipped and named to {@code skipped}, as the transforms skip a mart whose inputs are absent.
     */
    public List<ArchivedReport> generateDue(ReportSchedule schedule, LocalDate today, MartQuery port, String requestedBy,
                                            java.util.function.Consumer<String> skipped) {
        List<ArchivedReport> archived = new ArrayList<>();
        for (ReportSchedule.Due due : schedule.due(today, archive)) {
            ReportRequest request = due.request(requestedBy);
            List<String> absent = absentMarts(request, port);
            if (absent.isEmpty()) {
                archived.add(generate(request, port));
            } else {
                skipped.accept(skipMessage(request, absent));
            }
        }
        return archived;
    }

    /** {@link #generateDue} that skips silently. */
    public List<ArchivedReport> generateDue(ReportSchedule schedule, LocalDate today, MartQuery port, String requestedBy) {
        return generateDue(schedule, today, port, requestedBy, message -> {});
    }

    /**
     * The tables the request's pack needs that the port cannot read (the marts of a transform that was skipped), in
     * name order; empty when it can be generated. Tables read only by the pack's optional queries are not needed.
     */
    public List<String> absentMarts(ReportRequest request, MartQuery port) {
        ReportPack pack = packs.get(request.pack());
        List<String> sqls = new ArrayList<>();
        for (dsmart.serving.NamedQuery query : pack.queries(request.period(), request.scope())) {
            if (!pack.optionalQueries().contains(query.name())) {
                sqls.add(query.sql());
            }
        }
        for (ReportPack.Table table : pack.tables(request.period(), request.scope())) {
            sqls.add(table.query().sql());
        }
        return MartPresence.absent(port, sqls);
    }

    /** What the pipeline says of a scheduled pack it skips. */
    public static String skipMessage(ReportRequest request, List<String> absent) {
        return "skipped " + request.pack() + " " + request.period() + ": " + String.join(", ", absent)
                + (absent.size() == 1 ? " is" : " are") + " not in the lake (their transform was skipped for want of inputs)";
    }

    /**
     * Generates a manifest's request again at the manifest's snapshot ids: {@code open} gives a port pinned to a
     * read point (for example {@code rp -> Engines.open(settings, rp)}). Same figures, new version, and the new
     * manifest names the one it reproduces.
     */
    public ArchivedReport reproduce(Path manifestFile, Function<ReadPoint, MartQuery> open, String requestedBy) {
        Manifest manifest = Manifest.read(manifestFile);
        try (MartQuery pinned = open.apply(manifest.readPoint())) {
            ArchivedReport again = generate(manifest.request(requestedBy, "reproduce"), pinned, manifestFile.getFileName().toString());
            Map<String, Long> read = again.snapshots();
            if (!read.entrySet().containsAll(manifest.snapshots().entrySet())) {
                throw new ReportException("reproducing " + manifestFile.getFileName() + " read snapshots " + read + ", not " + manifest.snapshots()
                        + " (see " + again.manifestFile().getFileName() + ")", null);
            }
            return again;
        }
    }
}
