package dev.ceremony.pki.csr;

import dev.ceremony.pki.CaSigner;
import dev.ceremony.pki.CertificateDrafter;
import dev.ceremony.pki.CertificateIssuer;
import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.pki.SubjectData;
import dev.ceremony.pki.lint.LintFinding;
import dev.ceremony.text.Printable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one judgement of a request, which {@code csr inspect}, the review and the sign step all
 * make: the profile and the policy first, then the certificate that would be issued, drafted with
 * the request's real key, the issuer's certificate and a placeholder serial, and linted with every
 * rule (the DESIGN's dry run). A name the issuer's constraints exclude, a validity beyond the
 * issuer's, and every other lint finding is a refusal here, under the lint rule's id; so what
 * this accepts is what the sign step signs, unless the real serial or the clock changes the answer.
 */
public final class RequestJudge {

    private final RequestPolicy policy;
    private final CertificateDrafter drafter;

    public RequestJudge(RequestPolicy policy, CertificateDrafter drafter) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.drafter = Objects.requireNonNull(drafter, "drafter");
    }

    /**
     * What a request is judged under besides itself: the profile, the CA that would sign (with
     * its certificate: its name constraints and validity are part of the judgement) and the days
     * the sign step asks for (empty: the profile's default, cut to end with the issuer).
     */
    public record Terms(CertificateProfile profile, CaSigner issuer, Optional<Integer> days) {

        public Terms {
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(days, "days");
            if (issuer.certificate().isEmpty()) {
                throw new IllegalArgumentException("requests are judged under a CA that has its certificate; "
                        + issuer.name() + " has none yet");
            }
        }

        /** The certificate request the sign step hands to the issuer for an accepted verdict. */
        public CertificateIssuer.Request request(SubjectData subject) {
            return new CertificateIssuer.Request(profile, subject, issuer, days, Optional.empty());
        }
    }

    /** Judges one entry; whatever goes wrong in it becomes its refusal. Safe to call from several threads. */
    public Verdict judge(Terms terms, RequestPolicy.Input input, IssuanceHistory history) {
        Verdict verdict = policy.judge(terms.profile(), input, history);
        if (!verdict.accepted()) {
            return verdict;
        }
        List<LintFinding> findings;
        try {
            findings = drafter.draft(terms.request(verdict.issued().orElseThrow()),
                    CertificateDrafter.DRY_RUN_SERIAL).findings();
        } catch (RuntimeException e) {
            return refused(verdict, List.of(new Refusal("draft-failed", "the certificate for this request cannot be "
                    + "drafted: " + Printable.escape(String.valueOf(e.getMessage())))));
        }
        if (findings.isEmpty()) {
            return verdict;
        }
        return refused(verdict, findings.stream().map(f -> new Refusal(f.rule(), f.message())).toList());
    }

    private static Verdict refused(Verdict accepted, List<Refusal> refusals) {
        return new Verdict(accepted.source(), accepted.requested(), Optional.empty(), refusals);
    }
}
