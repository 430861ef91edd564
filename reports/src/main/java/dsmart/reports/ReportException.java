package dsmart.reports;

/** A report could not be compiled, filled or exported; the message names the report and the step. */
public final class ReportException extends RuntimeException {
    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
