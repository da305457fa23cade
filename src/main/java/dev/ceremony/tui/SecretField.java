package dev.ceremony.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ceremony.token.Pin;
import java.util.Arrays;

/**
 * Masked entry of a secret (the PIN), kept in a {@code char[]} that is overwritten when it is
 * taken or dropped: never a String, which could not be cleared (Lanterna's TextBox keeps Strings).
 * It shows one '*' a character and nothing else.
 */
final class SecretField {

    private static final int MAX = 256;

    private char[] chars = new char[32];
    private int length;

    /** Takes a key: a printable character, Backspace; true when the key was for the field. */
    boolean key(KeyStroke key) {
        if (key.getKeyType() == KeyType.Backspace) {
            if (length > 0) {
                chars[--length] = 0;
            }
            return true;
        }
        if (key.getKeyType() == KeyType.Character && !key.isCtrlDown() && !key.isAltDown()
                && !Character.isISOControl(key.getCharacter()) && length < MAX) {
            if (length == chars.length) {
                char[] larger = Arrays.copyOf(chars, chars.length * 2);
                Arrays.fill(chars, '\0');
                chars = larger;
            }
            chars[length++] = key.getCharacter();
            return true;
        }
        return false;
    }

    int length() {
        return length;
    }

    /** What the screen shows: a star for each character. */
    String masked() {
        return "*".repeat(length);
    }

    /** The secret as a Pin (which copies it), and the field cleared. */
    Pin take() {
        char[] typed = Arrays.copyOf(chars, length);
        try {
            return Pin.of(typed);
        } finally {
            Arrays.fill(typed, '\0');
            clear();
        }
    }

    /** Hands a wiped-afterwards copy of what was typed to {@code reader}; the field keeps its text. */
    <T> T read(java.util.function.Function<CharSequence, T> reader) {
        char[] typed = Arrays.copyOf(chars, length);
        try {
            return reader.apply(java.nio.CharBuffer.wrap(typed));
        } finally {
            Arrays.fill(typed, '\0');
        }
    }

    /** True when no character of what was typed is left in the buffer. */
    boolean blank() {
        for (char c : chars) {
            if (c != '\0') {
                return false;
            }
        }
        return true;
    }

    /** Overwrites what was typed. */
    void clear() {
        Arrays.fill(chars, '\0');
        length = 0;
    }
}
