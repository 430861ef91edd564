package dsmart.web;

import java.time.Duration;
import java.util.List;

/** One user per role (hashed once per test JVM: Argon2id is slow on purpose). */
final class TestUsers {
    static final String EXEC = "chen";
    static final String EXEC_PASSWORD = "收入-dashboard-1";
    static final String MANAGER = "zhao.north";
    static final String MANAGER_PASSWORD = "north-only-2";
    static final String MANAGER_REGION = "NORTH";
    static final String HR = "wu.hr";
    static final String HR_PASSWORD = "hr-pass-3";
    static final String AUDITOR = "li.audit";
    static final String AUDITOR_PASSWORD = "audit-pass-4";
    static final String ADMIN = "ma.admin";
    static final String ADMIN_PASSWORD = "admin-pass-5";

    /** Generous enough that tests which type wrong passwords on purpose never trip it. */
    static final LoginThrottle.Policy LENIENT =
            new LoginThrottle.Policy(1000, 1000, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(1));

    private static List<WebUser> users;

    private TestUsers() {}

    static synchronized List<WebUser> all() {
        if (users == null) {
            users = List.of(
                    new WebUser(EXEC, Role.EXECUTIVE, Passwords.hash(EXEC_PASSWORD.toCharArray())),
                    new WebUser(MANAGER, Role.REGION_MANAGER, Passwords.hash(MANAGER_PASSWORD.toCharArray()), MANAGER_REGION),
                    new WebUser(HR, Role.HR, Passwords.hash(HR_PASSWORD.toCharArray())),
                    new WebUser(AUDITOR, Role.AUDIT, Passwords.hash(AUDITOR_PASSWORD.toCharArray())),
                    new WebUser(ADMIN, Role.ADMIN, Passwords.hash(ADMIN_PASSWORD.toCharArray())));
        }
        return users;
    }

    static String password(String name) {
        return switch (name) {
            case EXEC -> EXEC_PASSWORD;
            case MANAGER -> MANAGER_PASSWORD;
            case HR -> HR_PASSWORD;
            case AUDITOR -> AUDITOR_PASSWORD;
            case ADMIN -> ADMIN_PASSWORD;
            default -> throw new IllegalArgumentException(name);
        };
    }
}
