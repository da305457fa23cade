package dev.ceremony.quorum;

import dev.ceremony.text.Printable;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the records keep of a PIN's quorum: whose PIN, the quorum, the length of the secret, its
 * slow verifier, and the custodians' names in share order (share i went to {@code custodians[i-1]}).
 * Nothing here is secret.
 */
public record CustodianQuorum(PinRole role, Quorum quorum, int secretBytes, PinVerifier verifier,
        List<String> custodians) {

    public CustodianQuorum {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(quorum, "quorum");
        Objects.requireNonNull(verifier, "verifier");
        custodians = List.copyOf(custodians);
        if (secretBytes < QuorumPin.MIN_BYTES || secretBytes > 64) {
            throw new IllegalArgumentException("a quorum's secret has " + QuorumPin.MIN_BYTES + " to 64 bytes, not "
                    + secretBytes);
        }
        if (custodians.size() != quorum.shares()) {
            throw new IllegalArgumentException(quorum + " has " + quorum.shares() + " shares but " + custodians.size()
                    + " custodians are named");
        }
        Set<String> seen = new HashSet<>();
        for (String name : custodians) {
            requireName(name);
            if (!seen.add(name)) {
                throw new IllegalArgumentException("custodian '" + name + "' is named twice; each custodian holds one "
                        + "share");
            }
        }
    }

    /** The custodian who holds share {@code index} (1 to N). */
    public String custodian(int index) {
        return custodians.get(index - 1);
    }

    /**
     * A custodian's name: printable text without commas (they separate names), at most 64 characters.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code name}
     */
    public static String requireName(String name) {
        if (name.isBlank() || !Printable.isPrintable(name) || name.contains(",") || name.length() > 64
                || !name.equals(name.strip())) {
            throw new IllegalArgumentException("'" + Printable.escape(name) + "' is not a custodian's name: printable "
                    + "text of 1 to 64 characters, without commas or spaces at either end");
        }
        return name;
    }

    /** Custodians' names from a comma-separated list, checked, in order. */
    public static List<String> parseNames(String list) {
        return java.util.Arrays.stream(list.split(",", -1)).map(String::strip).map(CustodianQuorum::requireName)
                .toList();
    }
}
