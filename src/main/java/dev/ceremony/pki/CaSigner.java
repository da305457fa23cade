package dev.ceremony.pki;

import dev.ceremony.token.KeyHandle;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The issuing side of a signature: a CA key on the token and, once it exists, the CA's own
 * certificate. A root that signs its own certificate has no certificate yet.
 */
public record CaSigner(KeyHandle key, X500Name name, Optional<X509CertificateHolder> certificate) {

    public CaSigner {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(certificate, "certificate");
        certificate.ifPresent(cert -> {
            if (!cert.getSubject().equals(name)) {
                throw new IllegalArgumentException("the CA certificate's subject " + cert.getSubject()
                        + " is not the CA name " + name);
            }
        });
    }

    /** A CA with a certificate: its name is the certificate's subject. */
    public static CaSigner of(KeyHandle key, X509CertificateHolder certificate) {
        return new CaSigner(key, certificate.getSubject(), Optional.of(certificate));
    }

    /** A root about to sign its own certificate. */
    public static CaSigner selfSigning(KeyHandle key, X500Name name) {
        return new CaSigner(key, name, Optional.empty());
    }
}
