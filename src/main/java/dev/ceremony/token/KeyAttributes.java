package dev.ceremony.token;

/**
 * Security attributes of a private key as read back from the token, never as requested.
 * A ceremony records these, so that an auditor sees what the token itself reports.
 */
public record KeyAttributes(
        boolean sensitive,
        boolean alwaysSensitive,
        boolean extractable,
        boolean neverExtractable,
        boolean local,
        boolean sign,
        boolean decrypt,
        boolean unwrap,
        boolean derive) {

    /** True when the key was made on the token and can never have left it in the clear. */
    public boolean neverLeftToken() {
        return sensitive && alwaysSensitive && !extractable && neverExtractable && local;
    }

    /** True when the key can sign and do nothing else. */
    public boolean signOnly() {
        return sign && !decrypt && !unwrap && !derive;
    }
}
