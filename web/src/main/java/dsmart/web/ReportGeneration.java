package dsmart.web;

import dsmart.reports.ArchivedReport;
import dsmart.reports.Language;
import dsmart.reports.Period;
import dsmart.reports.ReportPack;
import dsmart.reports.ReportRequest;
import dsmart.reports.Reports;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Report generation from the web: a pack for a period, in the requester's scope (never wider), archived through
 * {@link Reports} and answered with the archived files (downloadable through {@code /api/reports/download}). Which
 * role may generate which pack is {@link #PACKS}; a pack named there that is not registered is simply not offered.
 * Every generation, and every refused one, is audit-logged (event {@code report}) before the answer goes out.
 */
final class ReportGeneration {
    /** Every registered pack (the audit role). */
    static final String ANY_PACK = "*";

    /**
     * Which packs each role may generate. Names not registered (yet) are tolerated: they are left out of {@link #offered}
     * and asking for one is an unknown pack (400). Region managers and admins generate none: they cannot download from
     * the archive either (it is not split by scope); the scope check below would limit a region manager to their region.
     */
    static final Map<Role, Set<String>> PACKS = packs();

    /** The roles that may download from the archive ({@link DownloadsPage}): the generated files must be theirs to fetch. */
    static final Set<Role> ROLES = Set.of(Role.EXECUTIVE, Role.HR, Role.AUDIT);
    private static final Pattern PACK = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern PERIOD = Pattern.compile("[0-9]{4}(-[0-9]{2})?");
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern LANG = Pattern.compile("zh-CN|en");

    private ReportGeneration() {}

    private static Map<Role, Set<String>> packs() {
        Set<String> executive = Set.of("executive-sales", "customer-sales", "customer-tiers", "risk");
        Map<Role, Set<String>> packs = new EnumMap<>(Role.class);
        packs.put(Role.EXECUTIVE, executive);
        packs.put(Role.REGION_MANAGER, Set.of());
        packs.put(Role.HR, Set.of("hr-appraisal"));
        packs.put(Role.AUDIT, Set.of("audit-compliance", ANY_PACK));
        packs.put(Role.ADMIN, Set.of());
        return packs;
    }

    static boolean mayGenerate(Role role, String pack) {
        Set<String> allowed = PACKS.getOrDefault(role, Set.of());
        return allowed.contains(ANY_PACK) || allowed.contains(pack);
    }

    /** The registered packs the role may generate, in registry order. */
    static List<ReportPack> offered(Reports reports, Role role) {
        if (reports == null) {
            return List.of();
        }
        return reports.packs().all().stream().filter(p -> mayGenerate(role, p.name())).toList();
    }

    static void routes(RouteRegistry routes, WebContext web) {
        routes.get("/api/reports/packs")
                .summary("The report packs the user's role may generate (role table in docs/web.md), with their period kinds "
                        + "(periods: month, year), whether a region may limit them (regions) and their scope dimensions")
                .roles(ROLES)
                .api(ctx -> list(ctx, web));
        routes.post("/api/reports/generate")
                .summary("Generates a report pack for a period into the archive, in the requester's scope (never wider), and "
                        + "answers the archived files (download them with /api/reports/download); audited. 400: unknown pack, "
                        + "bad period or parameter; 403: a pack outside the role or a region outside the scope")
                .form("pack", "pack name (see /api/reports/packs)", true)
                .form("period", "YYYY-MM or YYYY, as the pack takes", true)
                .form("region", "limit to a region code (never wider than the requester's scope)", false)
                .form("lang", "zh-CN or en; default the page language", false)
                .roles(ROLES)
                .api(ctx -> generate(ctx, web));
    }

    private static void list(Context ctx, WebContext web) {
        WebUser user = web.user(ctx);
        List<Map<String, Object>> packs = new ArrayList<>();
        for (ReportPack pack : offered(web.config.reports(), user.role())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", pack.name());
            row.put("periods", pack.periodKinds().stream().map(k -> k.name().toLowerCase(java.util.Locale.ROOT)).sorted().toList());
            row.put("regions", pack.scopeDimensions().contains(dsmart.reports.Scope.Dimension.REGION));
            row.put("dimensions", pack.scopeDimensions().stream().map(d -> d.name().toLowerCase(java.util.Locale.ROOT)).sorted().toList());
            packs.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("configured", web.config.reports() != null);
        body.put("packs", packs);
        ctx.json(body);
    }

    /** What was asked, checked; its refusal is audited by the caller. */
    private record Asked(String pack, Period period, dsmart.reports.Scope scope, Language language) {}

    private static void generate(Context ctx, WebContext web) {
        WebUser user = web.user(ctx);
        Map<String, Object> params = new LinkedHashMap<>();
        String rawPack = ctx.formParam("pack");
        params.put("pack", rawPack == null ? null : Auth.printable(rawPack));
        params.put("period", printable(ctx.formParam("period")));
        params.put("region", printable(ctx.formParam("region")));
        params.put("lang", printable(ctx.formParam("lang")));
        String target = rawPack == null ? null : Auth.printable(rawPack);
        Asked asked;
        try {
            asked = check(ctx, web, user);
        } catch (BadParameterException | ForbiddenException e) {
            params.put("reason", e.getMessage());
            web.audit.record("report", "refused", user, null, ctx.ip(), target, params);
            throw e;
        }
        params.put("scope", asked.scope().key());
        params.put("lang", asked.language().tag());
        ArchivedReport archived;
        try {
            archived = generate(web.config.reports(), new ReportRequest(asked.pack(), asked.period(), asked.scope(),
                    asked.language(), user.name(), "web"), web);
        } catch (RuntimeException e) {
            params.put("reason", String.valueOf(e.getMessage()));
            web.audit.record("report", "failed", user, null, ctx.ip(), target, params);
            throw e;
        }
        List<Map<String, Object>> files = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path file : archived.files()) {
            Map<String, Object> row = new LinkedHashMap<>();
            String relative = relative(web.config.reportsDir(), file);
            row.put("file", relative != null ? relative : file.getFileName().toString());
            row.put("downloadable", relative != null);
            row.put("bytes", size(file));
            files.add(row);
            names.add(String.valueOf(row.get("file")));
        }
        params.put("files", names);
        params.put("manifest", String.valueOf(relative(web.config.reportsDir(), archived.manifestFile())));
        web.audit.record("report", "ok", user, null, ctx.ip(), asked.pack(), params);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pack", asked.pack());
        body.put("period", asked.period().toString());
        body.put("scope", asked.scope().key());
        body.put("lang", asked.language().tag());
        body.put("manifest", relative(web.config.reportsDir(), archived.manifestFile()));
        body.put("files", files);
        Map<String, String> snapshots = new LinkedHashMap<>();
        archived.snapshots().forEach((table, id) -> snapshots.put(table, id == null ? null : id.toString()));
        body.put("snapshots", snapshots);
        ctx.status(HttpStatus.CREATED).json(body);
    }

    /** One generation at a time: rendering is heavy and the machine is shared with the serving engine. */
    private static synchronized ArchivedReport generate(Reports reports, ReportRequest request, WebContext web) {
        return reports.generate(request, web.mart);
    }

    private static Asked check(Context ctx, WebContext web, WebUser user) {
        Reports reports = web.config.reports();
        if (reports == null) {
            throw new BadParameterException("report generation is not configured on this server (no report archive)");
        }
        String name = Params.matching("pack", ctx.formParam("pack"), PACK, "a pack name (lower-case words joined by '-')");
        if (name == null) {
            throw new BadParameterException("parameter pack is required");
        }
        ReportPack pack = reports.packs().all().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
        if (pack == null) {
            throw new BadParameterException("parameter pack=" + Params.quoted(name) + " is no report pack; the packs are "
                    + reports.packs().all().stream().map(ReportPack::name).toList());
        }
        String periodText = Params.matching("period", ctx.formParam("period"), PERIOD, "a month YYYY-MM or a year YYYY");
        if (periodText == null) {
            throw new BadParameterException("parameter period is required (YYYY-MM or YYYY)");
        }
        Period period;
        try {
            period = Period.parse(periodText);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("parameter period=" + Params.quoted(periodText) + " is not a month YYYY-MM or a year YYYY");
        }
        String region = Params.matching("region", ctx.formParam("region"), REGION, "a region code (1 to 32 letters, digits, '_' or '-')");
        String lang = Params.matching("lang", ctx.formParam("lang"), LANG, "zh-CN or en");
        Language language = Language.parse(lang != null ? lang : Lang.of(ctx).tag);
        if (!mayGenerate(user.role(), name)) {
            throw new ForbiddenException("role " + user.role() + " may not generate pack " + name + "; it may generate "
                    + offered(reports, user.role()).stream().map(ReportPack::name).toList());
        }
        if (!pack.periodKinds().contains(period.kind())) {
            throw new BadParameterException("parameter period=" + Params.quoted(periodText) + ": pack " + name + " takes "
                    + (pack.periodKinds().contains(Period.Kind.MONTH) ? "a month YYYY-MM" : "a year YYYY"));
        }
        dsmart.reports.Scope own = user.role() == Role.REGION_MANAGER ? dsmart.reports.Scope.regions(user.region())
                : dsmart.reports.Scope.company();
        dsmart.reports.Scope wanted = region == null ? dsmart.reports.Scope.company() : dsmart.reports.Scope.regions(region);
        dsmart.reports.Scope scope;
        try {
            scope = wanted.within(own);
        } catch (dsmart.reports.Scope.ScopeException e) {
            throw new ForbiddenException("parameter region=" + region + " is outside your scope: you may generate reports of region "
                    + user.region() + " only");
        }
        if (scope.dimension() != null && !pack.scopeDimensions().contains(scope.dimension())) {
            String why = "pack " + name + " cannot be limited to a region (its marts have no region column)";
            if (!own.isCompany()) {
                throw new ForbiddenException(why + ", and you may read region " + user.region() + " only");
            }
            throw new BadParameterException("parameter region=" + Params.quoted(region) + ": " + why);
        }
        return new Asked(name, period, scope, language);
    }

    /** The file's path under the reports directory with '/' between parts, or null when it lies elsewhere. */
    static String relative(Path reportsDir, Path file) {
        if (reportsDir == null) {
            return null;
        }
        try {
            Path root = reportsDir.toRealPath();
            Path real = file.toRealPath();
            if (!real.startsWith(root)) {
                return null;
            }
            return root.relativize(real).toString().replace(real.getFileSystem().getSeparator(), "/");
        } catch (IOException e) {
            return null;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String printable(String value) {
        return value == null ? null : Auth.printable(value);
    }
}
