package dsmart.lake;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress of a long stage on stderr: stage, rows and rate, at most every two seconds while
 * running and once when a step ends.
 */
public final class Progress {
    private static final long INTERVAL_NANOS = Duration.ofSeconds(2).toNanos();

    private final PrintStream out;
    private final String stage;
    private String step = "";
    private long rows;
    private long stepStarted;
    private long lastPrinted;

    private Progress(PrintStream out, String stage) {
        this.out = out;
        this.stage = stage;
    }

    public static Progress of(String stage) {
        return new Progress(System.err, stage);
    }

    public static Progress silent(String stage) {
        return new Progress(new PrintStream(PrintStream.nullOutputStream()), stage);
    }

    public void start(String step) {
        this.step = step;
        this.rows = 0;
        this.stepStarted = System.nanoTime();
        this.lastPrinted = stepStarted;
    }

    public void add(long count) {
        rows += count;
        long now = System.nanoTime();
        if (now - lastPrinted >= INTERVAL_NANOS) {
            lastPrinted = now;
            print("…");
        }
    }

    public void done(long total) {
        rows = total;
        print("done");
    }

    public void message(String text) {
        out.printf(Locale.ROOT, "[%s] %s%n", stage, text);
    }

    private void print(String state) {
        double seconds = Math.max((System.nanoTime() - stepStarted) / 1e9, 1e-3);
        out.printf(Locale.ROOT, "[%s] %-28s %,12d rows %,10.0f rows/s %6.1f s %s%n",
                stage, step, rows, rows / seconds, seconds, state);
    }
}
