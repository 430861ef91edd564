package dsmart.ingestion;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** A source query that runs on its own thread while Spark works, e.g. a count in the source database. */
final class Background<T> {
    private final CompletableFuture<T> future;

    private Background(CompletableFuture<T> future) {
        this.future = future;
    }

    static <T> Background<T> start(Supplier<T> work) {
        requireNonNull(work, "work");
        return new Background<>(CompletableFuture.supplyAsync(work));
    }

    /** Waits for the result; the work's own exception is rethrown as it was thrown. */
    T result() {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
