package dsmart.lake;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * ops.alert_ack: acknowledgements of market alerts (mart.market_alert), written by the dashboard without Spark.
 * An append-only UTF-8 CSV file (setting {@code market.ack.file}) with the header
 * {@code alert_id,acknowledged_by,acknowledged_at,note}; acknowledged_at is an ISO-8601 instant. Writers take an
 * exclusive file lock, so two processes appending at once do not interleave. The transform reads it and joins the
 * latest acknowledgement of each alert into mart.market_alert.
 */
public final class AlertAcks {
    static final String HEADER = "alert_id,acknowledged_by,acknowledged_at,note";

    /** One acknowledgement. */
    public record Ack(String alertId, String acknowledgedBy, Instant acknowledgedAt, String note) {
        public Ack {
            requireNonNull(alertId, "alertId");
            requireNonNull(acknowledgedBy, "acknowledgedBy");
            requireNonNull(acknowledgedAt, "acknowledgedAt");
            note = note == null ? "" : note;
            if (alertId.isBlank() || acknowledgedBy.isBlank()) {
                throw new IllegalArgumentException("an acknowledgement needs an alert id and who acknowledged it, got '" + alertId
                        + "' and '" + acknowledgedBy + "'");
            }
        }
    }

    private final Path file;

    private AlertAcks(Path file) {
        this.file = file;
    }

    public static AlertAcks open(Settings settings) {
        return new AlertAcks(settings.path("market.ack.file"));
    }

    public static AlertAcks at(Path file) {
        return new AlertAcks(requireNonNull(file, "file"));
    }

    public Path file() {
        return file;
    }

    /** Appends one acknowledgement (creating the file with its header when absent). */
    public void append(Ack ack) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                    FileLock ignored = channel.lock()) {
                StringBuilder line = new StringBuilder();
                if (channel.size() == 0) {
                    line.append(HEADER).append('\n');
                }
                line.append(String.join(",", quote(ack.alertId()), quote(ack.acknowledgedBy()), ack.acknowledgedAt().toString(),
                        quote(ack.note()))).append('\n');
                ByteBuffer bytes = ByteBuffer.wrap(line.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append an alert acknowledgement to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every acknowledgement in file order (empty when the file does not exist). */
    public List<Ack> all() {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read alert acknowledgements " + file + ": " + e.getMessage(), e);
        }
        List<List<String>> records = parse(text);
        List<Ack> acks = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> r = records.get(i);
            if (r.size() != 4) {
                throw new LakeException("alert acknowledgements " + file + ": record " + (i + 1) + " has " + r.size() + " fields, not 4");
            }
            acks.add(new Ack(r.get(0), r.get(1), Instant.parse(r.get(2)), r.get(3)));
        }
        return acks;
    }

    private static String quote(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    /** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
    private static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || field.length() > 0) {
                    record.add(field.toString());
                    records.add(record);
                }
                record = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (any || field.length() > 0) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
