package dsmart.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code web.users} setting: comma-separated entries {@code name:ROLE:hash[:region]}, ROLE one of
 * EXECUTIVE, REGION_MANAGER, HR, AUDIT, ADMIN (any case); the region only (and always) for REGION_MANAGER.
 * An Argon2id hash carries commas of its own ({@code m=19456,t=2,p=1}): an entry ends only at a comma that
 * is followed by the next {@code name:ROLE:}.
 */
public final class WebUsers {
    /** A comma that starts the next entry: what follows is name:ROLE: (a hash's parameters never hold a colon). */
    private static final Pattern ENTRY_SEPARATOR = Pattern.compile(",(?=\\s*[^,:\\s]+\\s*:\\s*[A-Za-z_]+\\s*:)");

    private WebUsers() {}

    /**
     * The users of the setting's text; blank text gives an empty list.
     *
     * @throws IllegalArgumentException naming the setting, the entry's user and what is wrong (never the hash)
     */
    public static List<WebUser> parse(String text) {
        List<WebUser> users = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return users;
        }
        for (String raw : ENTRY_SEPARATOR.split(text.strip())) {
            String entry = raw.strip();
            String[] parts = entry.split(":", -1);
            if (parts.length != 3 && parts.length != 4) {
                String who = parts.length > 0 && !parts[0].isBlank() ? "entry for " + parts[0].strip() : "an entry";
                throw new IllegalArgumentException("bad setting web.users: " + who + " is not name:ROLE:hash[:region]");
            }
            String name = parts[0].strip();
            try {
                Role role = Role.parse(parts[1]);
                String region = parts.length == 4 ? parts[3].strip() : null;
                users.add(new WebUser(name, role, parts[2].strip(), region));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad setting web.users: entry for " + name + ": " + e.getMessage(), e);
            }
        }
        return users;
    }
}
