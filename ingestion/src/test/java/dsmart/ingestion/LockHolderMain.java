package dsmart.ingestion;

import dsmart.lake.Progress;
import dsmart.lake.Settings;
import java.nio.file.Path;

/** Test helper run in its own JVM: takes the lake's ingest lock, says so, holds it args[1] seconds, then releases it. */
public final class LockHolderMain {
    private LockHolderMain() {}

    public static void main(String[] args) throws InterruptedException {
        Settings settings = Settings.builder().file(Path.of(args[0])).build();
        try (WriterLock lock = WriterLock.acquire(settings, "holder-run", Progress.silent("holder"))) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(Long.parseLong(args[1]) * 1000);
            lock.clear();
        }
        System.out.println("released at " + System.currentTimeMillis());
        System.out.flush();
        System.exit(0);
    }
}
