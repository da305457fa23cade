package dev.ceremony.quorum;

/**
 * A share or a set of shares that cannot be used, with a sentence that names what was wrong (which
 * share, which check), for the custodian to see before anything touches the token.
 */
public final class QuorumException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public QuorumException(String message) {
        super(message);
    }
}
