package dsmart.web;

import static java.util.Objects.requireNonNull;

import dsmart.serving.MartQuery;
import dsmart.serving.QueryResult;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a page's routes need: the port, the user and scope of a request, the audit log, answers with freshness. */
final class WebContext {
    final WebConfig config;
    final MartQuery mart;
    final Auth auth;
    final AuditLog audit;
    final Freshness freshness;

    WebContext(WebConfig config, MartQuery mart, Auth auth, AuditLog audit) {
        this.config = requireNonNull(config, "config");
        this.mart = requireNonNull(mart, "mart");
        this.auth = requireNonNull(auth, "auth");
        this.audit = requireNonNull(audit, "audit");
        this.freshness = new Freshness(mart);
    }

    /** The logged-in user (routes with roles only). */
    WebUser user(Context ctx) {
        return auth.requireUser(ctx);
    }

    Scope scope(Context ctx) {
        return Scope.of(auth.currentUser(ctx));
    }

    Lang lang(Context ctx) {
        return Lang.of(ctx);
    }

    /**
     * Answers body as JSON with the snapshot ids every result read ({@code snapshots}: table → id as a
     * decimal string, since Iceberg's 64-bit ids lose digits as JavaScript numbers) and when
     * those snapshots were committed ({@code data_as_of}: table → ISO instant, where the run ledger knows).
     */
    void answer(Context ctx, Map<String, Object> body, QueryResult... results) {
        Map<String, Long> snapshots = new LinkedHashMap<>();
        for (QueryResult result : results) {
            snapshots.putAll(result.snapshots());
        }
        Map<String, Object> out = new LinkedHashMap<>(body);
        Map<String, String> ids = new LinkedHashMap<>();
        snapshots.forEach((table, id) -> ids.put(table, id == null ? null : id.toString()));
        out.put("snapshots", ids); // as text: Iceberg ids exceed JavaScript's exact integers (2^53)
        Map<String, String> asOf = new LinkedHashMap<>();
        for (Map.Entry<String, Instant> entry : freshness.committedAt(snapshots).entrySet()) {
            asOf.put(entry.getKey(), entry.getValue() == null ? null : entry.getValue().toString());
        }
        out.put("data_as_of", asOf);
        ctx.json(out);
    }

    /** The {@code limit} parameter: 1 to max, default when absent. */
    static int limit(Context ctx, int defaultLimit, int max) {
        String text = ctx.queryParam("limit");
        if (text == null || text.isBlank()) {
            return defaultLimit;
        }
        String value = text.strip();
        if (value.matches("[0-9]{1,6}")) {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        }
        throw new BadParameterException("parameter limit=" + Params.quoted(value) + " is not a whole number from 1 to " + max);
    }
}
