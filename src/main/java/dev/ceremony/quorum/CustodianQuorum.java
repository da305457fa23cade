package dev.ceremony.quorum;

import dev.ceremony.text.PersonNames;
import dev.ceremony.text.Printable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
            // Exact here, so that a log written under an earlier, laxer comparison still reads back;
            // parseNames, where every new quorum's names come from, applies PersonNames.
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

    /**
     * Custodians' names from a comma-separated list, in order, checked: each a name, 2 to
     * {@link Quorum#MAX_SHARES} of them, no two the same by {@link PersonNames} (one person must not
     * hold two shares because their name was typed twice).
     *
     * @throws IllegalArgumentException saying what is wrong with the list
     */
    public static List<String> parseNames(String list) {
        List<String> names = java.util.Arrays.stream(list.split(",", -1)).map(String::strip)
                .map(CustodianQuorum::requireName).toList();
        if (names.size() < 2 || names.size() > Quorum.MAX_SHARES) {
            throw new IllegalArgumentException("a quorum has 2 to " + Quorum.MAX_SHARES + " custodians, comma-separated; '"
                    + Printable.escape(list) + "' names " + names.size());
        }
        Map<String, String> seen = new HashMap<>();
        for (String name : names) {
            String earlier = seen.putIfAbsent(PersonNames.folded(name), name);
            if (earlier != null) {
                throw new IllegalArgumentException("custodians '" + Printable.escape(earlier) + "' and '"
                        + Printable.escape(name) + "' are the same name (case and spacing aside); each custodian holds "
                        + "one share, so name each once, in a way the witness can tell apart");
            }
        }
        return names;
    }
}
