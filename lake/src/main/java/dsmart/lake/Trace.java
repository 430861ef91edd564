package dsmart.lake;

/** Step timings on stderr when the system property dsmart.trace is set (benchmarks: where does a run spend its time). */
public final class Trace {
    private static final boolean ON = System.getProperty("dsmart.trace") != null;
    private static long last = System.nanoTime();

    private Trace() {}

    public static synchronized void lap(String step) {
        long now = System.nanoTime();
        if (ON) {
            System.err.printf(java.util.Locale.ROOT, "[trace] %-40s %7.0f ms%n", step, (now - last) / 1e6);
        }
        last = now;
    }
}
