package dev.ceremony.pkcs11;

import dev.ceremony.token.FinalTryConfirmation;
import dev.ceremony.token.Pin;
import dev.ceremony.token.PinState;
import dev.ceremony.token.SecretAccess;
import dev.ceremony.token.TokenException;
import dev.ceremony.token.TokenException.Reason;
import dev.ceremony.token.TokenFamily;
import dev.ceremony.token.TokenIdentity;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * What must hold before a PIN is sent (not locked, the right length for the token and the family,
 * the final try confirmed, printable ASCII), and what a failed login means, in words.
 */
final class LoginRules {

    private final TokenFamily family;
    private final TokenIdentity identity;

    LoginRules(TokenFamily family, TokenIdentity identity) {
        this.family = family;
        this.identity = identity;
    }

    /** Refuses, without sending anything, a login that must not be tried. */
    void beforeLogin(PinState state, Pin pin, FinalTryConfirmation confirmation) {
        if (state.locked()) {
            throw new TokenException(Reason.PIN_LOCKED, "the user PIN of token '" + identity.label()
                    + "' is LOCKED. Ceremony did not try to log in. The token's security officer must unblock it "
                    + "with the SO PIN, using the vendor's tool.");
        }
        int min = state.minLength(family);
        int max = state.maxLength(family);
        int length = pin.length();
        if (length < min || length > max) {
            throw new TokenException(Reason.PIN_INVALID, "the PIN has " + length + " characters, but token '"
                    + identity.label() + "' (" + family.description() + ") accepts " + min + " to " + max
                    + ". It was not sent, so no PIN try was used.");
        }
        if (state.finalTry() && !confirmation.confirmFinalTry(identity)) {
            throw new TokenException(Reason.FINAL_TRY_NOT_CONFIRMED, "token '" + identity.label()
                    + "' is at its FINAL TRY: one more wrong PIN locks it. The login was not attempted because "
                    + "nobody confirmed it.");
        }
    }

    /** Refuses, before C_SetPIN, a new PIN the token or the family would not take. */
    void newPin(PinState state, Pin pin) {
        int min = state.minLength(family);
        int max = state.maxLength(family);
        if (pin.length() < min || pin.length() > max) {
            throw new TokenException(Reason.PIN_INVALID, "a new PIN of " + pin.length() + " characters does not fit "
                    + "token '" + identity.label() + "' (" + min + " to " + max + "); the PIN was not changed");
        }
        pin.reveal(SecretAccess.PIN_CHANGE, chars -> {
            requireAscii(chars);
            return null;
        });
    }

    /**
     * Refuses an SO login the token says is locked or at its final try: Ceremony never spends the
     * SO PIN's last try (a locked SO PIN cannot be recovered on most tokens).
     */
    void beforeSoLogin(long tokenFlags) {
        if ((tokenFlags & Ck.CKF_SO_PIN_LOCKED) != 0) {
            throw new TokenException(Reason.PIN_LOCKED, "the SO PIN of token '" + identity.label() + "' is LOCKED; "
                    + "Ceremony did not try it, and the SO PIN was not changed");
        }
        if ((tokenFlags & Ck.CKF_SO_PIN_FINAL_TRY) != 0) {
            throw new TokenException(Reason.FINAL_TRY_NOT_CONFIRMED, "the SO PIN of token '" + identity.label()
                    + "' is at its FINAL TRY; Ceremony does not spend it. The SO PIN was not changed");
        }
    }

    /**
     * Refuses, without sending it, a current SO PIN the token cannot hold: outside the token's own
     * PIN lengths (an SO PIN set with the vendor's tool need not meet the family's) or outside
     * printable ASCII.
     */
    void currentSoPin(PinState state, Pin pin) {
        if (pin.length() < state.minLength() || pin.length() > state.maxLength()) {
            throw new TokenException(Reason.PIN_INVALID, "the SO PIN given has " + pin.length() + " characters, but "
                    + "token '" + identity.label() + "' takes " + state.minLength() + " to " + state.maxLength()
                    + ". It was not sent, so no SO PIN try was used; check the SO PIN");
        }
        pin.reveal(SecretAccess.PIN_CHANGE, chars -> {
            requireAscii(chars);
            return null;
        });
    }

    /** What a failed SO login or C_SetPIN means, in words. */
    TokenException pinChangeFailure(String whose, PKCS11Exception e) {
        long code = e.getErrorCode();
        if (code == Ck.CKR_PIN_INCORRECT) {
            return new TokenException(Reason.PIN_INCORRECT, "token '" + identity.label() + "' rejected the current "
                    + whose + " PIN; the " + whose + " PIN was not changed");
        }
        if (code == Ck.CKR_PIN_LOCKED) {
            return new TokenException(Reason.PIN_LOCKED, "the " + whose + " PIN of token '" + identity.label()
                    + "' is LOCKED; the " + whose + " PIN was not changed");
        }
        return new TokenException(Reason.DEVICE_ERROR, "token '" + identity.label() + "' could not change the "
                + whose + " PIN (" + e.getMessage() + "); the " + whose + " PIN was not changed");
    }

    /** PKCS#11 compares PIN bytes and the JDK sends the low byte of each char: only printable ASCII is safe. */
    static void requireAscii(char[] chars) {
        for (char c : chars) {
            if (c < 0x20 || c > 0x7e) {
                throw new TokenException(Reason.PIN_INVALID, "the PIN contains a character outside printable ASCII; "
                        + "PKCS#11 tokens compare PIN bytes, so such a PIN is refused. It was not sent.");
            }
        }
    }

    /** What a failed C_Login means, with the PIN flags read afresh after a wrong PIN. */
    TokenException failure(PKCS11Exception e, java.util.function.Supplier<PinState> state) {
        long code = e.getErrorCode();
        if (code == Ck.CKR_PIN_INCORRECT) {
            String flags;
            try {
                flags = state.get().describe();
            } catch (TokenException again) {
                flags = "unreadable (" + again.getMessage() + ")";
            }
            return new TokenException(Reason.PIN_INCORRECT, "token '" + identity.label() + "' rejected the PIN. "
                    + "PIN state now: " + flags + ". Ceremony does not retry; check the PIN before the next attempt.");
        }
        if (code == Ck.CKR_PIN_LOCKED) {
            return new TokenException(Reason.PIN_LOCKED, "the user PIN of token '" + identity.label()
                    + "' is LOCKED. The token's security officer must unblock it with the SO PIN.");
        }
        if (code == Ck.CKR_PIN_LEN_RANGE || code == Ck.CKR_PIN_INVALID) {
            return new TokenException(Reason.PIN_INVALID, "token '" + identity.label()
                    + "' refused the PIN's length or characters (" + e.getMessage() + ")");
        }
        if (code == Ck.CKR_USER_ALREADY_LOGGED_IN) {
            return new TokenException(Reason.DEVICE_ERROR, "token '" + identity.label() + "' is already logged in "
                    + "by another part of this program; Ceremony will not rely on a login whose PIN it did not check");
        }
        if (code == Ck.CKR_PIN_EXPIRED) {
            return new TokenException(Reason.PIN_INVALID, "the user PIN of token '" + identity.label()
                    + "' has expired and must be changed with the vendor's tool");
        }
        return new TokenException(Reason.DEVICE_ERROR, "could not log in to token '" + identity.label() + "': "
                + e.getMessage(), e);
    }
}
