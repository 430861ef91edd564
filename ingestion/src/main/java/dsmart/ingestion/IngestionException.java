package dsmart.ingestion;

/** Ingestion failed; the message names the source system or table. The lake is left as it was. */
public final class IngestionException extends RuntimeException {
    IngestionException(String message, Throwable cause) {
        super(message, cause);
    }
}
