package dev.ceremony.media;

/** A medium cannot be used at all (as opposed to one refused entry); the message says why. */
public final class MediaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MediaException(String message) {
        super(message);
    }

    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
