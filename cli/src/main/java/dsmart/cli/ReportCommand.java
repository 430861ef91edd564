package dsmart.cli;

import picocli.CommandLine.Command;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render the report packs (PDF and XLSX) from the marts into setting reports.dir.")
final class ReportCommand extends StageCommand {
    @Override
    public Integer call() {
        Stages.report(settings());
        return 0;
    }
}
