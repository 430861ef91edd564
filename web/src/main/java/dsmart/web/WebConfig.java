package dsmart.web;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the dashboard listens and who may log in. Port 0 asks for any free port ({@link WebApp#port()} tells
 * which). The default host is the loopback address: put the dashboard behind a reverse proxy rather than
 * opening it on every interface.
 */
public record WebConfig(String host, int port, List<WebUser> users) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7070;

    public WebConfig {
        requireNonNull(host, "host");
        requireNonNull(users, "users");
        if (host.isBlank() || !host.equals(host.strip())) {
            throw new IllegalArgumentException("web host \"" + host + "\" must be a host name or address without spaces");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("web port " + port + " must be between 0 (any free port) and 65535");
        }
        users = List.copyOf(users); // also rejects null elements
        if (users.isEmpty()) {
            throw new IllegalArgumentException("web users: at least one user is needed, or nobody can log in");
        }
        Set<String> names = new HashSet<>();
        for (WebUser user : users) {
            if (!names.add(user.name())) {
                throw new IllegalArgumentException("web users: user name " + user.name() + " appears more than once");
            }
        }
    }

    /** On the default host (127.0.0.1). */
    public WebConfig(int port, List<WebUser> users) {
        this(DEFAULT_HOST, port, users);
    }

    /** The configured user of that name, or null. */
    WebUser user(String name) {
        for (WebUser user : users) {
            if (user.name().equals(name)) {
                return user;
            }
        }
        return null;
    }
}
