package dsmart.web;

import static java.util.Objects.requireNonNull;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import io.javalin.security.RouteRole;
import io.javalin.security.Roles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every route of the app, declared with its roles, kind, summary and parameters. The registry is the single
 * source of the Javalin routes ({@link #install}), of /openapi.json ({@link OpenApi}) and of the start-up
 * check ({@link #verify}) that refuses to start when Javalin holds a route the registry does not declare or a
 * route without roles.
 *
 * <pre>{@code
 * routes.get("/api/pipeline/runs").summary("Last runs")
 *       .query("limit", "1 to 500, default 50")
 *       .roles(Role.ADMIN)
 *       .api(pipeline::runs);
 * }</pre>
 */
final class RouteRegistry {
    private final Map<String, WebRoute> routes = new LinkedHashMap<>();

    Builder get(String path) {
        return new Builder(HandlerType.GET, path);
    }

    Builder post(String path) {
        return new Builder(HandlerType.POST, path);
    }

    List<WebRoute> routes() {
        return List.copyOf(routes.values());
    }

    WebRoute find(HandlerType method, String path) {
        return routes.get(method + " " + path);
    }

    /** Adds every declared route to Javalin, with its roles. */
    void install(RoutesConfig config) {
        for (WebRoute route : routes.values()) {
            config.addHttpHandler(route.method(), route.path(), route.handler(),
                    route.roles().toArray(RouteRole[]::new));
        }
    }

    /**
     * Compares what Javalin holds with what was declared.
     *
     * @throws IllegalStateException naming every route that declares no role or was added around the registry
     */
    void verify(List<ParsedEndpoint> registered) {
        Set<String> problems = new TreeSet<>();
        for (ParsedEndpoint parsed : registered) {
            Endpoint endpoint = parsed.endpoint;
            if (!endpoint.method.isHttpMethod()) {
                continue; // before/after handlers carry no roles
            }
            String key = endpoint.method + " " + endpoint.path;
            Roles roles = endpoint.metadata(Roles.class);
            if (roles == null || roles.getRoles().isEmpty()) {
                problems.add(key + " declares no roles");
            } else if (!routes.containsKey(key)) {
                problems.add(key + " was added around the route registry (not in /openapi.json)");
            } else if (!routes.get(key).roles().equals(roles.getRoles())) {
                problems.add(key + " has roles " + roles.getRoles() + " in Javalin but " + routes.get(key).roles() + " declared");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("routes refused at start-up (every route declares its roles through the "
                    + "route registry; use Public.ANYONE for a public one): " + String.join("; ", problems));
        }
    }

    /** One route being declared; the kind method at the end ({@link #api}, {@link #page}, ...) adds it. */
    final class Builder {
        private final HandlerType method;
        private final String path;
        private String summary = "";
        private final List<WebRoute.Param> params = new ArrayList<>();
        private Set<RouteRole> roles;

        private Builder(HandlerType method, String path) {
            this.method = requireNonNull(method, "method");
            this.path = requireNonNull(path, "path");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("route path " + path + " must start with /");
            }
        }

        Builder summary(String text) {
            this.summary = requireNonNull(text, "summary");
            return this;
        }

        /** An optional query parameter. */
        Builder query(String name, String description) {
            params.add(new WebRoute.Param(name, "query", description, false));
            return this;
        }

        /** A required query parameter. */
        Builder requiredQuery(String name, String description) {
            params.add(new WebRoute.Param(name, "query", description, true));
            return this;
        }

        /** A form field (application/x-www-form-urlencoded body). */
        Builder form(String name, String description, boolean required) {
            params.add(new WebRoute.Param(name, "form", description, required));
            return this;
        }

        Builder roles(Role... wanted) {
            if (wanted.length == 0) {
                throw new IllegalArgumentException(method + " " + path + ": roles() needs at least one role");
            }
            this.roles = new LinkedHashSet<>(Arrays.asList(wanted));
            return this;
        }

        Builder roles(Set<Role> wanted) {
            return roles(wanted.toArray(Role[]::new));
        }

        /** Any logged-in user. */
        Builder anyRole() {
            return roles(Role.values());
        }

        /** Anyone, logged in or not. */
        Builder publicAccess() {
            this.roles = Set.of(Public.ANYONE);
            return this;
        }

        void api(Handler handler) {
            add(WebRoute.Kind.API, handler);
        }

        void page(Handler handler) {
            add(WebRoute.Kind.PAGE, handler);
        }

        void download(Handler handler) {
            add(WebRoute.Kind.DOWNLOAD, handler);
        }

        void form(Handler handler) {
            add(WebRoute.Kind.FORM, handler);
        }

        void text(Handler handler) {
            add(WebRoute.Kind.TEXT, handler);
        }

        private void add(WebRoute.Kind kind, Handler handler) {
            if (roles == null || roles.isEmpty()) {
                throw new IllegalStateException("route " + method + " " + path
                        + " declares no roles: call roles(...), anyRole() or publicAccess()");
            }
            List<WebRoute.Param> all = new ArrayList<>(params);
            if (!Csrf.isSafe(method)) {
                all.add(new WebRoute.Param(Csrf.FORM_FIELD, "form", "the session's CSRF token (or header "
                        + Csrf.HEADER + ")", true));
            }
            WebRoute route = new WebRoute(method, path, roles, kind, summary, all, handler);
            if (routes.putIfAbsent(route.key(), route) != null) {
                throw new IllegalStateException("route " + route.key() + " is declared twice");
            }
        }
    }
}
