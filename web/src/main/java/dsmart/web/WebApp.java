package dsmart.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dsmart.serving.MartQuery;
import dsmart.serving.NamedQuery;
import dsmart.serving.QueryException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.router.ParsedEndpoint;
import java.net.BindException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpCookie;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard server over a {@link MartQuery}. The caller owns the MartQuery (closing the app does not
 * close it).
 *
 * <p>Every route is declared in the {@link RouteRegistry} with its roles; the app refuses to start if Javalin
 * holds a route that is not, and /openapi.json is generated from the same registry. Pages are
 * {@link WebPage}s listed in {@link #PAGES}. Routes of the app itself: {@code GET /health} and
 * {@code GET|POST /login}, {@code POST /logout} (public), {@code GET /} (home: the first page of the user's
 * role), {@code GET /api/session} and {@code GET /openapi.json} (any role); {@code /assets/*} and
 * {@code /webjars/*} (ECharts) are public static files.
 */
public final class WebApp implements AutoCloseable {
    /** The pages, in navigation order. Adding a page: one {@link WebPage} class, its template, its API route(s), one line here. */
    static final List<WebPage> PAGES = List.of(new SalesPage(), new RiskPage(), new AppraisalPage(), new PipelinePage(), new AuditPage(), new AuditLogPage(),
            new DownloadsPage());

    static final String VERSION = "0.1.0";
    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private final Javalin javalin;
    private final RouteRegistry registry;
    private final AuditLog audit;
    private boolean closed;

    private WebApp(Javalin javalin, RouteRegistry registry, AuditLog audit) {
        this.javalin = javalin;
        this.registry = registry;
        this.audit = audit;
    }

    /**
     * Starts the server on the configured host and port and returns once it listens.
     *
     * @throws IllegalStateException when the port is taken ("port 7070 on 127.0.0.1 is already in use"), a route
     *     declares no roles, or the server cannot start for another reason
     */
    public static WebApp start(WebConfig config, MartQuery port) {
        return start(config, port, routes -> {}, raw -> {});
    }

    /** As {@link #start(WebConfig, MartQuery)}, with further declared routes (tests; pages in the making). */
    static WebApp start(WebConfig config, MartQuery mart, Consumer<RouteRegistry> moreRoutes) {
        return start(config, mart, moreRoutes, raw -> {});
    }

    /**
     * As {@link #start(WebConfig, MartQuery, Consumer)}; {@code rawRoutes} may add routes to Javalin directly,
     * around the registry, which the start-up check must then refuse (tests of that check).
     */
    static WebApp start(WebConfig config, MartQuery mart, Consumer<RouteRegistry> moreRoutes, Consumer<RoutesConfig> rawRoutes) {
        requireNonNull(config, "config");
        requireNonNull(mart, "port");
        requireNonNull(moreRoutes, "moreRoutes");
        requireNonNull(rawRoutes, "rawRoutes");
        Clock clock = Clock.systemUTC();
        AuditLog audit = AuditLog.open(config.auditDir(), clock);
        if (config.auditDir() == null) {
            LOG.warn("audit log kept in memory only: no audit directory configured");
        }
        Auth auth = new Auth(config, audit, clock);
        WebContext web = new WebContext(config, mart, auth, audit);
        Layout layout = new Layout(PAGES);
        RouteRegistry registry = declare(web, layout, moreRoutes);

        Javalin javalin = Javalin.create(c -> {
            configureServer(c, config);
            RoutesConfig routes = c.routes;
            routes.before(WebApp::securityHeaders);
            routes.beforeMatched(auth::check);
            registry.install(routes);
            rawRoutes.accept(routes);

            routes.exception(BadParameterException.class, (e, ctx) -> fail(ctx, auth, HttpStatus.BAD_REQUEST, e.getMessage()));
            routes.exception(ForbiddenException.class, (e, ctx) -> fail(ctx, auth, HttpStatus.FORBIDDEN, e.getMessage()));
            routes.exception(AuditLog.AuditUnavailableException.class, (e, ctx) ->
                    fail(ctx, auth, HttpStatus.SERVICE_UNAVAILABLE, "the audit log cannot be written, so this is refused (see the server log)"));
            routes.exception(QueryException.class, (e, ctx) -> {
                LOG.error("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage(), e);
                fail(ctx, auth, HttpStatus.INTERNAL_SERVER_ERROR, "the data could not be read (see the server log)");
            });
            routes.exception(Exception.class, (e, ctx) -> {
                if (e instanceof HttpResponseException response) {
                    fail(ctx, auth, HttpStatus.forStatus(response.getStatus()), response.getMessage());
                    return;
                }
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                fail(ctx, auth, HttpStatus.INTERNAL_SERVER_ERROR, "internal error (see the server log)");
            });
        });
        try {
            registry.verify(javalin.unsafe.internalRouter.allHttpHandlers());
            javalin.start();
        } catch (RuntimeException e) {
            stopQuietly(javalin);
            if (causedByBind(e)) {
                throw new IllegalStateException(
                        "port " + config.port() + " on " + config.host() + " is already in use", e);
            }
            if (e.getMessage() != null && e.getMessage().startsWith("routes refused")) {
                throw e;
            }
            throw new IllegalStateException("the web server could not start on " + config.host() + ":"
                    + config.port() + ": " + e.getMessage(), e);
        }
        LOG.info("dashboard listening on http://{}:{}/ (audit log: {}, reports: {})", config.host(), javalin.port(),
                config.auditDir() == null ? "memory only" : config.auditDir(),
                config.reportsDir() == null ? "none" : config.reportsDir());
        return new WebApp(javalin, registry, audit);
    }

    /** Every route of the app: its own, then each page and its API, then the extra ones. */
    private static RouteRegistry declare(WebContext web, Layout layout, Consumer<RouteRegistry> moreRoutes) {
        Auth auth = web.auth;
        RouteRegistry routes = new RouteRegistry();
        routes.get("/health").summary("Liveness: answers ok").publicAccess()
                .text(ctx -> ctx.contentType("text/plain; charset=utf-8").result("ok"));
        routes.get("/login").summary("The login form (opens an anonymous session holding the CSRF token)")
                .query("next", "local path to go to after login").query("lang", "zh-CN or en")
                .publicAccess().page(auth::loginForm);
        routes.post("/login").summary("Log in; throttled per user name and per client address")
                .form("name", "user name", true).form("password", "password", true)
                .form("next", "local path to go to after login", false)
                .publicAccess().form(auth::login);
        routes.post("/logout").summary("Log out (ends the session)").publicAccess().form(auth::logout);
        routes.get("/").summary("Home: redirects to the first page the user's role may see").anyRole()
                .page(ctx -> home(ctx, web, layout));
        routes.get("/api/session").summary("Who is logged in: name, role, region scope, language, CSRF token, pages")
                .anyRole().api(ctx -> session(ctx, web, layout));
        for (WebPage page : PAGES) {
            routes.get(page.path()).summary("Page: " + Messages.get(Lang.EN, "page." + page.id() + ".title"))
                    .query("lang", "zh-CN or en").roles(page.roles())
                    .page(ctx -> layout.render(ctx, page, web));
            page.routes(routes, web);
        }
        moreRoutes.accept(routes);
        Map<String, Object> openApi = new LinkedHashMap<>();
        routes.get("/openapi.json").summary("This document: every route with the roles it needs").anyRole()
                .api(ctx -> ctx.json(openApi));
        openApi.putAll(OpenApi.document(routes.routes(), VERSION));
        return routes;
    }

    private static void home(Context ctx, WebContext web, Layout layout) {
        WebUser user = web.user(ctx);
        List<WebPage> pages = layout.pagesFor(user.role());
        if (pages.isEmpty()) {
            web.auth.errorPage(ctx, HttpStatus.FORBIDDEN, Messages.get(Lang.of(ctx), "error.no_pages"));
            return;
        }
        ctx.redirect(pages.get(0).path(), HttpStatus.FOUND);
    }

    private static void session(Context ctx, WebContext web, Layout layout) {
        WebUser user = web.user(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", user.name());
        body.put("role", user.role().name());
        body.put("region", user.region());
        body.put("lang", Lang.of(ctx).tag);
        body.put("csrf_token", Auth.csrfToken(ctx));
        List<Map<String, String>> pages = new ArrayList<>();
        for (WebPage page : layout.pagesFor(user.role())) {
            pages.add(Map.of("id", page.id(), "path", page.path()));
        }
        body.put("pages", pages);
        ctx.json(body);
    }

    /** The queries the dashboard runs, with sample filters (engine comparisons, benchmarks). */
    public static List<NamedQuery> queries() {
        List<NamedQuery> queries = new ArrayList<>(SalesApi.samples());
        queries.addAll(SalesOverview.samples());
        queries.addAll(PipelinePage.samples());
        return queries;
    }

    /** The port the server listens on (the free port it got when the configuration asked for 0). */
    public int port() {
        return javalin.port();
    }

    /** The routes as Javalin holds them: method and path → role names (tests compare them with /openapi.json). */
    Map<String, Set<String>> registeredRoutes() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (ParsedEndpoint parsed : javalin.unsafe.internalRouter.allHttpHandlers()) {
            if (!parsed.endpoint.method.isHttpMethod()) {
                continue;
            }
            io.javalin.security.Roles roles = parsed.endpoint.metadata(io.javalin.security.Roles.class);
            Set<String> names = new java.util.TreeSet<>();
            if (roles != null) {
                roles.getRoles().forEach(r -> names.add(OpenApi.roleName(r)));
            }
            out.put(parsed.endpoint.method.name() + " " + parsed.endpoint.path, names);
        }
        return out;
    }

    RouteRegistry registry() {
        return registry;
    }

    AuditLog audit() {
        return audit;
    }

    /** Stops the server; calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            javalin.stop();
        }
    }

    static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    }

    private static void configureServer(JavalinConfig c, WebConfig config) {
        c.jetty.host = config.host();
        c.jetty.port = config.port();
        c.startup.showJavalinBanner = false;
        c.startup.showOldJavalinVersionWarning = false;
        c.jsonMapper(new JavalinJackson(objectMapper(), false));
        c.staticFiles.add(files -> {
            files.hostedPath = "/webjars";
            files.directory = "META-INF/resources/webjars";
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "max-age=31622400");
            files.roles = Set.of(Public.ANYONE);
        });
        c.staticFiles.add(files -> {
            files.hostedPath = "/assets";
            files.directory = "/dsmart/web/assets";
            files.location = Location.CLASSPATH;
            files.roles = Set.of(Public.ANYONE);
        });
        c.jetty.modifyServletContextHandler(handler -> {
            handler.getSessionHandler().setHttpOnly(true);
            handler.getSessionHandler().setSameSite(HttpCookie.SameSite.LAX);
            handler.getSessionHandler().setSessionCookie("DSMART_SESSION");
            handler.getSessionHandler().setMaxInactiveInterval(Auth.USER_SESSION_SECONDS);
        });
        c.requestLogger.http((ctx, ms) ->
                LOG.debug("{} {} -> {} in {} ms", ctx.method(), ctx.path(), ctx.statusCode(), ms.longValue()));
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Content-Security-Policy", CSP);
        if (!ctx.path().startsWith("/assets/") && !ctx.path().startsWith("/webjars/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    private static void fail(Context ctx, Auth auth, HttpStatus status, String message) {
        if (Auth.isApi(ctx)) {
            ctx.status(status).json(Map.of("error", message));
        } else {
            auth.errorPage(ctx, status, message);
        }
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || t instanceof io.javalin.util.JavalinBindException) {
                return true;
            }
        }
        return false;
    }

    private static void stopQuietly(Javalin javalin) {
        try {
            javalin.stop();
        } catch (RuntimeException ignored) {
            // the start failure is what the caller needs to see
        }
    }
}
