package dev.ceremony.pki;

import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.SignatureScheme;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The issuing side of a signature: a CA key on the token, the scheme it signs with, and, once it
 * exists, the CA's own certificate. A root that signs its own certificate has no certificate yet.
 * The scheme follows the key (SHA-256 with P-256, SHA-384 with P-384, PKCS#1 SHA-256 with RSA);
 * {@link #withRsaPss()} chooses RSASSA-PSS for an RSA key.
 */
public record CaSigner(KeyHandle key, X500Name name, Optional<X509CertificateHolder> certificate,
        SignatureScheme scheme) {

    public CaSigner {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(scheme, "scheme");
        if (scheme != key.requireSpec().defaultScheme()
                && !(scheme == SignatureScheme.RSA_PSS_SHA256 && key.type() == dev.ceremony.token.KeyType.RSA)) {
            throw new IllegalArgumentException("key '" + key.label() + "' (" + key.requireSpec().description()
                    + ") signs with " + key.requireSpec().defaultScheme() + " or, if RSA, RSASSA-PSS; not " + scheme);
        }
        certificate.ifPresent(cert -> {
            if (!cert.getSubject().equals(name)) {
                throw new IllegalArgumentException("the CA certificate's subject " + cert.getSubject()
                        + " is not the CA name " + name);
            }
        });
    }

    /** A CA with a certificate: its name is the certificate's subject. */
    public static CaSigner of(KeyHandle key, X509CertificateHolder certificate) {
        return new CaSigner(key, certificate.getSubject(), Optional.of(certificate), key.requireSpec().defaultScheme());
    }

    /** A root about to sign its own certificate. */
    public static CaSigner selfSigning(KeyHandle key, X500Name name) {
        return new CaSigner(key, name, Optional.empty(), key.requireSpec().defaultScheme());
    }

    /** The same CA signing with RSASSA-PSS (SHA-256, MGF1, 32-byte salt); only for RSA keys. */
    public CaSigner withRsaPss() {
        return new CaSigner(key, name, certificate, SignatureScheme.RSA_PSS_SHA256);
    }
}
