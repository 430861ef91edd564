package dsmart.web;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.util.List;
import java.util.Set;

/** One declared route: what the start-up check, the guard and /openapi.json all read. */
record WebRoute(HandlerType method, String path, Set<RouteRole> roles, Kind kind, String summary, List<Param> params,
                Handler handler) {
    /** What a route answers. */
    enum Kind {
        /** An HTML page. */
        PAGE("text/html"),
        /** JSON. */
        API("application/json"),
        /** A file as an attachment. */
        DOWNLOAD("application/octet-stream"),
        /** A form post answered with a redirect (or the form again). */
        FORM("text/html"),
        /** Plain text. */
        TEXT("text/plain");

        final String contentType;

        Kind(String contentType) {
            this.contentType = contentType;
        }
    }

    /** A request parameter: where it goes ("query", "form" or "header"), what it holds, whether it must be there. */
    record Param(String name, String in, String description, boolean required) {
        Param {
            requireNonNull(name, "name");
            requireNonNull(in, "in");
            requireNonNull(description, "description");
        }
    }

    WebRoute {
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        roles = Set.copyOf(requireNonNull(roles, "roles"));
        requireNonNull(kind, "kind");
        requireNonNull(summary, "summary");
        params = List.copyOf(params);
        requireNonNull(handler, "handler");
    }

    boolean isPublic() {
        return roles.contains(Public.ANYONE);
    }

    /** Changes state (and so needs the CSRF token): anything but GET, HEAD and OPTIONS. */
    boolean changesState() {
        return !Csrf.isSafe(method);
    }

    String key() {
        return method + " " + path;
    }
}
