package dev.ceremony.engine;

import dev.ceremony.audit.AuditChain;
import dev.ceremony.audit.AuditTypes;
import dev.ceremony.token.KeyHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Shows the SHA-256 fingerprints of the certificates of the keys the step names (or of the
 * public key, if it has no certificate), in hex and PGP words, for the witnesses to write down.
 */
final class FingerprintStep implements StepHandler {

    @Override
    public Map<String, Object> run(Run run, ScriptStep step) {
        List<String> shown = new ArrayList<>();
        for (String name : step.arguments().get("of").split(",", -1)) {
            String reference = name.strip();
            KeyHandle key = run.keys.get(reference);
            String label = key != null ? key.label()
                    : CaNames.current(run.records().caCertificateNames(), reference).orElseThrow(() ->
                            new StepRefused("step '" + step.id() + "': '" + reference + "' is neither a key of this "
                                    + "ceremony nor a CA in the records"));
            Optional<X509CertificateHolder> certificate = run.records().caCertificate(label);
            String subject;
            String sha;
            if (certificate.isPresent()) {
                subject = "certificate " + label + ": " + certificate.get().getSubject();
                sha = AuditChain.sha256Bytes(CaCertificateStep.encoded(certificate.get()));
            } else {
                subject = "public key " + label;
                sha = key.publicKeySha256().orElseThrow();
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("subject", subject);
            data.put("sha256", sha);
            run.append(AuditTypes.FINGERPRINT, data);
            run.operator.fingerprint(subject, sha);
            shown.add(label);
        }
        return Map.of("shown", shown);
    }
}
