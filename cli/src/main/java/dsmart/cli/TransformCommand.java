package dsmart.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "transform", mixinStandardHelpOptions = true,
        description = "Build staging and the marts (mart.*) from raw.*, each checked before it is published.")
final class TransformCommand extends StageCommand {
    @Option(names = "--full", description = "Rebuild every mart, also those whose inputs are unchanged since they were published.")
    boolean full;

    @Override
    public Integer call() {
        Stages.transform(full ? settings(Map.of("transform.full", "true")) : settings());
        return 0;
    }
}
