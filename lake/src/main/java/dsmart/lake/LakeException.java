package dsmart.lake;

/** The lake cannot be used as configured; the message names the location or table. */
public final class LakeException extends RuntimeException {
    public LakeException(String message) {
        super(message);
    }

    public LakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
