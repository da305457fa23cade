package dev.ceremony.engine;

import dev.ceremony.quorum.PinRole;
import dev.ceremony.quorum.Quorum;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One share to show to its custodian, once. The text is a secret: {@link #toString} leaves it out,
 * and the engine wipes it with {@link #wipe} after the custodian confirmed. {@code typedBack} says
 * whether what the custodian typed back from paper is this share (case, spaces, hyphens and the
 * look-alikes I, L, O do not matter).
 */
public final class ShareHandout {

    private final PinRole role;
    private final String custodian;
    private final int index;
    private final Quorum quorum;
    private final char[] text;
    private final Predicate<CharSequence> typedBack;

    public ShareHandout(PinRole role, String custodian, int index, Quorum quorum, char[] text,
            Predicate<CharSequence> typedBack) {
        this.role = Objects.requireNonNull(role, "role");
        this.custodian = Objects.requireNonNull(custodian, "custodian");
        this.index = index;
        this.quorum = Objects.requireNonNull(quorum, "quorum");
        this.text = text.clone();
        this.typedBack = Objects.requireNonNull(typedBack, "typedBack");
    }

    public PinRole role() {
        return role;
    }

    public String custodian() {
        return custodian;
    }

    public int index() {
        return index;
    }

    public Quorum quorum() {
        return quorum;
    }

    /** A copy of the share's text (groups of four joined by hyphens); the caller wipes it. */
    public char[] text() {
        return text.clone();
    }

    public boolean matches(CharSequence typed) {
        return typedBack.test(typed);
    }

    void wipe() {
        Arrays.fill(text, '\0');
    }

    @Override
    public String toString() {
        return "share " + index + " of " + quorum + " for " + custodian + " (text not shown)";
    }
}
