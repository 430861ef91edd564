package dsmart.lake;

/** A setting that is unknown or whose value is not of its kind; the message names key and value. */
public final class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message);
    }
}
