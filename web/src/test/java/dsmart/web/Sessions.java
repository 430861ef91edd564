package dsmart.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

/** Logged-in clients of one app, one per user, shared by a test class (Argon2id makes each login cost on purpose). */
final class Sessions {
    private final WebApp app;
    private final Map<String, Http> byUser = new HashMap<>();

    Sessions(WebApp app) {
        this.app = app;
    }

    /** The user's client, logged in with the user's password from {@link TestUsers} on first use. */
    synchronized Http as(String name) {
        return byUser.computeIfAbsent(name, n -> {
            Http http = new Http(app.port());
            assertThat(http.login(n, TestUsers.password(n)).statusCode()).as("login of " + n).isEqualTo(303);
            return http;
        });
    }
}
