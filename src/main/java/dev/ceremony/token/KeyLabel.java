package dev.ceremony.token;

import dev.ceremony.text.Printable;
import java.util.regex.Pattern;

/**
 * The label (CKA_LABEL) under which Ceremony finds a key on the token.
 *
 * <p>Restricted to a portable ASCII alphabet: tokens differ in how they store non-ASCII labels,
 * and a label is read aloud and written down during ceremonies.
 */
public record KeyLabel(String value) {

    /** Longest label accepted; CKA_LABEL has no limit, but some tokens truncate at 32 or 64 bytes. */
    public static final int MAX_LENGTH = 64;

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public KeyLabel {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("key label must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("key label is " + value.length()
                    + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        if (!ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException("key label '" + Printable.escape(value)
                    + "' may only hold letters, digits, '.', '_' and '-', and must start with a letter or digit");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
