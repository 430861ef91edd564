package dsmart.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who did what, when, with which parameters: logins (succeeded, failed, throttled), logouts, downloads
 * (and refused ones) and report generations. One JSON object per line in {@code <dir>/web-YYYY-MM.jsonl}
 * (month in UTC), appended and forced to disk before the action it records is answered; a record that
 * cannot be written fails the action (503), so nothing audited happens unrecorded. Without a directory
 * (tests, embedding) the log is kept in memory only, and the start says so.
 */
public final class AuditLog {
    /** What the JSON line holds; {@code params} never holds a password. */
    public record Event(Instant time, String event, String outcome, String user, String role, String ip, String target,
                        Map<String, Object> params) {
        public Event {
            requireNonNull(time, "time");
            requireNonNull(event, "event");
            requireNonNull(outcome, "outcome");
            params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }

    /** Thrown when a record cannot be written: the audited action must not go ahead. */
    static final class AuditUnavailableException extends RuntimeException {
        AuditUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final Pattern FILE = Pattern.compile("web-[0-9]{4}-[0-9]{2}\\.jsonl");
    private static final int MEMORY_EVENTS = 10_000;

    private final Path dir;
    private final Clock clock;
    private final ObjectMapper json = WebApp.objectMapper();
    private final Deque<Event> memory = new ArrayDeque<>();

    private AuditLog(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = requireNonNull(clock, "clock");
    }

    /** A log appending under dir (created if missing), or in memory only when dir is null. */
    public static AuditLog open(Path dir, Clock clock) {
        if (dir != null) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new IllegalStateException("audit log directory " + dir + " cannot be created: " + e.getMessage(), e);
            }
            if (!Files.isWritable(dir)) {
                throw new IllegalStateException("audit log directory " + dir + " is not writable");
            }
        }
        return new AuditLog(dir, clock);
    }

    Path dir() {
        return dir;
    }

    /** Records an event now. */
    void record(String event, String outcome, WebUser user, String userName, String ip, String target, Map<String, Object> params) {
        append(new Event(clock.instant(), event, outcome, user != null ? user.name() : userName,
                user != null ? user.role().name() : null, ip, target, params));
    }

    /** Appends one event, durably when the log has a directory. */
    public synchronized void append(Event event) {
        requireNonNull(event, "event");
        if (dir == null) {
            memory.addLast(event);
            if (memory.size() > MEMORY_EVENTS) {
                memory.removeFirst();
            }
            return;
        }
        Path file = dir.resolve(fileName(event.time()));
        try {
            byte[] line = (json.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
            boolean created = !Files.exists(file);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(false);
            }
            if (created && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("audit log: writing {} failed: {}", file, e.toString());
            throw new AuditUnavailableException("the audit log cannot be written", e);
        }
    }

    /** The newest events first that pass the test, at most limit of them. */
    synchronized List<Event> recent(Predicate<Event> test, int limit) {
        List<Event> out = new ArrayList<>();
        if (dir == null) {
            for (Iterator<Event> it = memory.descendingIterator(); it.hasNext() && out.size() < limit; ) {
                Event event = it.next();
                if (test.test(event)) {
                    out.add(event);
                }
            }
            return out;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> FILE.matcher(p.getFileName().toString()).matches())
                    .sorted(java.util.Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("audit log directory " + dir + " cannot be listed", e);
        }
        for (Path file : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("audit log " + file + " cannot be read", e);
            }
            for (int i = lines.size() - 1; i >= 0 && out.size() < limit; i--) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                try {
                    Event event = json.readValue(line, Event.class);
                    if (test.test(event)) {
                        out.add(event);
                    }
                } catch (JsonProcessingException e) {
                    LOG.warn("audit log {}: line {} is not an event, skipped", file.getFileName(), i + 1);
                }
            }
            if (out.size() >= limit) {
                break;
            }
        }
        return out;
    }

    static String fileName(Instant time) {
        return "web-" + YearMonth.from(time.atOffset(ZoneOffset.UTC)) + ".jsonl";
    }
}
