package dsmart.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Pull the source tables of setting ingest.tables over JDBC into raw.* Iceberg tables (MERGE by key),",
            "incrementally by their cursor after the first run, and the files dropped in the feeds' inboxes (docs/ingestion.md)."})
final class IngestCommand extends StageCommand {
    @Option(names = "--full", description = "Read every table in full (after a source was restored or regenerated; backfills new columns).")
    boolean full;

    @Override
    public Integer call() {
        Stages.ingest(settings(), full);
        return 0;
    }
}
