package dev.ceremony.engine;

import dev.ceremony.quorum.CustodianQuorum;
import dev.ceremony.quorum.PinRole;
import dev.ceremony.quorum.Quorum;
import dev.ceremony.quorum.QuorumLog;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The arguments of a {@code share-pin} step, checked together when the script's parameters are
 * resolved (so a plan already refuses them) and again when the step runs: whose PIN, the
 * custodians in share order, and the threshold M, with 2 &le; M &le; N &le; {@link Quorum#MAX_SHARES}.
 */
record SharePinArguments(PinRole role, List<String> custodians, int threshold) {

    SharePinArguments {
        Objects.requireNonNull(role, "role");
        custodians = List.copyOf(custodians);
        int n = custodians.size();
        if (threshold < 2 || threshold > n || n > Quorum.MAX_SHARES) {
            throw new IllegalArgumentException("a quorum needs 2 <= M <= N <= " + Quorum.MAX_SHARES + " (M: threshold, "
                    + "how many custodians must come together; N: how many custodians there are); the step names " + n
                    + " custodians (" + String.join(", ", custodians) + ") and a threshold of " + threshold
                    + ". Give a threshold from 2 to " + Math.max(2, Math.min(n, Quorum.MAX_SHARES)));
        }
    }

    /**
     * Reads and checks the step's resolved arguments.
     *
     * @throws IllegalArgumentException saying which argument is wrong and how
     */
    static SharePinArguments of(Map<String, String> arguments) {
        PinRole role = QuorumLog.parseRole(arguments.get("pin"));
        List<String> custodians = CustodianQuorum.parseNames(arguments.get("custodians"));
        String threshold = arguments.get("threshold");
        try {
            return new SharePinArguments(role, custodians, Integer.parseInt(threshold));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("threshold '" + threshold + "' is not a whole number", e);
        }
    }
}
