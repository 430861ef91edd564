package dsmart.cli;

import dsmart.lake.Settings;
import dsmart.lake.SettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dsmart",
        mixinStandardHelpOptions = true,
        version = "dsmart 0.1.0",
        description = {"Sales-and-risk data mart: source systems → Iceberg lake → marts → reports and dashboard.",
            "Settings: defaults (see lake/src/main/resources/dsmart/lake/dsmart-defaults.properties) < ./dsmart.properties "
                    + "or --config < DSMART_* environment variables < --set key=value."},
        subcommands = {
            DemoCommand.class, GenerateCommand.class, IngestCommand.class, TransformCommand.class, ReportCommand.class,
            ServeCommand.class, SqlCommand.class, StatusCommand.class, SettingsCommand.class, HashPasswordCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class Main {
    static final Path DEFAULT_CONFIG = Path.of("dsmart.properties");

    @Option(names = "--config", paramLabel = "FILE", description = "Settings file (default ./dsmart.properties when present).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one setting; repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    private Settings settings;

    /** The settings of this invocation, loaded once and validated; a bad one stops here naming its key. */
    Settings settings() {
        if (settings == null) {
            Settings.Builder builder = Settings.builder();
            if (config != null) {
                builder.file(config);
            } else if (Files.isRegularFile(DEFAULT_CONFIG)) {
                builder.file(DEFAULT_CONFIG);
            }
            settings = builder.environment(System.getenv()).overrides(overrides).build();
        }
        return settings;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line; returns the exit code (0 ok, 1 failed, 2 bad usage or settings). */
    static int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            String command = parsed.subcommand() == null ? "dsmart" : "dsmart " + parsed.subcommand().commandSpec().name();
            System.err.println(command + ": " + Failures.oneLine(e));
            if (System.getenv("DSMART_DEBUG") != null) {
                e.printStackTrace();
            }
            return e instanceof SettingsException ? 2 : 1;
        });
        return commandLine.execute(args);
    }
}
