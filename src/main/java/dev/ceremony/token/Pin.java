package dev.ceremony.token;

import java.util.Arrays;

/**
 * A token PIN. It is held as characters, never as a String, shows nothing of itself in
 * {@link #toString()}, can be read only through {@link #reveal} with a named {@link SecretAccess},
 * and is wiped by {@link #destroy()}, which every owner calls as soon as the login is done.
 */
public final class Pin implements AutoCloseable {

    private final char[] chars;
    private boolean destroyed;

    private Pin(char[] chars) {
        this.chars = chars;
    }

    /** Takes a copy of the characters; the caller clears its own array. */
    public static Pin of(char[] chars) {
        if (chars == null || chars.length == 0) {
            throw new IllegalArgumentException("the PIN is empty");
        }
        return new Pin(chars.clone());
    }

    /** Number of characters; safe to show. */
    public synchronized int length() {
        requireLive();
        return chars.length;
    }

    /** A function that receives the PIN characters and may throw the checked exception {@code E}. */
    @FunctionalInterface
    public interface Reader<T, E extends Exception> {
        T read(char[] pin) throws E;
    }

    /**
     * Hands a temporary copy of the characters to {@code reader}, and wipes that copy afterwards.
     * The reader must not keep a reference to the array.
     */
    public synchronized <T, E extends Exception> T reveal(SecretAccess access, Reader<T, E> reader) throws E {
        if (access == null) {
            throw new IllegalArgumentException("a SecretAccess is required to read a PIN");
        }
        requireLive();
        char[] copy = chars.clone();
        try {
            return reader.read(copy);
        } finally {
            Arrays.fill(copy, '\0');
        }
    }

    /** Overwrites the characters. The PIN cannot be used afterwards. */
    public synchronized void destroy() {
        Arrays.fill(chars, '\0');
        destroyed = true;
    }

    public synchronized boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public void close() {
        destroy();
    }

    private void requireLive() {
        if (destroyed) {
            throw new IllegalStateException("this PIN was already used and wiped");
        }
    }

    @Override
    public String toString() {
        return "Pin(hidden)";
    }
}
