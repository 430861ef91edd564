package dsmart.web;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * A user who may log in to the dashboard. The password is kept only as a {@link Passwords#hash} string;
 * {@link #toString()} leaves the hash out so that it never lands in a log.
 */
public record WebUser(String name, Role role, String passwordHash) {
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._@-]{1,64}");

    public WebUser {
        requireNonNull(name, "name");
        requireNonNull(role, "role");
        requireNonNull(passwordHash, "passwordHash");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name \"" + name
                    + "\" must be 1 to 64 letters, digits or . _ @ - (no spaces)");
        }
        if (!Passwords.isWellFormed(passwordHash)) {
            throw new IllegalArgumentException("password hash of user " + name
                    + " is not of the form pbkdf2$<iterations>$<saltB64>$<hashB64> (make one with Passwords.hash)");
        }
    }

    @Override
    public String toString() {
        return "WebUser[name=" + name + ", role=" + role + ", passwordHash=<hidden>]";
    }
}
