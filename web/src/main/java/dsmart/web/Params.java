package dsmart.web;

import java.util.regex.Pattern;

/** Checks of request parameters; a failure names the parameter and the value (answered 400). */
final class Params {
    private Params() {}

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** Free text up to max characters without control characters (it is bound, never spliced into SQL). */
    static String text(String name, String raw, int max) {
        String value = blankToNull(raw);
        if (value == null) {
            return null;
        }
        if (value.length() > max || value.chars().anyMatch(Character::isISOControl)) {
            throw new BadParameterException("parameter " + name + "=" + quoted(value) + " must be at most " + max
                    + " characters without control characters");
        }
        return value;
    }

    /** A value matching the pattern, described for the message. */
    static String matching(String name, String raw, Pattern pattern, String what) {
        String value = blankToNull(raw);
        if (value == null) {
            return null;
        }
        if (!pattern.matcher(value).matches()) {
            throw new BadParameterException("parameter " + name + "=" + quoted(value) + " is not " + what);
        }
        return value;
    }

    /** The value as a message shows it: quoted, cut to 40 characters, control characters replaced. */
    static String quoted(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
