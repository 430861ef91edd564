package dsmart.transforms;

/** A transform failed or a mart failed its data checks; the mart named keeps its previous snapshot. */
public final class TransformException extends RuntimeException {
    TransformException(String message, Throwable cause) {
        super(message, cause);
    }

    TransformException(String message) {
        super(message);
    }
}
