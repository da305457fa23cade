package dev.ceremony.engine;

import dev.ceremony.pki.SerialText;
import dev.ceremony.pki.csr.RequestSummaries;
import dev.ceremony.pki.KeyIds;
import dev.ceremony.pki.Pem;
import dev.ceremony.records.CaRecords;
import dev.ceremony.records.IssuedEntry;
import dev.ceremony.records.RevocationReason;
import dev.ceremony.text.Facts;
import dev.ceremony.text.KebabCase;
import dev.ceremony.text.Printable;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Revokes one certificate, named by its issuer (any generation of it) and its serial in hex as
 * openssl prints it, or by the certificate's file (which must be the certificate the records hold). Revoking twice is refused, unless this very ceremony did it before a crash.
 */
final class RevokeStep implements StepHandler {

    private static final Pattern HEX = Pattern.compile("(0x)?[0-9a-fA-F:]{1,64}");

    @Override
    public Map<String, Object> run(Run run, ScriptStep step) {
        return prepare(run, step).commit().get();
    }

    /**
     * Finds the certificate and checks that it can be revoked, writing nothing; the revocation is
     * recorded only once the people confirming the step have seen which certificate it is.
     */
    @Override
    public PreparedStep prepare(Run run, ScriptStep step) {
        String issuerName = step.arguments().get("issuer");
        String serialText = step.arguments().get("serial").strip();
        Optional<X509CertificateHolder> given = Optional.empty();
        BigInteger serial;
        if (HEX.matcher(serialText).matches()) {
            serial = new BigInteger(serialText.toLowerCase(Locale.ROOT).replace("0x", "").replace(":", ""), 16);
        } else if (serialText.contains("/") || serialText.matches(".*\\.(pem|crt|cer|der)")) {
            try {
                given = Optional.of(Pem.readCertificate(run.setup.media().read(Path.of(serialText))));
            } catch (IllegalArgumentException e) {
                throw new StepRefused("step '" + step.id() + "': " + Printable.escape(serialText) + ": " + e.getMessage());
            }
            serial = given.get().getSerialNumber();
        } else {
            throw new StepRefused("step '" + step.id() + "': serial '" + Printable.escape(serialText) + "' is neither a "
                    + "hexadecimal serial such as 4F:A1:03 or 4fa103 (openssl x509 -noout -serial prints it) nor the "
                    + "path of the certificate's file");
        }
        RevocationReason reason = KebabCase.parse(RevocationReason.class, step.arguments().get("reason"));
        CaRecords records = run.records();
        Set<String> issuerKeys = new HashSet<>();
        for (String name : CaNames.generations(records.caCertificateNames(), issuerName)) {
            records.caCertificate(name).ifPresent(c -> issuerKeys.add(KeyIds.subjectKeyId(c)));
        }
        if (issuerKeys.isEmpty()) {
            throw new StepRefused("there is no CA '" + issuerName + "' in the records");
        }
        List<IssuedEntry> found = issuerKeys.stream().map(key -> records.find(key, serial)).flatMap(Optional::stream)
                .toList();
        if (found.isEmpty()) {
            throw new StepRefused("no certificate with serial " + SerialText.of(serial) + " was issued by " + issuerName
                    + " (any generation); 'ceremony status' counts what was issued. Check the serial and the issuer");
        }
        IssuedEntry entry = found.get(0);
        if (given.isPresent() && !records.certificate(entry.issuerKeyId(), serial).map(given.get()::equals)
                .orElse(false)) {
            throw new StepRefused("step '" + step.id() + "': " + Printable.escape(serialText) + " is not the certificate "
                    + "the records hold under serial " + SerialText.of(serial) + " of " + issuerName);
        }
        Optional<IssuedEntry.Revocation> revoked = entry.revocation();
        boolean again = revoked.isPresent();
        if (again && !revokedHere(run, serial)) {
            throw new StepRefused("certificate " + SerialText.of(serial) + " (" + entry.subject() + ") was already "
                    + "revoked on " + revoked.get().date() + " (" + KebabCase.of(revoked.get().reason()) + ")");
        }
        Facts facts = Facts.of(again ? "Revoked by the interrupted run of this ceremony:"
                : "The certificate about to be revoked:")
                .with("subject", entry.subject())
                .with("serial", SerialText.of(serial))
                .with("issued by", run.caNameOf(entry.issuerKeyId()).filter(name -> !name.equals(issuerName))
                        .map(generation -> issuerName + " (generation " + generation + ")").orElse(issuerName));
        Optional<X509CertificateHolder> stored = records.certificate(entry.issuerKeyId(), serial);
        if (stored.isPresent()) {
            X509CertificateHolder certificate = stored.get();
            facts = facts.with("issuer", certificate.getIssuer().toString())
                    .with("not before", certificate.getNotBefore().toInstant().toString())
                    .with("not after", certificate.getNotAfter().toInstant().toString())
                    .with("key", RequestSummaries.describeKey(certificate.getSubjectPublicKeyInfo()))
                    .withEach("alt. names", TemplateText.alternativeNames(certificate.getExtensions()));
        } else {
            facts = facts.with("not after", entry.notAfter().toString());
        }
        facts = facts.with("profile", entry.profile())
                .with("reason", KebabCase.of(reason) + " (CRL reason code " + reason.code() + ")")
                .with("revoked at", again ? revoked.get().date().toString() : "the moment it is confirmed")
                .with("then", "it goes on the next CRL of its issuer");
        return new PreparedStep(facts, () -> {
            if (!again) {
                records.revoke(entry.issuerKeyId(), serial, run.setup.clock().instant(), reason);
            }
            run.operator.say("Revoked " + entry.subject() + ", serial " + SerialText.of(serial) + ", reason "
                    + KebabCase.of(reason) + "; it goes on the next CRL of its issuer.");
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("serial", serial.toString(16));
            details.put("subject", entry.subject());
            details.put("reason", KebabCase.of(reason));
            details.put("not-after", entry.notAfter().toString());
            return details;
        });
    }

    private static boolean revokedHere(Run run, BigInteger serial) {
        return run.now(Set.of(dev.ceremony.audit.AuditTypes.CERTIFICATE_REVOKED)).of(run.ceremony).stream().anyMatch(e -> e.type().equals(
                dev.ceremony.audit.AuditTypes.CERTIFICATE_REVOKED) && serial.toString(16).equals(e.data().get("serial")));
    }
}
