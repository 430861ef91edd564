package dsmart.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Report downloads (executives, HR, audit): the files under the reports directory and a download route that
 * cannot leave it ({@link ReportFiles}), and the form that generates a pack into it ({@link ReportGeneration},
 * assets/generate.js). Every download, and every refused one, is audit-logged before an answer goes out.
 */
final class DownloadsPage implements WebPage {
    @Override
    public String id() {
        return "downloads";
    }

    @Override
    public String path() {
        return "/downloads";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.EXECUTIVE, Role.HR, Role.AUDIT);
    }

    @Override
    public List<String> scripts() {
        return List.of("/assets/generate.js");
    }

    @Override
    public void routes(RouteRegistry routes, WebContext web) {
        ReportFiles files = new ReportFiles(web.config.reportsDir());
        routes.get("/api/reports")
                .summary("The report files under the reports directory: relative path, size, last change")
                .roles(roles())
                .api(ctx -> list(ctx, files));
        routes.get("/api/reports/download")
                .summary("One report file as an attachment (audit-logged); 400 for a name that is not a plain "
                        + "relative path, 404 for anything not a file inside the reports directory")
                .requiredQuery("file", "path relative to the reports directory, parts separated by '/'")
                .roles(roles())
                .download(ctx -> download(ctx, web, files));
    }

    private static void list(Context ctx, ReportFiles files) {
        List<Map<String, Object>> reports = new ArrayList<>();
        for (ReportFiles.Report report : files.list()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("file", report.file());
            row.put("bytes", report.bytes());
            row.put("modified", report.modified().toString());
            reports.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reports", reports);
        body.put("configured", files.configured());
        ctx.json(body);
    }

    private static void download(Context ctx, WebContext web, ReportFiles files) {
        WebUser user = web.user(ctx);
        String requested = ctx.queryParam("file");
        String shown = requested == null ? null : Auth.printable(requested);
        Path file;
        try {
            file = files.resolve(requested);
        } catch (BadParameterException e) {
            web.audit.record("download", "refused", user, null, ctx.ip(), shown, Map.of("reason", e.getMessage()));
            throw e;
        } catch (ReportFiles.NotFound e) {
            web.audit.record("download", "refused", user, null, ctx.ip(), shown, Map.of("reason", e.getMessage()));
            ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "no such report: " + shown));
            return;
        }
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("report " + file + " cannot be read", e);
        }
        web.audit.record("download", "ok", user, null, ctx.ip(), requested, Map.of("bytes", bytes));
        try {
            ctx.contentType(ReportFiles.contentType(requested))
                    .header("Content-Disposition", ReportFiles.contentDisposition(file.getFileName().toString()))
                    .result(Files.newInputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException("report " + file + " cannot be read", e);
        }
    }
}
