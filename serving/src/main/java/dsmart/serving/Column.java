package dsmart.serving;

import static java.util.Objects.requireNonNull;

/** A result column: its label and its SQL type name as the engine reports it (for example DECIMAL(18,2)). */
public record Column(String name, String type) {
    public Column {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
    }
}
