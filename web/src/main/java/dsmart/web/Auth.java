package dsmart.web;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import jakarta.servlet.http.HttpSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login, logout, the role check and the CSRF check.
 *
 * <p>The guard ({@link #check}) runs before every matched route: a route that declares no roles is denied;
 * a public route ({@link Public#ANYONE}) lets anyone through; otherwise not logged in → the API answers 401
 * JSON and a page GET redirects to the login form; logged in without the role → 403. Then every
 * state-changing request must carry the session's CSRF token ({@link Csrf}), else 403.
 *
 * <p>Sessions: the login form opens an anonymous session (30 minutes) that holds only its CSRF token; a
 * successful login replaces it with a new session (new id, new token, 8 hours idle) holding the user name;
 * the role and scope are looked up in the configuration on each request. Logins are throttled
 * ({@link LoginThrottle}) and audit-logged, succeeded or not.
 */
final class Auth {
    static final String SESSION_USER = "dsmart.web.user";
    static final int ANONYMOUS_SESSION_SECONDS = 30 * 60;
    static final int USER_SESSION_SECONDS = 8 * 60 * 60;

    private static final Logger LOG = LoggerFactory.getLogger(Auth.class);
    private static final Pattern LOCAL_PATH = Pattern.compile("/(?![/\\\\])[^\\\\\\p{Cntrl}\\s]{0,500}");
    /** Checked when the name is unknown, so that an unknown name costs as long as a wrong password. */
    private static final String DUMMY_HASH = Passwords.hash("no such user: dummy password".toCharArray());

    private final WebConfig config;
    private final AuditLog audit;
    private final LoginThrottle throttle;
    private final String loginTemplate = Templates.load("/dsmart/web/login.html");
    private final String errorTemplate = Templates.load("/dsmart/web/error.html");

    Auth(WebConfig config, AuditLog audit, Clock clock) {
        this.config = requireNonNull(config, "config");
        this.audit = requireNonNull(audit, "audit");
        this.throttle = new LoginThrottle(config.throttle(), clock);
    }

    /** The before-matched handler: lets the request through or answers it (401, redirect, 403). */
    void check(Context ctx) {
        WebUser user = currentUser(ctx);
        switch (Access.decide(ctx.routeRoles(), user)) {
            case UNDECLARED -> {
                LOG.error("{} {} declares no roles: denied", ctx.method(), ctx.path());
                deny(ctx, HttpStatus.FORBIDDEN, "route declares no roles", "error.forbidden");
                return;
            }
            case LOGIN -> {
                if (isApi(ctx)) {
                    ctx.status(HttpStatus.UNAUTHORIZED).json(Map.of("error", "login required"));
                } else if (ctx.method() == HandlerType.GET) {
                    ctx.redirect("/login?next=" + encodeNext(pathAndQuery(ctx)), HttpStatus.FOUND);
                } else {
                    ctx.status(HttpStatus.UNAUTHORIZED).contentType("text/plain; charset=utf-8").result("login required");
                }
                ctx.skipRemainingHandlers();
                return;
            }
            case FORBIDDEN -> {
                deny(ctx, HttpStatus.FORBIDDEN, "role " + user.role() + " may not use this", "error.forbidden");
                return;
            }
            case ALLOW -> {
                // go on to the CSRF check
            }
        }
        if (!Csrf.isSafe(ctx.method()) && !Csrf.verify(ctx)) {
            LOG.warn("{} {} without its CSRF token from {} ({})", ctx.method(), ctx.path(), ctx.ip(),
                    user == null ? "not logged in" : user.name());
            if (ctx.path().equals("/login")) {
                renderLogin(ctx, HttpStatus.FORBIDDEN, printable(orEmpty(ctx.formParam("name"))),
                        safeNext(ctx.formParam("next")), Messages.get(Lang.of(ctx), "login.expired"));
                ctx.skipRemainingHandlers();
                return;
            }
            deny(ctx, HttpStatus.FORBIDDEN, "CSRF token missing or wrong: send the session's token as form field "
                    + Csrf.FORM_FIELD + " or header " + Csrf.HEADER, "error.csrf");
        }
    }

    private void deny(Context ctx, HttpStatus status, String message, String pageKey) {
        if (isApi(ctx)) {
            ctx.status(status).json(Map.of("error", message));
        } else {
            errorPage(ctx, status, Messages.get(Lang.of(ctx), pageKey) + " (" + message + ")");
        }
        ctx.skipRemainingHandlers();
    }

    /** A small localised HTML error page. */
    void errorPage(Context ctx, HttpStatus status, String message) {
        Lang lang = Lang.of(ctx);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("lang", lang.tag);
        values.put("status", String.valueOf(status.getCode()));
        values.put("message", message);
        values.put("title", Messages.get(lang, "error.title"));
        values.put("home", Messages.get(lang, "error.home"));
        ctx.status(status).contentType("text/html; charset=utf-8").result(Templates.fill(errorTemplate, values));
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

    /** The logged-in user of a route that requires one (the guard ran). */
    WebUser requireUser(Context ctx) {
        WebUser user = currentUser(ctx);
        if (user == null) {
            throw new IllegalStateException(ctx.path() + " needs a logged-in user but the guard let none through");
        }
        return user;
    }

    /** The session's CSRF token (the session is opened when there is none). */
    static String csrfToken(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        if (session == null) {
            session = ctx.req().getSession(true);
            session.setMaxInactiveInterval(ANONYMOUS_SESSION_SECONDS);
        }
        return Csrf.token(session);
    }

    void loginForm(Context ctx) {
        renderLogin(ctx, HttpStatus.OK, "", safeNext(ctx.queryParam("next")), "");
    }

    void login(Context ctx) {
        String name = orEmpty(ctx.formParam("name")).strip();
        String password = orEmpty(ctx.formParam("password"));
        String next = safeNext(ctx.formParam("next"));
        String shownName = printable(name);
        Lang lang = Lang.of(ctx);
        Duration wait = throttle.retryAfter(name, ctx.ip());
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            audit.record("login", "throttled", null, shownName, ctx.ip(), "/login", Map.of("retry_after_s", seconds));
            LOG.warn("login for user name \"{}\" from {} throttled for {} s", shownName, ctx.ip(), seconds);
            ctx.header("Retry-After", String.valueOf(seconds));
            renderLogin(ctx, HttpStatus.TOO_MANY_REQUESTS, shownName, next,
                    Messages.get(lang, "login.throttled").replace("{seconds}", String.valueOf(seconds)));
            return;
        }
        WebUser user = config.user(name);
        boolean ok;
        char[] chars = password.toCharArray();
        try {
            ok = Passwords.matches(chars, user == null ? DUMMY_HASH : user.passwordHash()) && user != null;
        } finally {
            Arrays.fill(chars, '\0');
        }
        if (!ok) {
            throttle.failed(name, ctx.ip());
            audit.record("login", "failed", null, shownName, ctx.ip(), "/login",
                    Map.of("known_user", user != null));
            LOG.warn("failed login for user name \"{}\" from {}", shownName, ctx.ip());
            renderLogin(ctx, HttpStatus.UNAUTHORIZED, shownName, next, Messages.get(lang, "login.wrong"));
            return;
        }
        throttle.succeeded(name);
        audit.record("login", "ok", user, null, ctx.ip(), "/login", Map.of());
        HttpSession old = ctx.req().getSession(false);
        if (old != null) {
            old.invalidate(); // a fresh session id and CSRF token at login: no session fixation
        }
        HttpSession session = ctx.req().getSession(true);
        session.setMaxInactiveInterval(USER_SESSION_SECONDS);
        session.setAttribute(SESSION_USER, user.name());
        Csrf.token(session);
        if (Passwords.isLegacy(user.passwordHash())) {
            LOG.warn("user {} still has a PBKDF2 password hash: make an Argon2id one with `dsmart hash-password`", user.name());
        }
        LOG.info("user {} ({}) logged in from {}", user.name(), user.role(), ctx.ip());
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    void logout(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        if (session != null) {
            WebUser user = currentUser(ctx);
            if (user != null) {
                audit.record("logout", "ok", user, null, ctx.ip(), "/logout", Map.of());
            }
            session.invalidate();
        }
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    private void renderLogin(Context ctx, HttpStatus status, String name, String next, String error) {
        Lang lang = Lang.of(ctx);
        String errorBlock = error.isEmpty() ? "" : "<p class=\"error\" role=\"alert\">" + Templates.escape(error) + "</p>";
        Map<String, String> values = new LinkedHashMap<>(Templates.messages(lang));
        values.put("lang", lang.tag);
        values.put("name", name);
        values.put("next", next);
        values.put("csrf", csrfToken(ctx));
        values.put("error_block", errorBlock);
        values.put("lang_links", Templates.langLinks(lang, "/login?next=" + encodeNext(next) + "&"));
        ctx.status(status).contentType("text/html; charset=utf-8").result(Templates.fill(loginTemplate, values));
    }

    static boolean isApi(Context ctx) {
        return ctx.path().startsWith("/api/") || ctx.path().equals("/openapi.json");
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
    static String encodeNext(String next) {
        return URLEncoder.encode(next, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    /** A user-typed name as logs and the audit log keep it: at most 64 characters, control characters replaced. */
    static String printable(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
