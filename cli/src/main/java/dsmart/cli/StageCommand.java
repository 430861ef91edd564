package dsmart.cli;

import dsmart.lake.Settings;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/** A subcommand: gets the invocation's settings, with its own options layered on top. */
abstract class StageCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    Settings settings(Map<String, String> options) {
        Settings settings = main.settings();
        return options.isEmpty() ? settings : settings.with(options);
    }

    Settings settings() {
        return main.settings();
    }
}
