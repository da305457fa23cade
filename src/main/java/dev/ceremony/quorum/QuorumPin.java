package dev.ceremony.quorum;

import dev.ceremony.token.Pin;
import java.util.Arrays;

/**
 * The token PIN a quorum guards, and the random secret it is made from. The secret is what is
 * split; the PIN is its Crockford base32 text (so it is printable ASCII, which every token takes),
 * as long as the token allows, up to {@link #PREFERRED_BYTES} bytes (96 bits, 20 characters).
 */
public final class QuorumPin {

    /** 12 bytes give a 20-character PIN and shares of 9 groups of four. */
    public static final int PREFERRED_BYTES = 12;
    /** Fewer than 5 bytes (40 bits) is no PIN worth a quorum. */
    public static final int MIN_BYTES = 5;

    private QuorumPin() {
    }

    /**
     * How many random bytes to draw for a PIN of {@code minLength} to {@code maxLength} characters.
     *
     * @throws QuorumException when the token's PIN lengths leave no room for a PIN worth splitting
     */
    public static int secretBytes(int minLength, int maxLength) {
        int bytes = Math.min(PREFERRED_BYTES, maxLength * 5 / 8);
        int length = (bytes * 8 + 4) / 5;
        if (bytes < MIN_BYTES || length < minLength) {
            throw new QuorumException("the token takes PINs of " + minLength + " to " + maxLength + " characters, which "
                    + "leaves no room for a random PIN of " + MIN_BYTES + " bytes or more; a quorum cannot guard it");
        }
        return bytes;
    }

    /** The PIN of {@code secret}. The caller wipes both. */
    public static Pin pinOf(byte[] secret) {
        char[] chars = Base32.encode(secret);
        try {
            return Pin.of(chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }
}
