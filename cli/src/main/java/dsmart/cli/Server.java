package dsmart.cli;

import dsmart.lake.Settings;
import dsmart.reports.Reports;
import dsmart.serving.MartQuery;
import dsmart.web.Passwords;
import dsmart.web.Role;
import dsmart.web.WebApp;
import dsmart.web.WebConfig;
import dsmart.web.WebUser;
import dsmart.web.WebUsers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The dashboard and its serving port, started together and closed together. */
final class Server implements AutoCloseable {
    static final String DEMO_PASSWORD = "dsmart";
    static final List<String> DEMO_USERS = List.of("exec:EXECUTIVE", "east:REGION_MANAGER:EAST", "hr:HR", "audit:AUDIT", "admin:ADMIN");

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
            WebConfig config = new WebConfig(host, settings.integer("web.port"), users)
                    .withAuditDir(Path.of(settings.text("data.dir"), "audit"))
                    .withReportsDir(Path.of(settings.text("reports.dir")))
                    .withAlertAckFile(settings.path("market.ack.file"))
                    .withZone(settings.zone())
                    .withReports(Reports.from(settings));
            WebApp web = WebApp.start(config, port);
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

    /** web.users as name:ROLE:hash[:region] entries; empty means the demo users, whose password is "dsmart". */
    static List<WebUser> users(Settings settings) {
        String text = settings.text("web.users").strip();
        if (!text.isEmpty()) {
            return WebUsers.parse(text);
        }
        List<WebUser> users = new ArrayList<>();
        String hash = Passwords.hash(DEMO_PASSWORD.toCharArray());
        for (String demo : DEMO_USERS) {
            String[] parts = demo.split(":");
            users.add(new WebUser(parts[0], Role.valueOf(parts[1]), hash, parts.length > 2 ? parts[2] : null));
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
