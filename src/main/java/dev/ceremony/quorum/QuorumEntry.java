package dev.ceremony.quorum;

import dev.ceremony.token.Pin;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Custodians entering their shares to give back a PIN, one share at a time. Each share is checked
 * as it is entered (its check value, its quorum, not given twice); once M are in, they are combined
 * and the result is checked against the records' slow verifier. Only a PIN that passes all of this
 * is ever handed on to the token, so a bad share never uses a PIN try.
 *
 * <p>The candidates are the quorum the records hold for the PIN and, after an interrupted
 * re-sharing, the newer one that may already be on the token; the shares entered choose.
 */
public final class QuorumEntry {

    private final List<CustodianQuorum> candidates;
    private final ShareCodec codec = new ShareCodec();
    private final List<Share> entered = new ArrayList<>();
    private CustodianQuorum chosen;

    public QuorumEntry(List<CustodianQuorum> candidates) {
        this.candidates = List.copyOf(candidates);
        if (this.candidates.isEmpty()) {
            throw new IllegalArgumentException("no quorum to enter shares for");
        }
    }

    /** The quorum the shares entered so far belong to (the records' current one before any). */
    public CustodianQuorum quorum() {
        return chosen != null ? chosen : candidates.get(0);
    }

    /** How many shares are needed in all. */
    public int needed() {
        return quorum().quorum().threshold();
    }

    public int enteredCount() {
        return entered.size();
    }

    public boolean complete() {
        return entered.size() >= needed();
    }

    /** The indices of the shares entered, in the order entered. */
    public List<Integer> indices() {
        return entered.stream().map(Share::index).toList();
    }

    /**
     * Checks one typed share and keeps it.
     *
     * @return the share's index (1 to N)
     * @throws QuorumException saying what is wrong with this share; nothing is kept
     */
    public int accept(CharSequence typed) {
        if (complete()) {
            throw new QuorumException("all " + needed() + " shares are already entered");
        }
        Share share = codec.decode(typed, quorum().secretBytes());
        CustodianQuorum of = candidates.stream().filter(c -> c.quorum().equals(share.quorum())).findFirst()
                .orElse(null);
        String role = quorum().role().word();
        if (of == null) {
            share.destroy();
            throw new QuorumException("this is share " + share.index() + " of quorum " + share.quorum().id()
                    + ", but the " + role + " PIN of this token is under quorum " + quorum().quorum().id() + " ("
                    + quorum().quorum().threshold() + " of " + quorum().quorum().shares() + "): an old share from "
                    + "before a re-sharing, or a share of another token. It was not used");
        }
        if (chosen != null && of != chosen) {
            share.destroy();
            throw new QuorumException("this is a share of quorum " + of.quorum().id() + ", but the shares entered "
                    + "before it are of quorum " + chosen.quorum().id() + "; all must be of one quorum");
        }
        for (Share earlier : entered) {
            if (earlier.index() == share.index()) {
                share.destroy();
                throw new QuorumException("share " + share.index() + " (" + of.custodian(share.index())
                        + ") was already entered; each custodian enters their own share once");
            }
        }
        chosen = of;
        entered.add(share);
        return share.index();
    }

    /**
     * The PIN the M shares give, checked against the verifier. The shares are wiped either way.
     *
     * @throws QuorumException when fewer than M shares are in, or when they do not give the PIN the
     *     records verify; no token has been touched
     */
    public Pin pin() {
        if (!complete()) {
            int missing = needed() - entered.size();
            throw new QuorumException(entered.size() + " of the " + needed() + " shares needed were entered; " + missing
                    + " more custodian" + (missing == 1 ? " is" : "s are") + " needed. No login was tried");
        }
        byte[] secret = null;
        try {
            secret = QuorumSplitter.combine(entered);
            if (!quorum().verifier().matches(secret)) {
                throw new QuorumException("shares " + indices().stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")) + " each passed their checks but together do not give the "
                        + "PIN the records hold for quorum " + quorum().quorum().id() + ". No login was tried. One of "
                        + "them was written down wrong in a way the check value cannot see; try with another "
                        + "custodian's share in place of each in turn");
            }
            return QuorumPin.pinOf(secret);
        } finally {
            if (secret != null) {
                Arrays.fill(secret, (byte) 0);
            }
            entered.forEach(Share::destroy);
        }
    }

    @Override
    public String toString() {
        return "entry of " + Objects.toString(quorum().quorum()) + ", " + entered.size() + " entered (values not shown)";
    }
}
