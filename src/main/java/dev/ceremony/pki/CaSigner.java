package dev.ceremony.pki;

import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.SignatureScheme;
import dev.ceremony.token.KeyAttributes;
import dev.ceremony.token.KeyId;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.KeyType;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
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

    /**
     * A CA as its certificate shows it, without its key on the token: for judging requests away
     * from the token ({@code csr inspect}). Its handle holds the certificate's public key and
     * names no token object, so nothing can be signed with it.
     */
    public static CaSigner ofCertificateOnly(X509CertificateHolder certificate) {
        SubjectPublicKeyInfo info = certificate.getSubjectPublicKeyInfo();
        KeyType type;
        int bits = 0;
        String curve = null;
        PublicKey publicKey;
        try {
            if (info.getAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                type = KeyType.EC;
                curve = ASN1ObjectIdentifier.getInstance(info.getAlgorithm().getParameters()).getId();
                publicKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(info.getEncoded()));
            } else {
                type = KeyType.RSA;
                publicKey = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(info.getEncoded()));
                bits = ((RSAPublicKey) publicKey).getModulus().bitLength();
            }
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("the public key of the CA certificate " + certificate.getSubject()
                    + " cannot be read: " + e.getMessage(), e);
        }
        KeySpec spec = KeySpec.of(type, bits, curve).orElseThrow(() -> new IllegalArgumentException("the CA "
                + "certificate " + certificate.getSubject() + " has a key of a kind Ceremony does not make"));
        KeyHandle handle = new KeyHandle("(certificate of " + certificate.getSubject() + ")", KeyId.of(new byte[0]),
                type, Optional.of(spec), Optional.of(publicKey), new KeyAttributes(false, false, false, false, false,
                        false, false, false, false));
        return of(handle, certificate);
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
