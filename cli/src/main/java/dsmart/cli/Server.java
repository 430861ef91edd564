package dsmart.cli;

import dsmart.lake.Settings;
import dsmart.serving.MartQuery;
import dsmart.web.Passwords;
import dsmart.web.Role;
import dsmart.web.WebApp;
import dsmart.web.WebConfig;
import dsmart.web.WebUser;
import java.util.ArrayList;
import java.util.List;

/** The dashboard and its serving port, started together and closed together. */
final class Server implements AutoCloseable {
    static final String DEMO_PASSWORD = "dsmart";
    static final List<String> DEMO_USERS = List.of("exec:EXECUTIVE", "hr:HR", "audit:AUDIT", "admin:ADMIN");

    private final MartQuery port;
    private final WebApp web;
    private final String host;

    private Server(MartQuery port, WebApp web, String host) {
        this.port = port;
        this.web = web;
        this.host = host;
    }

    static Server start(Settings settings) {
        List<WebUser> users = users(settings);
        MartQuery port = Stages.engine(settings);
        try {
            String host = settings.text("web.host");
            WebApp web = WebApp.start(new WebConfig(host, settings.integer("web.port"), users), port);
            return new Server(port, web, host);
        } catch (RuntimeException e) {
            port.close();
            throw e;
        }
    }

    String url() {
        return "http://" + host + ":" + web.port();
    }

    int port() {
        return web.port();
    }

    /** web.users as name:ROLE:hash entries; empty means the demo users, whose password is "dsmart". */
    static List<WebUser> users(Settings settings) {
        String text = settings.text("web.users").strip();
        List<WebUser> users = new ArrayList<>();
        if (text.isEmpty()) {
            String hash = Passwords.hash(DEMO_PASSWORD.toCharArray());
            for (String demo : DEMO_USERS) {
                String[] parts = demo.split(":");
                users.add(new WebUser(parts[0], Role.valueOf(parts[1]), hash));
            }
            return users;
        }
        for (String entry : text.split(",")) {
            String[] parts = entry.strip().split(":", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException("bad setting web.users: entry '" + entry.strip() + "' is not name:ROLE:hash");
            }
            try {
                users.add(new WebUser(parts[0], Role.parse(parts[1]), parts[2]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad setting web.users: entry for " + parts[0] + ": " + e.getMessage(), e);
            }
        }
        return users;
    }

    static boolean demoUsers(Settings settings) {
        return settings.text("web.users").isBlank();
    }

    @Override
    public void close() {
        web.close();
        port.close();
    }
}
