package dsmart.serving;

import dsmart.lake.Settings;

/** Opens the port on the engine that setting serving.engine names. */
public final class Engines {
    private Engines() {}

    public static MartQuery open(Settings settings) {
        return open(settings, ReadPoint.current());
    }

    public static MartQuery open(Settings settings, ReadPoint readPoint) {
        return switch (settings.text("serving.engine")) {
            case "embedded" -> EmbeddedEngine.open(settings, readPoint);
            case "trino" -> TrinoEngine.open(settings, readPoint);
            default -> throw new QueryException("unknown serving.engine " + settings.text("serving.engine"));
        };
    }
}
