package dev.ceremony.pki.lint;

import dev.ceremony.pki.CaSigner;
import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.token.SignatureScheme;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;

/**
 * What the lint rules see: the TBS certificate exactly as it will be signed, the profile it was
 * built from, the issuer, and the time the ceremony runs at.
 *
 * @param maxClockSkew how far notBefore may lie before (or after) {@code now}
 */
public record LintContext(
        TBSCertificate tbs,
        CertificateProfile profile,
        CaSigner issuer,
        SubjectPublicKeyInfo issuerPublicKey,
        SignatureScheme scheme,
        Instant now,
        Duration maxClockSkew) {

    public LintContext {
        Objects.requireNonNull(tbs, "tbs");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(issuerPublicKey, "issuerPublicKey");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
    }

    /** The extension with this OID, if the TBS carries it. */
    public Optional<Extension> extension(ASN1ObjectIdentifier oid) {
        Extensions extensions = tbs.getExtensions();
        return extensions == null ? Optional.empty() : Optional.ofNullable(extensions.getExtension(oid));
    }

    /** The issuer's extension with this OID, if the issuer has a certificate that carries it. */
    public Optional<Extension> issuerExtension(ASN1ObjectIdentifier oid) {
        return issuer.certificate().flatMap(cert -> Optional.ofNullable(cert.getExtension(oid)));
    }
}
