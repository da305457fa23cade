package dev.ceremony.pki;

import java.util.HexFormat;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;

/** Key identifiers in hex: how records name an issuer across its rotations. */
public final class KeyIds {

    private KeyIds() {
    }

    /** The certificate's own subject key identifier. */
    public static String subjectKeyId(X509CertificateHolder certificate) {
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(certificate.getExtensions());
        if (ski == null) {
            throw new IllegalArgumentException(certificate.getSubject() + " has no subject key identifier");
        }
        return HexFormat.of().formatHex(ski.getKeyIdentifier());
    }

    /** The issuer's key identifier: the AKI, or for a self-signed root its own SKI. */
    public static String issuerKeyId(X509CertificateHolder certificate) {
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.fromExtensions(certificate.getExtensions());
        if (aki != null && aki.getKeyIdentifierOctets() != null) {
            return HexFormat.of().formatHex(aki.getKeyIdentifierOctets());
        }
        if (certificate.getSubject().equals(certificate.getIssuer())) {
            return subjectKeyId(certificate);
        }
        throw new IllegalArgumentException(certificate.getSubject() + " names no authority key identifier");
    }
}
