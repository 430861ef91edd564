package dsmart.ingestion;

import dsmart.lake.LakeCatalog;
import dsmart.lake.Progress;
import dsmart.lake.Settings;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One ingest per lake at a time, and the journal that makes a run one unit even when its process is killed.
 *
 * <p>The lock is an OS file lock ({@code fcntl}) on {@code .dsmart-ingest.lock} in the warehouse directory: the
 * operating system releases it when the holder dies, so a lock is never stale. The file's text names the holder
 * (pid, host, start time, run) for whoever has to wait, and holds the journal of the run: the snapshot of every
 * table the run may write, taken before its first write. A run that ends, well or badly, clears the journal; a
 * journal still there when the lock is next taken is the trace of a killed run, whose tables the next run rolls back
 * before doing anything else. With the JDBC catalog on PostgreSQL the same job would be done by a session-level
 * advisory lock ({@code pg_try_advisory_lock}) and a journal row in the catalog database; see docs/ingestion.md.
 */
final class WriterLock implements AutoCloseable {
    static final String FILE = ".dsmart-ingest.lock";
    private static final Duration POLL = Duration.ofMillis(200);

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private final Properties holder;
    private final Journal previous;

    /** A run's journal: its id, state (running, committed) and the snapshot each table had before it (null: no table). */
    record Journal(String runId, String state, Map<String, Long> before, String holder) {}

    private WriterLock(Path path, FileChannel channel, FileLock lock, Properties holder, Journal previous) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.holder = holder;
        this.previous = previous;
    }

    static Path path(Settings settings) {
        URI warehouse = URI.create(settings.text("lake.warehouse"));
        if (!"file".equals(warehouse.getScheme())) {
            throw new IngestionException("ingest needs a local warehouse (file:) for its lock file; lake.warehouse is " + warehouse
                    + " (see docs/ingestion.md, locking)", null);
        }
        return Path.of(warehouse).resolve(FILE);
    }

    /** Takes the lock, waiting up to ingest.lock.wait.seconds; then fails naming the holder. */
    static WriterLock acquire(Settings settings, String runId, Progress progress) {
        LakeCatalog.checkWarehouse(settings);
        Path path = path(settings);
        int waitSeconds = settings.integer("ingest.lock.wait.seconds");
        Instant deadline = Instant.now().plusSeconds(waitSeconds);
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IngestionException("cannot open the ingest lock file " + path + ": " + e.getMessage(), e);
        }
        try {
            boolean announced = false;
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    Properties text = read(channel);
                    Journal previous = journal(text);
                    Properties holder = new Properties();
                    holder.setProperty("holder.pid", String.valueOf(ProcessHandle.current().pid()));
                    holder.setProperty("holder.host", host());
                    holder.setProperty("holder.started", Instant.now().toString());
                    holder.setProperty("holder.run", runId);
                    WriterLock writerLock = new WriterLock(path, channel, lock, holder, previous);
                    // Keep the previous journal until it has been dealt with: if this process dies too, the next one sees it.
                    writerLock.write(previous == null ? Map.of() : journalLines(previous));
                    return writerLock;
                }
                if (!Instant.now().isBefore(deadline)) {
                    throw new IngestionException("the lake " + path.getParent() + " is being written by another ingest: "
                            + describe(readFile(path)) + "; gave up after waiting " + waitSeconds
                            + " s (setting ingest.lock.wait.seconds)", null);
                }
                if (!announced) {
                    progress.message("waiting up to " + waitSeconds + " s for the lake lock held by " + describe(readFile(path)));
                    announced = true;
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close(channel);
            throw new IngestionException("interrupted while waiting for the ingest lock " + path, e);
        } catch (RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    /** The journal a killed run left behind, or null. */
    Journal previous() {
        return previous;
    }

    /** Records the snapshots before the run's first write (state running). */
    void begin(String runId, Map<String, Long> before) {
        write(journalLines(new Journal(runId, "running", before, null)));
    }

    /** Every write of the run is committed: a crash from here on needs no rollback. */
    void committed(String runId) {
        write(journalLines(new Journal(runId, "committed", Map.of(), null)));
    }

    /** The run is over (finished, or rolled back): nothing to recover. */
    void clear() {
        write(Map.of());
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        }
        close(channel);
    }

    private static FileLock tryLock(FileChannel channel) {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by another thread of this process
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Map<String, String> journal) {
        Properties content = new Properties();
        content.putAll(holder);
        content.putAll(journal);
        StringWriter text = new StringWriter();
        try {
            new TreeMap<>(content).forEach((k, v) -> text.append(k.toString()).append('=').append(v.toString()).append('\n'));
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(bytes), 0);
            channel.force(true);
        } catch (IOException e) {
            throw new IngestionException("cannot write the ingest lock file " + path + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> journalLines(Journal journal) {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("journal.run", journal.runId());
        lines.put("journal.state", journal.state());
        journal.before().forEach((table, snapshot) -> lines.put("journal.table." + table, snapshot == null ? "none" : snapshot.toString()));
        if (journal.holder() != null) {
            lines.put("journal.holder", journal.holder());
        }
        return lines;
    }

    private static Journal journal(Properties text) {
        String run = text.getProperty("journal.run");
        if (run == null) {
            return null;
        }
        Map<String, Long> before = new TreeMap<>();
        text.stringPropertyNames().stream().filter(k -> k.startsWith("journal.table.")).forEach(k -> {
            String value = text.getProperty(k);
            before.put(k.substring("journal.table.".length()), value.equals("none") ? null : Long.parseLong(value));
        });
        String holder = text.getProperty("journal.holder", text.containsKey("holder.pid") ? describe(text) : "an earlier ingest");
        return new Journal(run, text.getProperty("journal.state", "running"), before, holder);
    }

    private static Properties read(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
            channel.read(buffer, 0);
            return parse(new String(buffer.array(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties readFile(Path path) {
        try {
            return parse(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Properties();
        }
    }

    private static Properties parse(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            // a half-written file: describe() says so
        }
        return properties;
    }

    static String describe(Properties holder) {
        if (!holder.containsKey("holder.pid")) {
            return "a process that has not written its name yet (lock file " + FILE + ")";
        }
        return "pid " + holder.getProperty("holder.pid") + " on host " + holder.getProperty("holder.host")
                + ", started " + holder.getProperty("holder.started") + " (run " + holder.getProperty("holder.run") + ")";
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
