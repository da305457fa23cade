package dev.ceremony.engine;

import dev.ceremony.pki.SerialText;
import dev.ceremony.pki.KeyIds;
import java.util.Optional;
import dev.ceremony.pki.CaSigner;
import dev.ceremony.pki.CrlIssuer;
import dev.ceremony.pki.CrlSchedule;
import dev.ceremony.records.CrlDraft;
import dev.ceremony.records.RevocationReason;
import dev.ceremony.records.RevocationService;
import dev.ceremony.text.Facts;
import dev.ceremony.text.KebabCase;
import java.time.temporal.ChronoUnit;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Signs the CRL of a CA: of every generation of it whose certificate is still valid, so that an
 * intermediate retired by a rotation keeps publishing revocations while its certificates live.
 */
final class CrlStep implements StepHandler {

    @Override
    public Map<String, Object> run(Run run, ScriptStep step) {
        return prepare(run, step).commit().get();
    }

    /** Drafts the CRL of each live generation of the CA, writing nothing, and shows each before it is signed. */
    @Override
    public PreparedStep prepare(Run run, ScriptStep step) {
        String reference = step.arguments().get("issuer");
        CrlSchedule schedule = schedule(step);
        Instant now = run.setup.clock().instant();
        RevocationService revocations = new RevocationService(run.records(), new CrlIssuer(run.requireToken(),
                run.setup.verifier(), run.setup.clock(), schedule), run.setup.clock());
        List<String> generations = run.cas.containsKey(reference) ? List.of()
                : CaNames.generations(run.records().caCertificateNames(), reference);
        List<CaSigner> cas = new ArrayList<>();
        if (generations.isEmpty()) {
            cas.add(run.ca(reference));
        }
        for (String name : generations) {
            X509CertificateHolder certificate = run.records().caCertificate(name).orElseThrow();
            if (certificate.getNotAfter().toInstant().isAfter(now)) {
                cas.add(run.caNamed(name));
            } else {
                run.operator.say("No CRL for " + name + ": its certificate expired on "
                        + certificate.getNotAfter().toInstant() + ".");
            }
        }
        List<CrlDraft> drafts = cas.stream().map(revocations::draft).toList();
        Facts facts = Facts.of(drafts.size() == 1 ? "The CRL about to be signed:" : "The " + drafts.size()
                + " CRLs about to be signed, one per live generation:");
        for (CrlDraft draft : drafts) {
            Optional<X509CertificateHolder> caCertificate = draft.ca().certificate();
            String issuerKey = caCertificate.map(KeyIds::subjectKeyId).orElse("");
            facts = facts.with("CA", draft.ca().key().label() + ": " + draft.ca().name())
                    .with("issuer", caCertificate.map(c -> c.getSubject().toString()).orElse("(no certificate)"))
                    .with("CRL number", draft.number().toString())
                    .with("this update", draft.window().thisUpdate().toString())
                    .with("next update", draft.window().nextUpdate().toString())
                    .withEach("revoked", draft.revoked().stream().map(r -> "serial " + SerialText.of(r.serial())
                            + " on " + r.date().truncatedTo(ChronoUnit.SECONDS) + ", "
                            + RevocationReason.ofCode(r.reasonCode()).map(KebabCase::of)
                                    .orElse("reason code " + r.reasonCode())
                            + run.records().find(issuerKey, r.serial()).map(e -> ": " + e.subject()).orElse(""))
                            .toList());
        }
        return new PreparedStep(facts, () -> {
            List<String> signed = new ArrayList<>();
            for (CrlDraft draft : drafts) {
                X509CRLHolder crl = revocations.issueCrl(draft);
                BigInteger number = org.bouncycastle.asn1.x509.CRLNumber.getInstance(
                        crl.getExtension(Extension.cRLNumber).getParsedValue()).getCRLNumber();
                run.operator.say("Signed CRL " + number + " of " + draft.ca().name() + " with "
                        + crl.getRevokedCertificates().size() + " revoked certificate(s); next update "
                        + crl.getNextUpdate().toInstant() + ".");
                signed.add(draft.ca().key().label() + " #" + number);
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("crls", signed);
            return details;
        });
    }

    private static CrlSchedule schedule(ScriptStep step) {
        String days = step.arguments().get("next-update-days");
        if (days == null) {
            return CrlSchedule.DEFAULT;
        }
        try {
            int value = Integer.parseInt(days);
            return new CrlSchedule(value, value);
        } catch (IllegalArgumentException e) {
            throw new StepRefused("step '" + step.id() + "', next-update-days " + days + ": " + e.getMessage());
        }
    }
}
