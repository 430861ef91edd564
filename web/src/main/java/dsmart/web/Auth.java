package dsmart.web;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.security.RouteRole;
import jakarta.servlet.http.HttpSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login, logout and the role check. A route with no roles is public; a route with roles admits a logged-in
 * user whose role is among them. Not logged in: the API answers 401 JSON, a page GET redirects to the login
 * form. Logged in without the role: 403. The session holds only the user name; the role is looked up in the
 * configuration on each request.
 */
final class Auth {
    static final String SESSION_USER = "dsmart.web.user";
    /** Every role: the routes any logged-in user may use. */
    static final RouteRole[] ANY_ROLE = Role.values();

    private static final Logger LOG = LoggerFactory.getLogger(Auth.class);
    private static final Pattern LOCAL_PATH = Pattern.compile("/(?![/\\\\])[^\\\\\\p{Cntrl}\\s]{0,500}");
    /** Checked when the name is unknown, so that an unknown name costs as long as a wrong password. */
    private static final String DUMMY_HASH =
            "pbkdf2$" + Passwords.ITERATIONS + "$c2FsdHNhbHRzYWx0c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    private final WebConfig config;
    private final String loginTemplate = Templates.load("/dsmart/web/login.html");

    Auth(WebConfig config) {
        this.config = requireNonNull(config, "config");
    }

    /** The before-matched handler: lets the request through or answers it (401, redirect, 403). */
    void check(Context ctx) {
        Set<RouteRole> required = ctx.routeRoles();
        if (required.isEmpty()) {
            return;
        }
        WebUser user = currentUser(ctx);
        if (user == null) {
            if (isApi(ctx)) {
                ctx.status(HttpStatus.UNAUTHORIZED).json(Map.of("error", "login required"));
            } else if (ctx.method() == HandlerType.GET) {
                ctx.redirect("/login?next=" + encodeNext(pathAndQuery(ctx)), HttpStatus.FOUND);
            } else {
                ctx.status(HttpStatus.UNAUTHORIZED).result("login required");
            }
            ctx.skipRemainingHandlers();
        } else if (!required.contains(user.role())) {
            if (isApi(ctx)) {
                ctx.status(HttpStatus.FORBIDDEN).json(Map.of("error", "role " + user.role() + " may not use this"));
            } else {
                ctx.status(HttpStatus.FORBIDDEN).contentType("text/plain; charset=utf-8")
                        .result("403 无权访问 / your role " + user.role() + " may not see this page");
            }
            ctx.skipRemainingHandlers();
        }
    }

    /** The logged-in user of this request, or null. */
    WebUser currentUser(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        if (session == null) {
            return null;
        }
        Object name = session.getAttribute(SESSION_USER);
        return name instanceof String text ? config.user(text) : null;
    }

    void loginForm(Context ctx) {
        renderLogin(ctx, HttpStatus.OK, "", safeNext(ctx.queryParam("next")), "");
    }

    void login(Context ctx) {
        String name = orEmpty(ctx.formParam("name")).strip();
        String password = orEmpty(ctx.formParam("password"));
        String next = safeNext(ctx.formParam("next"));
        WebUser user = config.user(name);
        boolean ok;
        char[] chars = password.toCharArray();
        try {
            ok = Passwords.matches(chars, user == null ? DUMMY_HASH : user.passwordHash()) && user != null;
        } finally {
            java.util.Arrays.fill(chars, '\0');
        }
        if (!ok) {
            LOG.warn("failed login for user name \"{}\" from {}", printable(name), ctx.ip());
            renderLogin(ctx, HttpStatus.UNAUTHORIZED, name, next, "用户名或密码错误 / Wrong user name or password");
            return;
        }
        HttpSession old = ctx.req().getSession(false);
        if (old != null) {
            old.invalidate(); // a fresh session id at login: no session fixation
        }
        ctx.req().getSession(true).setAttribute(SESSION_USER, user.name());
        LOG.info("user {} ({}) logged in from {}", user.name(), user.role(), ctx.ip());
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    void logout(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        if (session != null) {
            session.invalidate();
        }
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    private void renderLogin(Context ctx, HttpStatus status, String name, String next, String error) {
        String errorBlock = error.isEmpty() ? "" : "<p class=\"error\" role=\"alert\">" + Templates.escape(error) + "</p>";
        ctx.status(status).contentType("text/html; charset=utf-8").result(Templates.fill(loginTemplate,
                Map.of("name", name, "next", next, "error_block", errorBlock)));
    }

    static boolean isApi(Context ctx) {
        return ctx.path().startsWith("/api/");
    }

    /** The redirect target after login: a path on this server, else "/". */
    static String safeNext(String next) {
        return next != null && LOCAL_PATH.matcher(next).matches() ? next : "/";
    }

    private static String pathAndQuery(Context ctx) {
        String query = ctx.queryString();
        return query == null || query.isEmpty() ? ctx.path() : ctx.path() + "?" + query;
    }

    /** Encodes the next parameter but leaves '/' readable (/login?next=/). */
    private static String encodeNext(String next) {
        return URLEncoder.encode(next, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static String printable(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
