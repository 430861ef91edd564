package dsmart.reports;

import static java.util.Objects.requireNonNull;

/**
 * One generation asked for: which pack, for which period and scope, in which language, by whom
 * ({@code requestedBy}: the OS user, the {@code --by} option or the web user) and how ({@code via}:
 * {@code command}, {@code schedule}, {@code web} or {@code reproduce}).
 */
public record ReportRequest(String pack, Period period, Scope scope, Language language, String requestedBy, String via) {
    public ReportRequest {
        requireNonNull(pack, "pack");
        requireNonNull(period, "period");
        requireNonNull(scope, "scope");
        requireNonNull(language, "language");
        requestedBy = checked("requested by", requestedBy);
        via = checked("via", via);
    }

    public static ReportRequest of(String pack, Period period, Scope scope, Language language, String requestedBy) {
        return new ReportRequest(pack, period, scope, language, requestedBy, "command");
    }

    /** The OS user running this JVM: who asked, when nobody else is named. */
    public static String osUser() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "unknown" : user;
    }

    private static String checked(String what, String value) {
        requireNonNull(value, what);
        String stripped = value.strip();
        if (stripped.isEmpty() || stripped.length() > 200 || stripped.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must be 1 to 200 characters without control characters: \"" + value + "\"");
        }
        return stripped;
    }
}
