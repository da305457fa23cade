package dev.ceremony.quorum;

import java.util.Arrays;
import java.util.Objects;

/**
 * One custodian's share: which quorum, which share (1..N), and the share's value. The value is
 * secret: {@link #toString} never shows it, and {@link #destroy} overwrites it once used.
 */
public final class Share {

    private final Quorum quorum;
    private final int index;
    private final byte[] value;

    public Share(Quorum quorum, int index, byte[] value) {
        this.quorum = Objects.requireNonNull(quorum, "quorum");
        if (index < 1 || index > quorum.shares()) {
            throw new IllegalArgumentException("share " + index + " does not exist in " + quorum);
        }
        this.index = index;
        this.value = Objects.requireNonNull(value, "value").clone();
    }

    public Quorum quorum() {
        return quorum;
    }

    /** 1 to N. */
    public int index() {
        return index;
    }

    byte[] value() {
        return value.clone();
    }

    int length() {
        return value.length;
    }

    /** Whether {@code other} is this very share: same quorum, same index, same value (compared in constant time). */
    public boolean sameAs(Share other) {
        return quorum.equals(other.quorum) && index == other.index
                && java.security.MessageDigest.isEqual(value, other.value);
    }

    /** Overwrites the value. */
    public void destroy() {
        Arrays.fill(value, (byte) 0);
    }

    @Override
    public String toString() {
        return "share " + index + " of " + quorum + " (value not shown)";
    }
}
