package dev.ceremony.quorum;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.bouncycastle.crypto.threshold.ShamirSecretSplitter;
import org.bouncycastle.crypto.threshold.ShamirSplitSecret;
import org.bouncycastle.crypto.threshold.ShamirSplitSecretShare;

/**
 * Splits a secret into N shares of which any M give it back (Shamir's scheme over GF(2^8), from
 * BouncyCastle's {@code crypto.threshold}), and combines them. BouncyCastle's pitfalls are handled
 * here: fewer than M shares would silently give a wrong secret, so they are refused before any
 * combining, by the count the shares themselves carry; and the share index is not part of a
 * share's encoding, so each {@link Share} carries it.
 */
public final class QuorumSplitter {

    private final SecureRandom random;

    public QuorumSplitter(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A new quorum of M of N (its id drawn at random) and the N shares of {@code secret}. */
    public List<Share> split(byte[] secret, int threshold, int shares) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("the secret is empty");
        }
        byte[] id = new byte[4];
        random.nextBytes(id);
        Quorum quorum = new Quorum(HexFormat.of().formatHex(id), threshold, shares);
        ShamirSecretSplitter splitter = new ShamirSecretSplitter(ShamirSecretSplitter.Algorithm.AES,
                ShamirSecretSplitter.Mode.Table, secret.length, random);
        ShamirSplitSecretShare[] split = splitter.resplit(secret.clone(), threshold, shares).getSecretShares();
        List<Share> out = new ArrayList<>();
        for (int i = 0; i < split.length; i++) {
            byte[] value = encoded(split[i]);
            out.add(new Share(quorum, i + 1, value));
            Arrays.fill(value, (byte) 0);
        }
        return out;
    }

    /**
     * The secret from at least M shares of one quorum.
     *
     * @throws QuorumException naming the share that does not belong, the one given twice, or how many
     *     more custodians are needed
     */
    public static byte[] combine(List<Share> shares) {
        if (shares.isEmpty()) {
            throw new QuorumException("no share was entered");
        }
        Quorum quorum = shares.get(0).quorum();
        TreeMap<Integer, Share> byIndex = new TreeMap<>();
        for (Share share : shares) {
            if (!share.quorum().equals(quorum)) {
                throw new QuorumException("share " + share.index() + " belongs to quorum " + share.quorum().id()
                        + ", not to quorum " + quorum.id() + " of the others: it is an old or a foreign share");
            }
            if (share.length() != shares.get(0).length()) {
                throw new QuorumException("share " + share.index() + " has another length than the others");
            }
            if (byIndex.put(share.index(), share) != null) {
                throw new QuorumException("share " + share.index() + " was entered twice; each custodian enters "
                        + "their own share once");
            }
        }
        if (byIndex.size() < quorum.threshold()) {
            int missing = quorum.threshold() - byIndex.size();
            throw new QuorumException(byIndex.size() + " of the " + quorum.threshold() + " shares needed were entered; "
                    + missing + " more custodian" + (missing == 1 ? " is" : "s are") + " needed");
        }
        ShamirSplitSecretShare[] given = new ShamirSplitSecretShare[quorum.threshold()];
        int at = 0;
        for (Share share : byIndex.values()) {
            if (at == given.length) {
                break;
            }
            given[at++] = new ShamirSplitSecretShare(share.value(), share.index());
        }
        try {
            return new ShamirSplitSecret(ShamirSecretSplitter.Algorithm.AES, ShamirSecretSplitter.Mode.Table, given)
                    .getSecret();
        } catch (IOException e) {
            throw new QuorumException("the shares cannot be combined: " + e.getMessage());
        }
    }

    private static byte[] encoded(ShamirSplitSecretShare share) {
        try {
            return share.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("a share cannot be encoded", e);
        }
    }
}
