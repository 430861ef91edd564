package dsmart.web;

/** A request parameter the API cannot use; the message names the parameter and the value (answered as 400). */
final class BadParameterException extends RuntimeException {
    BadParameterException(String message) {
        super(message);
    }
}
