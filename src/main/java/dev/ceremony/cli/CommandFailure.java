package dev.ceremony.cli;

/** A refusal by a command, shown to the user as its message alone (exit status 1). */
final class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CommandFailure(String message) {
        super(message);
    }
}
