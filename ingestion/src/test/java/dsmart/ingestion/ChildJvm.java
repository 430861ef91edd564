package dsmart.ingestion;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** A second JVM on the test classpath with the flags the build gives Spark (surefire passes them as system properties). */
final class ChildJvm {
    private ChildJvm() {}

    static Process start(Class<?> main, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String property : List.of("test.jvm.flags", "spark.jvm.flags")) {
            String flags = System.getProperty(property, "");
            Arrays.stream(flags.split("\\s+")).filter(f -> !f.isBlank()).forEach(command::add);
        }
        command.add("-Xmx1g"); // after test.jvm.flags' -Xmx: the last one counts
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Settings overrides as a properties file the child reads with Settings.builder().file(...). */
    static Path settingsFile(Path dir, Map<String, String> overrides) throws IOException {
        Properties properties = new Properties();
        properties.putAll(overrides);
        Path file = Files.createTempFile(dir, "child", ".properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, null);
        }
        return file;
    }
}
