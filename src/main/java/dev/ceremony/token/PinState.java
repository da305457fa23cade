package dev.ceremony.token;

import java.util.ArrayList;
import java.util.List;

/**
 * The user-PIN flags a token reports, and the PIN lengths it accepts.
 *
 * <p>Tokens count failed logins themselves; these flags are all that PKCS#11 reveals of the count.
 */
public record PinState(
        boolean initialized,
        boolean countLow,
        boolean finalTry,
        boolean locked,
        boolean toBeChanged,
        int minLength,
        int maxLength) {

    public PinState {
        if (minLength < 0 || maxLength < minLength) {
            throw new IllegalArgumentException("PIN length range " + minLength + ".." + maxLength + " is not valid");
        }
    }

    /** The shortest PIN both the token and its family take. */
    public int minLength(TokenFamily family) {
        return Math.max(minLength, family.pinMinLength());
    }

    /** The longest PIN both the token and its family take. */
    public int maxLength(TokenFamily family) {
        return Math.min(maxLength, family.pinMaxLength());
    }

    /** The flags in words, e.g. {@code "count low"}, or {@code "ok"} when none is set. */
    public String describe() {
        List<String> words = new ArrayList<>();
        if (!initialized) {
            words.add("not initialised");
        }
        if (locked) {
            words.add("LOCKED");
        }
        if (finalTry) {
            words.add("FINAL TRY: one more wrong PIN locks the token");
        }
        if (countLow) {
            words.add("count low: a wrong PIN was entered since the last good login");
        }
        if (toBeChanged) {
            words.add("to be changed");
        }
        return words.isEmpty() ? "ok" : String.join("; ", words);
    }
}
