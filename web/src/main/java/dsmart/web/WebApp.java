package dsmart.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dsmart.serving.MartQuery;
import dsmart.serving.NamedQuery;
import java.util.List;
import dsmart.serving.QueryException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.net.BindException;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpCookie;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard server: login, the sales dashboard page and its JSON API over a {@link MartQuery}.
 * The caller owns the MartQuery (closing the app does not close it).
 *
 * <p>Routes: {@code GET /health} (public), {@code GET|POST /login}, {@code POST /logout}, {@code GET /}
 * (dashboard, any role), {@code GET /api/sales-monthly}, {@code GET /api/regions} (any role),
 * {@code /assets/*} (page scripts and styles) and {@code /webjars/*} (ECharts), both public.
 */
public final class WebApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private final Javalin javalin;
    private boolean closed;

    private WebApp(Javalin javalin) {
        this.javalin = javalin;
    }

    /**
     * Starts the server on the configured host and port and returns once it listens.
     *
     * @throws IllegalStateException when the port is taken ("port 7070 on 127.0.0.1 is already in use") or the
     *     server cannot start for another reason
     */
    public static WebApp start(WebConfig config, MartQuery port) {
        return start(config, port, routes -> {});
    }

    /** As {@link #start(WebConfig, MartQuery)}, with further routes (tests; later modules' pages). */
    static WebApp start(WebConfig config, MartQuery mart, Consumer<RoutesConfig> moreRoutes) {
        requireNonNull(config, "config");
        requireNonNull(mart, "port");
        requireNonNull(moreRoutes, "moreRoutes");
        Auth auth = new Auth(config);
        SalesApi api = new SalesApi(mart);
        String dashboard = Templates.load("/dsmart/web/dashboard.html");

        Javalin javalin = Javalin.create(c -> {
            configureServer(c, config);
            RoutesConfig routes = c.routes;
            routes.before(WebApp::securityHeaders);
            routes.beforeMatched(auth::check);

            routes.get("/health", ctx -> ctx.contentType("text/plain; charset=utf-8").result("ok"));
            routes.get("/login", auth::loginForm);
            routes.post("/login", auth::login);
            routes.post("/logout", auth::logout);
            routes.get("/", ctx -> {
                WebUser user = auth.currentUser(ctx);
                ctx.contentType("text/html; charset=utf-8").result(Templates.fill(dashboard,
                        Map.of("user", user.name(), "role", user.role().name())));
            }, Auth.ANY_ROLE);
            routes.get("/api/sales-monthly", api::salesMonthly, Auth.ANY_ROLE);
            routes.get("/api/regions", api::regions, Auth.ANY_ROLE);
            moreRoutes.accept(routes);

            routes.exception(BadParameterException.class, (e, ctx) ->
                    ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage())));
            routes.exception(QueryException.class, (e, ctx) -> {
                LOG.error("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage(), e);
                fail(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "the sales data could not be read (see the server log)");
            });
            routes.exception(Exception.class, (e, ctx) -> {
                if (e instanceof HttpResponseException response) {
                    fail(ctx, HttpStatus.forStatus(response.getStatus()), response.getMessage());
                    return;
                }
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                fail(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "internal error (see the server log)");
            });
        });
        try {
            javalin.start();
        } catch (RuntimeException e) {
            stopQuietly(javalin);
            if (causedByBind(e)) {
                throw new IllegalStateException(
                        "port " + config.port() + " on " + config.host() + " is already in use", e);
            }
            throw new IllegalStateException("the web server could not start on " + config.host() + ":"
                    + config.port() + ": " + e.getMessage(), e);
        }
        LOG.info("dashboard listening on http://{}:{}/", config.host(), javalin.port());
        return new WebApp(javalin);
    }

    /** The port the server listens on (the free port it got when the configuration asked for 0). */
    /** The queries the dashboard runs, with sample filters. */
    public static List<NamedQuery> queries() {
        return SalesApi.samples();
    }

    public int port() {
        return javalin.port();
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
        c.staticFiles.enableWebjars();
        c.staticFiles.add(files -> {
            files.hostedPath = "/assets";
            files.directory = "/dsmart/web/assets";
            files.location = Location.CLASSPATH;
        });
        c.jetty.modifyServletContextHandler(handler -> {
            handler.getSessionHandler().setHttpOnly(true);
            handler.getSessionHandler().setSameSite(HttpCookie.SameSite.LAX);
            handler.getSessionHandler().setSessionCookie("DSMART_SESSION");
            handler.getSessionHandler().setMaxInactiveInterval(8 * 60 * 60);
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

    private static void fail(Context ctx, HttpStatus status, String message) {
        if (Auth.isApi(ctx)) {
            ctx.status(status).json(Map.of("error", message));
        } else {
            ctx.status(status).contentType("text/plain; charset=utf-8").result(status.getCode() + " " + message);
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
