package dsmart.lake;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/** A lake table: namespace (raw, stg, mart, ops, quarantine) and name, written namespace.name. */
public record TableId(String namespace, String name) {
    private static final Pattern PART = Pattern.compile("[a-z][a-z0-9_]*");

    public TableId {
        requireNonNull(namespace, "namespace");
        requireNonNull(name, "name");
        if (!PART.matcher(namespace).matches() || !PART.matcher(name).matches()) {
            throw new IllegalArgumentException("table id must be lower-case namespace.name, was " + namespace + "." + name);
        }
    }

    public static TableId of(String qualified) {
        int dot = qualified.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("table id must be namespace.name, was " + qualified);
        }
        return new TableId(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    @Override
    public String toString() {
        return namespace + "." + name;
    }
}
