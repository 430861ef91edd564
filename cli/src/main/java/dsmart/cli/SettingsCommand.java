package dsmart.cli;

import picocli.CommandLine.Command;

@Command(name = "settings", mixinStandardHelpOptions = true,
        description = "Print every setting with its effective value (passwords masked).")
final class SettingsCommand extends StageCommand {
    @Override
    public Integer call() {
        settings().describe().forEach((key, value) -> System.out.println(key + "=" + value));
        return 0;
    }
}
