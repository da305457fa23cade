package dev.ceremony.token;

import java.util.Objects;

/**
 * A refusal or failure of the token layer, with a message meant for the officer: what was
 * wrong, where, and what to do. The reason lets callers (and tests) tell the cases apart.
 */
public final class TokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the token layer refused or failed. */
    public enum Reason {
        /** The PKCS#11 library named by the hsm-config file is not there. */
        LIBRARY_MISSING,
        /** The library is there but could not be loaded or initialised. */
        LIBRARY_FAILED,
        /** No initialised token carries the configured label (and serial). */
        TOKEN_NOT_FOUND,
        /** More than one token matches the configuration. */
        TOKEN_AMBIGUOUS,
        /** The PIN was rejected by the token. */
        PIN_INCORRECT,
        /** The PIN is locked; no login will be tried. */
        PIN_LOCKED,
        /** The token is at its final try and the officer did not confirm the attempt. */
        FINAL_TRY_NOT_CONFIRMED,
        /** The PIN's length or characters cannot be accepted by this token; it was not sent. */
        PIN_INVALID,
        /** An operation needs a login that has not happened. */
        NOT_LOGGED_IN,
        /** A key with this label already exists. */
        LABEL_EXISTS,
        /** No key carries this label. */
        KEY_NOT_FOUND,
        /** More than one key carries this label. */
        KEY_AMBIGUOUS,
        /** The key exists but lacks something Ceremony needs (public object, known type). */
        KEY_UNUSABLE,
        /** The token family cannot do what was asked. */
        UNSUPPORTED,
        /** A signature made on the token did not verify with the key's public key. */
        SIGNATURE_INVALID,
        /** Any other error the token reported. */
        DEVICE_ERROR
    }

    private final Reason reason;

    public TokenException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public TokenException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
