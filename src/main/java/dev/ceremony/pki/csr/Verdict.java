package dev.ceremony.pki.csr;

import dev.ceremony.pki.SubjectData;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The policy's answer for one request: what was asked, and either what would be issued or why
 * not. Requested and issued values sit side by side for the review.
 *
 * @param source where the request came from (a quarantined file name), for messages
 * @param requested empty when the bytes could not even be read as a request
 * @param issued what the profile would issue; empty when refused
 * @param renewalOf the serial of the subject's valid certificate that an accepted request renews;
 *     empty when it renews none
 */
public record Verdict(String source, Optional<RequestSummary> requested, Optional<SubjectData> issued,
        List<Refusal> refusals, Optional<BigInteger> renewalOf) {

    public Verdict {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(issued, "issued");
        refusals = List.copyOf(refusals);
        Objects.requireNonNull(renewalOf, "renewalOf");
        if (issued.isPresent() == !refusals.isEmpty()) {
            throw new IllegalArgumentException("a verdict either issues or refuses");
        }
        if (renewalOf.isPresent() && issued.isEmpty()) {
            throw new IllegalArgumentException("only an accepted request renews a certificate");
        }
    }

    /** A verdict that renews no certificate. */
    public Verdict(String source, Optional<RequestSummary> requested, Optional<SubjectData> issued,
            List<Refusal> refusals) {
        this(source, requested, issued, refusals, Optional.empty());
    }

    /** True when the accepted request renews a subject's valid certificate ({@link #renewalOf}). */
    public boolean renewal() {
        return renewalOf.isPresent();
    }

    public boolean accepted() {
        return issued.isPresent();
    }

    /** The verdict in one line: what was asked and what is issued, or every refusal with its rule. */
    public String line() {
        if (accepted()) {
            return "accepted " + source + ": requested " + requested.map(RequestSummary::subject).orElse("?")
                    + "; issues " + issued.orElseThrow().subject();
        }
        return "REFUSED " + source + ": " + String.join("; ", refusals.stream().map(r -> "[" + r.rule() + "] "
                + r.reason()).toList());
    }

    /** The rule ids that refused the request, in order. */
    public List<String> rules() {
        return refusals.stream().map(Refusal::rule).toList();
    }
}
