package dev.ceremony.engine;

/**
 * A ceremony cannot go on: a check failed, an input is wrong, or a person declined. The message
 * says what, where, and what to do; it goes to the officers and into the audit log.
 */
public final class StepRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StepRefused(String message) {
        super(message);
    }

    public StepRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
