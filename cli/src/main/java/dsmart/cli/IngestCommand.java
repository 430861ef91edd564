package dsmart.cli;

import picocli.CommandLine.Command;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Pull the source tables of setting ingest.tables over JDBC into raw.* Iceberg tables (MERGE by key).")
final class IngestCommand extends StageCommand {
    @Override
    public Integer call() {
        Stages.ingest(settings());
        return 0;
    }
}
