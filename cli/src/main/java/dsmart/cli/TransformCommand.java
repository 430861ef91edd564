package dsmart.cli;

import picocli.CommandLine.Command;

@Command(name = "transform", mixinStandardHelpOptions = true,
        description = "Build staging and the marts (mart.*) from raw.*, each checked before it is published.")
final class TransformCommand extends StageCommand {
    @Override
    public Integer call() {
        Stages.transform(settings());
        return 0;
    }
}
