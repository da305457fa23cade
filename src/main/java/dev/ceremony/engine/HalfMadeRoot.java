package dev.ceremony.engine;

import dev.ceremony.audit.AuditChain;
import dev.ceremony.records.CaRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A root ceremony stopped between the self-signature and the audit key's certificate: the root key
 * and its certificate exist, but nothing ties this audit log to the root. Aborting it would keep a
 * root that no ceremony may finish (a second root is refused), and destroying a key that signed a
 * root certificate is not something an abort does on its own; so the abort is refused and the
 * officers are told how to go on.
 */
final class HalfMadeRoot {

    private HalfMadeRoot() {
    }

    /** Why the abort is refused and what to do instead; empty unless the records hold such a root. */
    static Optional<String> refusal(CaRecords records) {
        Optional<X509CertificateHolder> root = records.caCertificate(CaNames.ROOT_RECORD);
        if (root.isEmpty() || records.caCertificate(CaNames.AUDIT_RECORD).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("the root certificate is already self-signed (SHA-256 " + sha256(root.get())
                + ") but it has not certified the audit key yet, so nothing ties this audit log to the root. An "
                + "abort would keep that root key and certificate and leave a root ceremony no run may finish, so "
                + "it is refused and nothing was changed. Run root-ca again instead: it resumes after the "
                + "self-signature and has this root certify the audit key; no second root is made. If this root "
                + "must not be used (a wrong name, a doubt about the token), do not resume: start over on a freshly "
                + "initialised token with an empty records directory, and keep this log and its transcript with "
                + "the ceremony's papers");
    }

    private static String sha256(X509CertificateHolder certificate) {
        try {
            return AuditChain.sha256Bytes(certificate.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
