package dsmart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dsmart.lake.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One `dsmart demo --no-serve` per test JVM (Spark is costly to start), in a temporary data directory,
 * at a small scale: six months of a scale-1 company.
 */
final class DemoRun {
    private static Settings settings;
    /** Set once the demo was started: a demo that failed is not run again by every later test. */
    private static boolean started;

    private DemoRun() {}

    static synchronized Settings settings() {
        if (settings == null) {
            assertThat(started).as("the shared demo failed earlier in this JVM").isFalse();
            started = true;
            try {
                Path dir = Files.createTempDirectory("dsmart-e2e");
                String[] args = args(dir, "demo", "--no-serve");
                assertThat(Main.run(args)).as("exit code of dsmart demo --no-serve").isZero();
                settings = Settings.builder().overrides(overrides(dir)).build();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return settings;
    }

    static Map<String, String> overrides(Path dir) {
        return Map.of("data.dir", dir.toString(), "generator.months", "6", "generator.start", "2025-01-01");
    }

    /** Command-line arguments that set the test's data directory and size, then the command. */
    static String[] args(Path dir, String... command) {
        java.util.List<String> args = new java.util.ArrayList<>();
        overrides(dir).forEach((key, value) -> {
            args.add("--set");
            args.add(key + "=" + value);
        });
        args.addAll(java.util.List.of(command));
        return args.toArray(String[]::new);
    }

    static Path dataDir() {
        return settings().path("data.dir");
    }
}
