package dsmart.web;

import static java.util.Objects.requireNonNull;

import dsmart.reports.Reports;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the dashboard listens, who may log in, and where it keeps what it must keep. Port 0 asks for any free
 * port ({@link WebApp#port()} tells which). The default host is the loopback address: put the dashboard behind
 * a reverse proxy rather than opening it on every interface.
 *
 * @param auditDir where the audit log's JSON-lines files go ({@code ${data.dir}/audit} in the CLI); null keeps
 *     the audit log in memory only (tests)
 * @param reportsDir the directory downloads are served from ({@code reports.dir}); null: no downloads
 * @param zone the business time zone, in which pages show times
 * @param throttle the login throttling policy
 * @param alertAckFile where acknowledgements of market alerts go ({@code market.ack.file}); null: acknowledging is refused
 * @param reports the report packs and their archive, for generation from the web ({@code Reports.from(settings)} in the
 *     CLI; its archive should be {@code reportsDir} so generated files can be downloaded); null: generating is refused
 */
public record WebConfig(String host, int port, List<WebUser> users, Path auditDir, Path reportsDir, ZoneId zone,
                        LoginThrottle.Policy throttle, Path alertAckFile, Reports reports) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7070;
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    public WebConfig {
        requireNonNull(host, "host");
        requireNonNull(users, "users");
        requireNonNull(zone, "zone");
        requireNonNull(throttle, "throttle");
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

    public WebConfig(String host, int port, List<WebUser> users, Path auditDir, Path reportsDir, ZoneId zone,
                     LoginThrottle.Policy throttle, Path alertAckFile) {
        this(host, port, users, auditDir, reportsDir, zone, throttle, alertAckFile, null);
    }

    /** No audit directory (memory only), no reports directory, business zone Asia/Shanghai, default throttling. */
    public WebConfig(String host, int port, List<WebUser> users) {
        this(host, port, users, null, null, DEFAULT_ZONE, LoginThrottle.Policy.DEFAULT, null);
    }

    /** On the default host (127.0.0.1). */
    public WebConfig(int port, List<WebUser> users) {
        this(DEFAULT_HOST, port, users);
    }

    public WebConfig withAuditDir(Path dir) {
        return new WebConfig(host, port, users, dir, reportsDir, zone, throttle, alertAckFile, reports);
    }

    public WebConfig withReportsDir(Path dir) {
        return new WebConfig(host, port, users, auditDir, dir, zone, throttle, alertAckFile, reports);
    }

    public WebConfig withZone(ZoneId businessZone) {
        return new WebConfig(host, port, users, auditDir, reportsDir, businessZone, throttle, alertAckFile, reports);
    }

    WebConfig withThrottle(LoginThrottle.Policy policy) {
        return new WebConfig(host, port, users, auditDir, reportsDir, zone, policy, alertAckFile, reports);
    }

    public WebConfig withAlertAckFile(Path file) {
        return new WebConfig(host, port, users, auditDir, reportsDir, zone, throttle, file, reports);
    }

    /** With report generation from the web through these packs and archive. */
    public WebConfig withReports(Reports packsAndArchive) {
        return new WebConfig(host, port, users, auditDir, reportsDir, zone, throttle, alertAckFile, packsAndArchive);
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
