package dsmart.ingestion;

import dsmart.lake.Progress;
import dsmart.lake.Settings;
import java.nio.file.Path;

/** Test helper run in its own JVM: one ingest with the settings of the file given, progress on stdout. */
public final class IngestMain {
    private IngestMain() {}

    public static void main(String[] args) {
        Settings settings = Settings.builder().file(Path.of(args[0])).build();
        System.setErr(System.out);
        Ingestion.run(settings, Progress.of("ingest"));
        System.out.println("ingest finished");
        System.exit(0);
    }
}
