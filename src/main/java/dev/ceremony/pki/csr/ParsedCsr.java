package dev.ceremony.pki.csr;

import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A CSR whose signature (proof of possession) has been verified, with what it asks for. The
 * requested extensions are kept for display; a profile decides what is actually issued.
 */
public record ParsedCsr(PKCS10CertificationRequest request, X500Name subject, SubjectPublicKeyInfo publicKey,
        List<GeneralName> requestedNames, Extensions requestedExtensions) {

    public ParsedCsr {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(publicKey, "publicKey");
        requestedNames = List.copyOf(requestedNames);
    }
}
