package dev.ceremony.engine;

import dev.ceremony.pki.SerialText;
import dev.ceremony.text.Facts;
import dev.ceremony.audit.AuditChain;
import dev.ceremony.audit.AuditTypes;
import dev.ceremony.pki.CaSigner;
import dev.ceremony.pki.CertificateIssuer;
import dev.ceremony.pki.TokenSerials;
import dev.ceremony.records.CaRecords;
import dev.ceremony.records.IssuedEntry;
import dev.ceremony.records.RecordedSerials;
import dev.ceremony.records.RecordingIssuer;
import dev.ceremony.records.RecordsHistory;
import dev.ceremony.token.KeyHandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Self-signs the root, certifies the audit key, or has a CA sign an intermediate: lint, reserve,
 * sign on the token, verify, record, and keep the CA certificate under its key's label. A step a
 * crash interrupted after signing finds its certificate in the records instead of signing again.
 */
final class CaCertificateStep implements StepHandler {

    /** How far notBefore may be from the ceremony's clock. */
    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    @Override
    public Map<String, Object> run(Run run, ScriptStep step) {
        return prepare(run, step).commit().get();
    }

    /**
     * Drafts and lints the certificate with its serial drawn, writing nothing, so that the people
     * who confirm the step see the very certificate the token will sign. A certificate an
     * interrupted run already signed is shown as it is and kept.
     */
    @Override
    public PreparedStep prepare(Run run, ScriptStep step) {
        KeyHandle key = run.keys.get(step.arguments().get("key"));
        CaSigner issuer = step.action() == StepAction.SELF_SIGN_ROOT ? null : run.ca(step.arguments().get("issuer"));
        CertificateIssuer.Request request = run.certificates.request(step, key, issuer);
        CaRecords records = run.records();
        Optional<X509CertificateHolder> signed = alreadyIssued(records, request);
        if (signed.isPresent()) {
            return new PreparedStep(TemplateText.facts("Signed by the interrupted run, and kept as it is:",
                    signed.get().toASN1Structure().getTBSCertificate()), () -> keep(run, step, key, signed.get()));
        }
        RecordingIssuer issuing = new RecordingIssuer(new CertificateIssuer(run.requireToken(), new RecordedSerials(
                new TokenSerials(run.requireToken()), records), run.setup.linter(), run.setup.verifier(),
                run.setup.clock(), MAX_SKEW), records);
        CertificateIssuer.Prepared prepared = issuing.prepare(request);
        String heading = step.action() == StepAction.SELF_SIGN_ROOT ? "The root certificate about to be self-signed:"
                : "The certificate about to be signed by " + issuer.name() + ":";
        Facts template = TemplateText.facts(heading, prepared.tbs());
        Facts facts = run.certificates.constraintsChange(step, key).map(change -> change.addTo(template))
                .orElse(template);
        return new PreparedStep(facts, () -> keep(run, step, key,
                issuing.issue(prepared, false).certificate()));
    }

    /** Keeps a signed CA certificate under its key's label, logs its fingerprint and shows it. */
    private static Map<String, Object> keep(Run run, ScriptStep step, KeyHandle key,
            X509CertificateHolder certificate) {
        CaRecords records = run.records();
        String name = key.label();
        Optional<X509CertificateHolder> stored = records.caCertificate(name);
        if (stored.isEmpty()) {
            records.storeCaCertificate(name, certificate);
        } else if (!stored.get().equals(certificate)) {
            throw new StepRefused("the records already hold another CA certificate under '" + name + "'");
        }
        if (step.action() == StepAction.CERTIFY_AUDIT_KEY) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("certificate", Base64.getEncoder().encodeToString(encoded(certificate)));
            run.append(AuditTypes.AUDIT_CERTIFICATE, data);
            run.sync();
        } else {
            CaSigner signer = CaSigner.of(key, certificate);
            run.cas.put(step.arguments().get("key"), signer);
            Optional.ofNullable(step.arguments().get("ca")).ifPresent(ca -> run.cas.put(ca, signer));
        }
        String fingerprint = AuditChain.sha256Bytes(encoded(certificate));
        Map<String, Object> print = new LinkedHashMap<>();
        print.put("subject", "certificate " + name + ": " + certificate.getSubject());
        print.put("sha256", fingerprint);
        run.append(AuditTypes.FINGERPRINT, print);
        run.operator.say("Issued " + certificate.getSubject() + ", serial " + SerialText.of(certificate.getSerialNumber())
                + ", valid until " + certificate.getNotAfter().toInstant());
        run.operator.fingerprint("certificate " + name, fingerprint);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("certificate", name);
        details.put("serial", certificate.getSerialNumber().toString(16));
        details.put("sha256", fingerprint);
        return details;
    }

    /** The certificate an interrupted run already signed for this key under this profile, if any. */
    private static Optional<X509CertificateHolder> alreadyIssued(CaRecords records, CertificateIssuer.Request request) {
        String key = RecordsHistory.sha256(request.subject().publicKey());
        IssuedEntry[] found = {null};
        records.forEachIssued(entry -> {
            if (found[0] == null && entry.publicKeySha256().equals(key)
                    && entry.profile().equals(request.profile().name())) {
                found[0] = entry;
            }
        });
        return Optional.ofNullable(found[0]).flatMap(entry -> records.certificate(entry.issuerKeyId(), entry.serial()));
    }

    @Override
    public void restore(Run run, ScriptStep step) {
        if (step.action() == StepAction.CERTIFY_AUDIT_KEY) {
            return;
        }
        KeyHandle key = run.keys.get(step.arguments().get("key"));
        CaSigner signer = run.caNamed(key.label());
        run.cas.put(step.arguments().get("key"), signer);
        Optional.ofNullable(step.arguments().get("ca")).ifPresent(ca -> run.cas.put(ca, signer));
    }

    static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a certificate", e);
        }
    }
}
