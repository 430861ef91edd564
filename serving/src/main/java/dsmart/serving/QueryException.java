package dsmart.serving;

/** A query the engine refused or could not answer; the message names the query. */
public final class QueryException extends RuntimeException {
    public QueryException(String message, Throwable cause) {
        super(message, cause);
    }

    public QueryException(String message) {
        super(message);
    }
}
