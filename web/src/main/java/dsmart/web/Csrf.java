package dsmart.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Synchronizer tokens against cross-site request forgery. Each session (the anonymous one the login form
 * opens, then the logged-in one) holds a random 256-bit token; every state-changing request (any method but
 * GET, HEAD and OPTIONS) must send it back, as form field {@value #FORM_FIELD} or header {@value #HEADER},
 * or it is answered 403. Pages carry the token in their forms and in {@code <meta name="csrf-token">}; the
 * API gives it in {@code GET /api/session}.
 */
final class Csrf {
    static final String FORM_FIELD = "_csrf";
    static final String HEADER = "X-CSRF-Token";
    static final String SESSION_TOKEN = "dsmart.web.csrf";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Csrf() {}

    static boolean isSafe(HandlerType method) {
        return method == HandlerType.GET || method == HandlerType.HEAD || method == HandlerType.OPTIONS;
    }

    /** The session's token, made on first use. */
    static String token(HttpSession session) {
        Object existing = session.getAttribute(SESSION_TOKEN);
        if (existing instanceof String text) {
            return text;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.setAttribute(SESSION_TOKEN, token);
        return token;
    }

    /** Whether the request carries its session's token (header first, then form field); constant-time compare. */
    static boolean verify(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        if (session == null) {
            return false;
        }
        Object expected = session.getAttribute(SESSION_TOKEN);
        if (!(expected instanceof String token)) {
            return false;
        }
        String sent = ctx.header(HEADER);
        if (sent == null || sent.isEmpty()) {
            String type = ctx.contentType();
            if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                sent = ctx.formParam(FORM_FIELD);
            }
        }
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }
}
