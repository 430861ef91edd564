package dsmart.web;

import io.javalin.security.RouteRole;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a dashboard user may see. Routes name the roles they admit; a logged-in user has exactly one role.
 * <ul>
 *   <li>{@link #EXECUTIVE}: every executive dashboard, company-wide, and report downloads.</li>
 *   <li>{@link #REGION_MANAGER}: the executive dashboards limited to the user's region (the scope is a bound
 *       parameter of each query's WHERE clause, see {@link Scope}).</li>
 *   <li>{@link #HR}: appraisal and training pages (with the scorecards mart) and report downloads.</li>
 *   <li>{@link #AUDIT}: compliance pages (with the compliance mart), report downloads and the audit log.</li>
 *   <li>{@link #ADMIN}: pipeline status and the audit log.</li>
 * </ul>
 */
public enum Role implements RouteRole {
    EXECUTIVE,
    REGION_MANAGER,
    HR,
    AUDIT,
    ADMIN;

    /** Parses a role name as a configuration file spells it ("audit", "AUDIT"); the error names the value and the choices. */
    public static Role parse(String text) {
        if (text != null) {
            String wanted = text.strip().toUpperCase(Locale.ROOT);
            for (Role role : values()) {
                if (role.name().equals(wanted)) {
                    return role;
                }
            }
        }
        throw new IllegalArgumentException("unknown role \"" + text + "\": expected one of "
                + Arrays.stream(values()).map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}
