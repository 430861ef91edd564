package dsmart.web;

import io.javalin.security.RouteRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * /openapi.json (OpenAPI 3.0.3), generated from the route registry, so it lists exactly the routes the app
 * serves. Each operation names its roles in {@code x-roles} (PUBLIC for anyone) and its kind in
 * {@code x-kind}; state-changing operations need the CSRF token.
 */
final class OpenApi {
    private OpenApi() {}

    static Map<String, Object> document(List<WebRoute> routes, String version) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("title", "dsmart dashboard API");
        info.put("version", version);
        info.put("description", "Pages and JSON API of the dsmart dashboard. Log in with POST /login (form); the "
                + "session cookie DSMART_SESSION then authenticates. Every state-changing request carries the session's "
                + "CSRF token (form field " + Csrf.FORM_FIELD + " or header " + Csrf.HEADER + "; GET /api/session gives it). "
                + "x-roles lists who may call an operation: others get 401 (not logged in) or 403. JSON answers that read "
                + "the lake carry `snapshots` (table → snapshot id, as a decimal string: the ids exceed JavaScript's exact "
                + "integers) and `data_as_of` (table → ISO-8601 commit time). "
                + "Static assets under /assets/ and /webjars/ are public.");
        doc.put("info", info);

        Map<String, Object> components = new LinkedHashMap<>();
        Map<String, Object> schemes = new LinkedHashMap<>();
        schemes.put("session", Map.of("type", "apiKey", "in", "cookie", "name", "DSMART_SESSION"));
        schemes.put("csrf", Map.of("type", "apiKey", "in", "header", "name", Csrf.HEADER));
        components.put("securitySchemes", schemes);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "object");
        error.put("properties", Map.of("error", Map.of("type", "string")));
        components.put("schemas", Map.of("Error", error));
        doc.put("components", components);

        Map<String, Map<String, Object>> paths = new LinkedHashMap<>();
        for (WebRoute route : routes) {
            Map<String, Object> operation = new LinkedHashMap<>();
            operation.put("operationId", operationId(route));
            operation.put("summary", route.summary());
            operation.put("tags", List.of(route.kind().name().toLowerCase(Locale.ROOT)));
            List<String> roles = new ArrayList<>(new TreeSet<>(route.roles().stream().map(OpenApi::roleName).toList()));
            operation.put("x-roles", roles);
            operation.put("x-kind", route.kind().name().toLowerCase(Locale.ROOT));
            List<Map<String, Object>> parameters = new ArrayList<>();
            Map<String, Object> formProperties = new LinkedHashMap<>();
            List<String> formRequired = new ArrayList<>();
            for (WebRoute.Param param : route.params()) {
                if (param.in().equals("form")) {
                    formProperties.put(param.name(), Map.of("type", "string", "description", param.description()));
                    if (param.required() && !param.name().equals(Csrf.FORM_FIELD)) {
                        formRequired.add(param.name());
                    }
                    continue;
                }
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("name", param.name());
                p.put("in", param.in());
                p.put("required", param.required());
                p.put("description", param.description());
                p.put("schema", Map.of("type", "string"));
                parameters.add(p);
            }
            if (!parameters.isEmpty()) {
                operation.put("parameters", parameters);
            }
            if (!formProperties.isEmpty()) {
                Map<String, Object> schema = new LinkedHashMap<>();
                schema.put("type", "object");
                schema.put("properties", formProperties);
                if (!formRequired.isEmpty()) {
                    schema.put("required", formRequired);
                }
                operation.put("requestBody", Map.of("required", true, "content",
                        Map.of("application/x-www-form-urlencoded", Map.of("schema", schema))));
            }
            List<Map<String, Object>> security = new ArrayList<>();
            if (!route.isPublic()) {
                security.add(route.changesState() ? Map.of("session", List.of(), "csrf", List.of()) : Map.of("session", List.of()));
            } else if (route.changesState()) {
                security.add(Map.of("csrf", List.of()));
            }
            operation.put("security", security);
            operation.put("responses", responses(route));
            paths.computeIfAbsent(route.path(), k -> new LinkedHashMap<>())
                    .put(route.method().name().toLowerCase(Locale.ROOT), operation);
        }
        doc.put("paths", paths);
        return doc;
    }

    static String roleName(RouteRole role) {
        return role == Public.ANYONE ? "PUBLIC" : ((Enum<?>) role).name();
    }

    private static String operationId(WebRoute route) {
        String path = route.path().equals("/") ? "home" : route.path().replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
        return route.method().name().toLowerCase(Locale.ROOT) + "_" + path;
    }

    private static Map<String, Object> responses(WebRoute route) {
        Map<String, Object> responses = new LinkedHashMap<>();
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("description", switch (route.kind()) {
            case PAGE -> "the page";
            case API -> "the answer";
            case DOWNLOAD -> "the file, as an attachment";
            case FORM -> "see other: where to go next";
            case TEXT -> "plain text";
        });
        ok.put("content", Map.of(route.kind().contentType, Map.of()));
        responses.put(route.kind() == WebRoute.Kind.FORM ? "303" : "200", ok);
        Map<String, Object> errorJson = Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error")));
        if (route.kind() == WebRoute.Kind.API || route.kind() == WebRoute.Kind.DOWNLOAD) {
            if (route.params().stream().anyMatch(p -> !p.name().equals(Csrf.FORM_FIELD))) {
                responses.put("400", Map.of("description", "a bad parameter (the message names it)", "content", errorJson));
            }
        }
        if (!route.isPublic()) {
            responses.put("401", Map.of("description", "not logged in (pages redirect to /login instead)"));
            responses.put("403", Map.of("description", "the user's role or scope does not allow this"
                    + (route.changesState() ? ", or the CSRF token is missing or wrong" : "")));
        } else if (route.changesState()) {
            responses.put("403", Map.of("description", "the CSRF token is missing or wrong"));
        }
        if (route.kind() == WebRoute.Kind.DOWNLOAD) {
            responses.put("404", Map.of("description", "no such file inside the reports directory", "content", errorJson));
        }
        if (route.path().equals("/login") && route.changesState()) {
            responses.put("401", Map.of("description", "wrong user name or password (the form again)"));
            responses.put("429", Map.of("description", "too many failed logins: wait Retry-After seconds"));
        }
        return responses;
    }
}
