package dsmart.sources;

import dsmart.lake.Progress;
import dsmart.lake.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Generated companies shared by the tests of one JVM (generation takes seconds), each in its own temporary data dir. */
final class Companies {
    /** Rare breaches raised so that each kind occurs often enough at a small scale to check its rate. */
    static final String RAISED = "sale_before_induction_passed=0.6,induction_too_short=0.2,complex_ticket_without_progress=0.3,"
            + "complaint_past_deadline=0.3,ticket_answered_late=0.2,duplicate_order=0.01,order_number_gap=0.01,"
            + "collection_action_missed=0.1,expense_outlier=0.05";
    private static final Map<String, Settings> CACHE = new HashMap<>();

    private Companies() {}

    /** Scale 1, nine months from 2025-01 (Spring Festival, write-offs after 180 days), rare breaches raised. */
    static synchronized Settings standard() {
        return CACHE.computeIfAbsent("standard", key -> generate(Map.of("generator.months", "9", "generator.seed", "11",
                "generator.breaches", RAISED)));
    }

    /** A company generated with no breach planted. */
    static synchronized Settings clean() {
        return CACHE.computeIfAbsent("clean", key -> generate(Map.of("generator.months", "4", "generator.seed", "12",
                "generator.breaches", "none")));
    }

    static Settings generate(Map<String, String> overrides) {
        Settings settings = settings(overrides);
        Generator.generate(settings, Progress.silent("test"));
        return settings;
    }

    static Settings settings(Map<String, String> overrides) {
        try {
            // under target/ so that the build's clean removes them; the open H2 files are not deleted under the JVM's feet
            Path root = Files.createDirectories(Path.of("target", "generated-companies"));
            Path dir = Files.createTempDirectory(root.toAbsolutePath(), "company");
            Map<String, String> all = new HashMap<>(overrides);
            all.put("data.dir", dir.toString());
            for (String system : new String[] {"crm", "orders", "finance"}) {
                // the embedded database stays open between the tests' queries (no reopening the file for each),
                // and closes at exit without open sessions
                all.putIfAbsent("source." + system + ".url", "jdbc:h2:file:" + dir.resolve("sources").resolve(system)
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            }
            return Settings.builder().overrides(all).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first business day not generated. */
    static LocalDate asOfDate(Settings settings) {
        return settings.date("generator.start").withDayOfMonth(1).plusMonths(settings.integer("generator.months"));
    }

    /** The snapshot instant as a stored (UTC wall-clock) value. */
    static LocalDateTime asOf(Settings settings) {
        return asOfDate(settings).atStartOfDay(settings.zone()).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    static LocalDate businessDay(Settings settings, LocalDateTime utc) {
        return utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(settings.zone()).toLocalDate();
    }
}
