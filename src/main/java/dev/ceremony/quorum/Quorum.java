package dev.ceremony.quorum;

import java.util.HexFormat;
import java.util.Objects;

/**
 * One sharing of a secret: its id (random, 4 bytes, shown as 8 hex digits), the threshold M and
 * the number of shares N, with 2 &le; M &le; N &le; 16. A re-sharing makes a new quorum with a new
 * id, so shares of the old one are told apart.
 */
public record Quorum(String id, int threshold, int shares) {

    /** The most shares one quorum hands out. */
    public static final int MAX_SHARES = 16;

    public Quorum {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("a quorum id is 8 lower-case hex digits, not '" + id + "'");
        }
        if (threshold < 2 || threshold > shares || shares > MAX_SHARES) {
            throw new IllegalArgumentException("a quorum needs 2 <= M <= N <= " + MAX_SHARES + " (M is how many "
                    + "custodians must come together, N how many shares there are); got M = " + threshold + ", N = "
                    + shares);
        }
    }

    byte[] idBytes() {
        return HexFormat.of().parseHex(id);
    }

    @Override
    public String toString() {
        return "quorum " + id + " (" + threshold + " of " + shares + ")";
    }
}
