package dsmart.sources;

import dsmart.lake.Settings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the generator planted, so that tests can check that the marts find exactly that: CSV files (UTF-8,
 * header line, RFC 4180 quoting) in setting generator.truth.dir, outside the source databases so that
 * ingestion never sees them.
 * <ul>
 *   <li>{@code breaches.csv}: rule_id, clause, entity, entity_id, rep_id, customer_id, occurred_on, detail</li>
 *   <li>{@code rates.csv}: rule_id, clause, rate, population, planted, recorded</li>
 *   <li>{@code generator.properties}: seed, scale, start, months, as_of and the policy figures used</li>
 * </ul>
 */
public final class Truth implements AutoCloseable {
    public static final String BREACHES = "breaches.csv";
    public static final String RATES = "rates.csv";
    public static final String MANIFEST = "generator.properties";

    /** One recorded breach. rep_id and customer_id are null where the rule has none. */
    public record Breach(String ruleId, String clause, String entity, String entityId, Long repId, Long customerId,
            LocalDate occurredOn, String detail) {}

    /** One rule's configured rate, population (units it could happen to), planted and recorded counts. */
    public record Rate(String ruleId, String clause, double rate, long population, long planted, long recorded) {}

    private final Path dir;
    private final BufferedWriter breaches;
    private final Map<Rule, long[]> counts = new EnumMap<>(Rule.class);
    private final Map<Rule, Double> rates;

    Truth(Path dir, Map<Rule, Double> rates) {
        this.dir = dir;
        this.rates = rates;
        for (Rule rule : Rule.values()) {
            counts.put(rule, new long[3]);
        }
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(RATES));
            Files.deleteIfExists(dir.resolve(MANIFEST));
            breaches = Files.newBufferedWriter(dir.resolve(BREACHES), StandardCharsets.UTF_8);
            breaches.write("rule_id,clause,entity,entity_id,rep_id,customer_id,occurred_on,detail\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generator's truth files in " + dir + ": " + e.getMessage(), e);
        }
    }

    double rate(Rule rule) {
        return rates.get(rule);
    }

    /** One more unit the rule could happen to. */
    void population(Rule rule) {
        counts.get(rule)[0]++;
    }

    void planted(Rule rule) {
        counts.get(rule)[1]++;
    }

    void record(Rule rule, Object entityId, Long repId, Long customerId, LocalDate occurredOn, String detail) {
        counts.get(rule)[2]++;
        try {
            breaches.write(String.join(",", rule.id(), rule.clause(), rule.entity(), csv(String.valueOf(entityId)),
                    repId == null ? "" : repId.toString(), customerId == null ? "" : customerId.toString(),
                    occurredOn == null ? "" : occurredOn.toString(), csv(detail)));
            breaches.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long recorded() {
        return counts.values().stream().mapToLong(c -> c[2]).sum();
    }

    /** Writes rates.csv and the manifest; breaches.csv is complete once this returns. */
    void finish(Map<String, String> manifest) {
        try {
            breaches.flush();
            StringBuilder out = new StringBuilder("rule_id,clause,rate,population,planted,recorded\n");
            for (Rule rule : Rule.values()) {
                long[] c = counts.get(rule);
                out.append(rule.id()).append(',').append(rule.clause()).append(',').append(rates.get(rule)).append(',')
                        .append(c[0]).append(',').append(c[1]).append(',').append(c[2]).append('\n');
            }
            Files.writeString(dir.resolve(RATES), out, StandardCharsets.UTF_8);
            StringBuilder properties = new StringBuilder("# what dsmart generate made; see docs/sources.md\n");
            manifest.forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
            Files.writeString(dir.resolve(MANIFEST), properties, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            breaches.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The truth directory of these settings (generator.truth.dir). */
    public static Path dir(Settings settings) {
        return settings.path("generator.truth.dir");
    }

    /** Every recorded breach, in the order the generator recorded them. */
    public static List<Breach> breaches(Path dir) {
        List<Breach> out = new ArrayList<>();
        for (List<String> row : readCsv(dir.resolve(BREACHES))) {
            out.add(new Breach(row.get(0), row.get(1), row.get(2), row.get(3), longOrNull(row.get(4)), longOrNull(row.get(5)),
                    row.get(6).isEmpty() ? null : LocalDate.parse(row.get(6)), row.get(7)));
        }
        return out;
    }

    /** Every rule's rate and counts. */
    public static List<Rate> rates(Path dir) {
        List<Rate> out = new ArrayList<>();
        for (List<String> row : readCsv(dir.resolve(RATES))) {
            out.add(new Rate(row.get(0), row.get(1), Double.parseDouble(row.get(2)), Long.parseLong(row.get(3)),
                    Long.parseLong(row.get(4)), Long.parseLong(row.get(5))));
        }
        return out;
    }

    private static Long longOrNull(String text) {
        return text.isEmpty() ? null : Long.valueOf(text);
    }

    private static String csv(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** Rows after the header, fields unquoted. */
    static List<List<String>> readCsv(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (run dsmart generate first): " + e.getMessage(), e);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else if (ch != '\r') {
                field.append(ch);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows.isEmpty() ? rows : rows.subList(1, rows.size());
    }
}
