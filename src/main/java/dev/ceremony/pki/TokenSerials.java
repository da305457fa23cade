package dev.ceremony.pki;

import dev.ceremony.token.Token;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Serial numbers drawn from the token's RNG: 16 bytes, read as a positive integer, so 127 or
 * 128 random bits and at most 17 octets once DER adds a sign byte (RFC 5280 allows 20).
 * A draw with fewer than 64 significant bits (odds 2^-64) is discarded.
 */
public final class TokenSerials implements SerialSource {

    /** Random bytes per serial. */
    public static final int BYTES = 16;

    /** Fewest significant bits a serial may have (CA/Browser Forum: at least 64 bits of entropy). */
    public static final int MIN_BITS = 64;

    private final Token token;

    public TokenSerials(Token token) {
        this.token = Objects.requireNonNull(token, "token");
    }

    @Override
    public BigInteger next() {
        while (true) {
            BigInteger serial = new BigInteger(1, token.randomBytes(BYTES));
            if (serial.bitLength() >= MIN_BITS) {
                return serial;
            }
        }
    }
}
