package dev.ceremony.pki.csr;

/** A request refused before any policy applies: its rule id and a sentence a person understands. */
public final class CsrException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String rule;

    public CsrException(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
