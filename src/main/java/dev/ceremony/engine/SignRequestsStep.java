package dev.ceremony.engine;

import dev.ceremony.audit.AuditTypes;
import dev.ceremony.media.ImportVerdict;
import dev.ceremony.pki.CaSigner;
import dev.ceremony.pki.CertificateIssuer;
import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.pki.TokenSerials;
import dev.ceremony.pki.csr.Verdict;
import dev.ceremony.records.BatchIssuer;
import dev.ceremony.records.DigestIndex;
import dev.ceremony.records.RecordedSerials;
import dev.ceremony.records.RecordsHistory;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import dev.ceremony.text.Facts;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import dev.ceremony.pki.csr.CsrReader;
import dev.ceremony.pki.csr.IssuanceHistory;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Signs the requests the review accepted, as one batch: read back from the review's log records a
 * chunk at a time, each request is read from quarantine again, checked against the hash its review
 * logged and judged again by the review's own judgement (so what is signed is what was reviewed);
 * then each chunk's serials and TBS hashes go into the log with one sync, the token signs each
 * certificate once, and each is verified and recorded. A reviewed request not signed (a fault:
 * the lint of the real serial, or the clock, changed the answer) is recorded by name, and the
 * ceremony does not end as a plain success.
 */
final class SignRequestsStep implements StepHandler {

    @Override
    public Map<String, Object> run(Run run, ScriptStep step) {
        return prepare(run, step).commit().get();
    }

    /**
     * Shows what the batch will issue, from whom and for how long, under the same terms the signing
     * then uses; nothing is reserved or signed before it is confirmed.
     */
    @Override
    public PreparedStep prepare(Run run, ScriptStep step) {
        ReviewRecords reviewed = run.reviewed.orElseThrow(() -> new StepRefused("step '" + step.id() + "' signs "
                + "reviewed requests, but no review step completed before it"));
        // The review verified each request's signature; the bytes are checked against its hash first.
        ReviewStep.Judge base = ReviewStep.Judge.of(run, step, CsrReader.ofReviewedBytes());
        CertificateProfile profile = base.terms().profile();
        CaSigner issuer = base.terms().issuer();
        Facts facts = Facts.of("The batch about to be signed:")
                .with("requests", reviewed.accepted() + " to sign, as the review accepted them"
                        + (reviewed.leftOut().isEmpty() ? "" : ", after " + reviewed.leftOut().size()
                                + " accepted one(s) left out"))
                .with("profile", profile.name() + ": " + profile.description())
                .with("issuer", issuer.key().label() + ": " + issuer.name())
                .with("validity", base.terms().days().orElse(profile.defaultDays()) + " days from the moment each "
                        + "is signed, never past the issuer's " + issuer.certificate().map(c -> c.getNotAfter()
                                .toInstant().toString()).orElse("end"))
                .with("serials", "drawn from the token's random number generator, one per certificate")
                .with("each request", "read again from quarantine, checked against its reviewed hash and judged "
                        + "again, then linted, signed once and verified");
        facts = ReviewedRequests.add(run, reviewed, true, facts);
        return new PreparedStep(facts, () -> sign(run, step, reviewed, base));
    }

    /** Signs the reviewed requests under the terms shown: a chunk at a time, each judged again first. */
    private static Map<String, Object> sign(Run run, ScriptStep step, ReviewRecords reviewed, ReviewStep.Judge base) {
        CertificateProfile profile = base.terms().profile();
        CaSigner issuer = base.terms().issuer();
        SignedHere signedHere = SignedHere.read(run, profile);
        ReviewStep.Judge judge = base.with(signedHere.excludedFrom(base.history()));
        BatchIssuer batch = new BatchIssuer(new CertificateIssuer(run.requireToken(), new RecordedSerials(
                new TokenSerials(run.requireToken()), run.records()), run.setup.linter(), run.setup.verifier(),
                run.setup.clock(), CaCertificateStep.MAX_SKEW), run.records(), BatchIssuer.DEFAULT_CHUNK);
        long total = reviewed.accepted();
        long[] counts = {0, 0};
        List<String> notSigned = new ArrayList<>();
        List<ImportVerdict> chunk = new ArrayList<>();
        Runnable sign = () -> {
            long before = counts[0] + counts[1] + notSigned.size();
            List<CertificateIssuer.Request> requests = new ArrayList<>();
            Map<CertificateIssuer.Request, String> sources = new IdentityHashMap<>();
            List<Verdict> verdicts = judge.all(run, chunk);
            for (Verdict verdict : verdicts) {
                if (verdict.accepted() && signedHere.holds(verdict.issued().orElseThrow().publicKey())) {
                    counts[1]++;
                } else if (verdict.accepted()) {
                    CertificateIssuer.Request request = judge.terms().request(verdict.issued().orElseThrow());
                    requests.add(request);
                    sources.put(request, verdict.source());
                } else {
                    notSigned(run, step, verdict.source(), verdict.requested().map(r -> r.subject()).orElse("?"),
                            "refused when judged again before signing: " + String.join("; ", verdict.refusals()
                                    .stream().map(r -> "[" + r.rule() + "] " + r.reason()).toList()));
                    notSigned.add(verdict.source());
                }
            }
            long judgedOut = chunk.size() - requests.size();
            batch.issue(requests, false, done -> run.operator.progress("signing", before + judgedOut + done, total),
                    outcome -> {
                if (outcome.issued().isPresent()) {
                    counts[0]++;
                } else {
                    String source = sources.get(outcome.request());
                    notSigned(run, step, source, outcome.request().subject().subject().toString(),
                            outcome.refusal().orElseThrow());
                    notSigned.add(source);
                }
            });
            chunk.clear();
        };
        run.eachRecord(Set.of(AuditTypes.REQUEST_REVIEWED), entry -> {
            if (reviewed.holds(entry.seq()) && "accepted".equals(entry.data().get("verdict"))
                    && !reviewed.leftOut().contains(entry.dataText("source"))) {
                chunk.add(ImportVerdict.imported(entry.dataText("source"), entry.dataText("sha256"),
                        entry.dataText("quarantine")));
                if (chunk.size() == BatchIssuer.DEFAULT_CHUNK) {
                    sign.run();
                }
            }
        });
        sign.run();
        run.sync();
        if (counts[1] > 0) {
            run.operator.say(counts[1] + " reviewed request(s) were signed by the interrupted run; not signed again.");
        }
        run.operator.say("Signed " + counts[0] + " certificate(s) with " + issuer.name() + "; " + notSigned.size()
                + " reviewed request(s) not signed" + (notSigned.isEmpty() ? "." : ": " + String.join(", ", notSigned)
                        + "."));
        run.notSigned.addAll(notSigned);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("issuer", issuer.name().toString());
        details.put("issued", counts[0]);
        details.put("not-signed", (long) notSigned.size());
        if (!notSigned.isEmpty()) {
            details.put("not-signed-requests", List.copyOf(notSigned));
        }
        if (counts[1] > 0) {
            details.put("signed-before-resume", counts[1]);
        }
        return details;
    }

    /** The requests the interrupted run's completed sign step did not sign, as its step record names them. */
    @Override
    public void restore(Run run, ScriptStep step) {
        StepHandler.completedDetails(run, step).ifPresent(details -> {
            if (details.get("not-signed-requests") instanceof List<?> names) {
                names.forEach(name -> run.notSigned.add(String.valueOf(name)));
            }
        });
    }

    /**
     * A request the review accepted and this step did not sign: a fault, since the review makes
     * the same judgement. Recorded as a refusal that names the request, and said at once.
     */
    private static void notSigned(Run run, ScriptStep step, String source, String subject, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("step", step.id());
        data.put("source", source);
        data.put("subject", subject);
        data.put("reason", "reviewed request " + source + " (" + subject + ") not signed: " + reason);
        run.append(AuditTypes.REFUSAL, data);
        run.operator.say("  NOT SIGNED " + source + " (" + subject + "): " + reason);
    }

    /**
     * The keys and subjects of the certificates this ceremony already kept: after a resume, the
     * requests the interrupted run signed are known by them and not signed twice. Empty on a first run,
     * which does not read the log for it (the log holds this ceremony's records only when it resumes).
     */
    private record SignedHere(DigestIndex keys, DigestIndex subjects, String profile) {

        static SignedHere read(Run run, CertificateProfile profile) {
            SignedHere signed = new SignedHere(new DigestIndex(), new DigestIndex(), profile.name());
            if (run.before.of(run.ceremony).isEmpty()) {
                return signed;
            }
            run.eachRecord(Set.of(AuditTypes.CERTIFICATES_STORED), entry -> {
                for (Object encoded : (List<?>) entry.data().get("certificates")) {
                    X509CertificateHolder certificate;
                    try {
                        certificate = new X509CertificateHolder(Base64.getDecoder().decode((String) encoded));
                    } catch (IOException | IllegalArgumentException e) {
                        throw new StepRefused("record " + entry.seq() + " of the audit log holds a certificate that "
                                + "cannot be read: " + e.getMessage(), e);
                    }
                    signed.keys.add(RecordsHistory.keyDigest(certificate.getSubjectPublicKeyInfo()));
                    for (RDN cn : certificate.getSubject().getRDNs(BCStyle.CN)) {
                        signed.subjects.add(RecordsHistory.subjectDigest(profile.name(),
                                cn.getFirst().getValue().toString()));
                    }
                }
            });
            return signed;
        }

        boolean holds(SubjectPublicKeyInfo key) {
            return keys.contains(RecordsHistory.keyDigest(key));
        }

        /** The history, but blind to what this ceremony signed, so that those requests are judged as at review. */
        IssuanceHistory excludedFrom(IssuanceHistory history) {
            return new IssuanceHistory() {
                @Override
                public boolean isCaKey(SubjectPublicKeyInfo key) {
                    return history.isCaKey(key);
                }

                @Override
                public boolean isCertified(SubjectPublicKeyInfo key) {
                    return history.isCertified(key) && !holds(key);
                }

                @Override
                public boolean isCertifiedOnlyAs(SubjectPublicKeyInfo key, String profileName, String subjectName) {
                    return history.isCertifiedOnlyAs(key, profileName, subjectName);
                }

                @Override
                public Optional<BigInteger> validSerial(String profileName, String subjectName) {
                    return profileName.equals(profile) && subjects.contains(RecordsHistory.subjectDigest(profileName,
                            subjectName)) ? Optional.empty() : history.validSerial(profileName, subjectName);
                }
            };
        }
    }
}
