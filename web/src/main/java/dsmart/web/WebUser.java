package dsmart.web;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * A user who may log in to the dashboard. The password is kept only as a {@link Passwords#hash} string;
 * {@link #toString()} leaves the hash out so that it never lands in a log. {@code region} is the scope of a
 * {@link Role#REGION_MANAGER} (a region code as the marts store it, e.g. EAST) and must be null for every
 * other role.
 */
public record WebUser(String name, Role role, String passwordHash, String region) {
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._@-]{1,64}");
    static final Pattern REGION = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    public WebUser {
        requireNonNull(name, "name");
        requireNonNull(role, "role");
        requireNonNull(passwordHash, "passwordHash");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name \"" + name
                    + "\" must be 1 to 64 letters, digits or . _ @ - (no spaces)");
        }
        if (!Passwords.isWellFormed(passwordHash)) {
            throw new IllegalArgumentException("password hash of user " + name + " is not of the form "
                    + Passwords.FORMS);
        }
        if (role == Role.REGION_MANAGER) {
            if (region == null || !REGION.matcher(region).matches()) {
                throw new IllegalArgumentException("user " + name + " has role REGION_MANAGER and needs a region code "
                        + "as scope (1 to 32 letters, digits, '_' or '-'), got " + (region == null ? "none" : "\"" + region + "\""));
            }
        } else if (region != null) {
            throw new IllegalArgumentException("user " + name + " has role " + role
                    + ": only a REGION_MANAGER has a region scope (remove \":" + region + "\")");
        }
    }

    /** A user without a region scope (every role but {@link Role#REGION_MANAGER}). */
    public WebUser(String name, Role role, String passwordHash) {
        this(name, role, passwordHash, null);
    }

    @Override
    public String toString() {
        return "WebUser[name=" + name + ", role=" + role + (region == null ? "" : ", region=" + region)
                + ", passwordHash=<hidden>]";
    }
}
