package dsmart.web;

import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The audit log (audit and admins): logins, logouts, downloads and report generations, newest first. */
final class AuditLogPage implements WebPage {
    private static final Pattern WORD = Pattern.compile("[a-z_.]{1,32}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    @Override
    public String id() {
        return "audit_log";
    }

    @Override
    public String path() {
        return "/audit-log";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.AUDIT, Role.ADMIN);
    }

    @Override
    public void routes(RouteRegistry routes, WebContext web) {
        routes.get("/api/audit-log")
                .summary("Audit events, newest first: time, event (login, logout, download, report), outcome, user, "
                        + "role, client address, target and parameters")
                .query("limit", "1 to 1000, default 100")
                .query("user", "only events of this user name")
                .query("event", "only this event: login, logout, download, report")
                .query("outcome", "only this outcome: ok, failed, throttled, refused")
                .query("from", "first day, YYYY-MM-DD (business time zone)")
                .query("to", "last day, YYYY-MM-DD (included)")
                .roles(roles())
                .api(ctx -> events(ctx, web));
    }

    private void events(Context ctx, WebContext web) {
        int limit = WebContext.limit(ctx, 100, 1000);
        String user = Params.text("user", ctx.queryParam("user"), 64);
        String event = Params.matching("event", ctx.queryParam("event"), WORD, "an event name (login, logout, download, report)");
        String outcome = Params.matching("outcome", ctx.queryParam("outcome"), WORD, "an outcome (ok, failed, throttled, refused)");
        Instant from = day("from", ctx.queryParam("from"), web, false);
        Instant to = day("to", ctx.queryParam("to"), web, true);
        if (from != null && to != null && from.isAfter(to)) {
            throw new BadParameterException("parameter from=" + ctx.queryParam("from") + " is after to=" + ctx.queryParam("to"));
        }
        Predicate<AuditLog.Event> test = e -> (user == null || user.equals(e.user()))
                && (event == null || event.equals(e.event()))
                && (outcome == null || outcome.equals(e.outcome()))
                && (from == null || !e.time().isBefore(from))
                && (to == null || e.time().isBefore(to));
        List<Map<String, Object>> events = new ArrayList<>();
        for (AuditLog.Event e : web.audit.recent(test, limit)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("time", e.time().toString());
            row.put("event", e.event());
            row.put("outcome", e.outcome());
            row.put("user", e.user());
            row.put("role", e.role());
            row.put("ip", e.ip());
            row.put("target", e.target());
            row.put("params", e.params());
            events.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", events);
        body.put("limit", limit);
        body.put("durable", web.audit.dir() != null);
        ctx.json(body);
    }

    /** A day in the business zone: its start, or (end) the start of the next day. */
    private static Instant day(String name, String raw, WebContext web, boolean end) {
        String text = Params.matching(name, raw, DATE, "a day as YYYY-MM-DD");
        if (text == null) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text);
            return (end ? date.plusDays(1) : date).atStartOfDay(web.config.zone()).toInstant();
        } catch (DateTimeException e) {
            throw new BadParameterException("parameter " + name + "=" + Params.quoted(text) + " is not a day as YYYY-MM-DD");
        }
    }
}
