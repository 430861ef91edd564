package dsmart.reports;

import static java.util.Objects.requireNonNull;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What every output carries about itself: the pack's title, the period, the scope, when it was generated
 * (in the business zone), the snapshot id of every table it read and who asked. Documents show it in
 * their header (parameters {@code STAMP_*}), XLSX tables on their first sheet, CSV files in their first lines.
 */
public record Stamp(String title, Period period, Scope scope, ZonedDateTime generatedAt, Map<String, Long> snapshots, String requestedBy) {
    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx '('VV')'");

    public Stamp {
        requireNonNull(title, "title");
        requireNonNull(period, "period");
        requireNonNull(scope, "scope");
        requireNonNull(generatedAt, "generatedAt");
        snapshots = Collections.unmodifiableMap(new TreeMap<>(snapshots));
        requireNonNull(requestedBy, "requestedBy");
    }

    public String generatedAtText() {
        return SHOWN.format(generatedAt);
    }

    /** {@code mart.customer_sales@12, mart.sales_monthly@34}, or the "none" label when the port gave no ids. */
    public String snapshotsText(Labels labels) {
        if (snapshots.isEmpty()) {
            return labels.text("stamp.snapshots.none");
        }
        return snapshots.entrySet().stream().map(e -> e.getKey() + "@" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** Label and value pairs, in order, as a table export's stamp lines show them. */
    public List<Map.Entry<String, String>> lines(Labels labels) {
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        lines.add(Map.entry(labels.text("stamp.report"), title));
        lines.add(Map.entry(labels.text("stamp.period"), period.toString()));
        lines.add(Map.entry(labels.text("stamp.scope"), scope.describe(labels)));
        lines.add(Map.entry(labels.text("stamp.generated_at"), generatedAtText()));
        lines.add(Map.entry(labels.text("stamp.snapshots"), snapshotsText(labels)));
        lines.add(Map.entry(labels.text("stamp.requested_by"), requestedBy));
        return lines;
    }

    /** The parameters every pack's JRXML declares (all {@code java.lang.String}). */
    public Map<String, Object> parameters(Labels labels) {
        Map<String, Object> parameters = new TreeMap<>();
        parameters.put("STAMP_TITLE", title);
        parameters.put("STAMP_PERIOD", period.toString());
        parameters.put("STAMP_SCOPE", scope.describe(labels));
        parameters.put("STAMP_GENERATED_AT", generatedAtText());
        parameters.put("STAMP_SNAPSHOTS", snapshotsText(labels));
        parameters.put("STAMP_REQUESTED_BY", requestedBy);
        return parameters;
    }
}
