package dev.ceremony.records;

/** The records cannot be read or written; the message says which file and what to do. */
public final class RecordsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RecordsException(String message) {
        super(message);
    }

    public RecordsException(String message, Throwable cause) {
        super(message, cause);
    }
}
