package dsmart.web;

/** A request the user's role or scope does not allow; the message says why (answered as 403). */
final class ForbiddenException extends RuntimeException {
    ForbiddenException(String message) {
        super(message);
    }
}
