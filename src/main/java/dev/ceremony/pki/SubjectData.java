package dev.ceremony.pki;

import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** What a certificate says about its subject: name, alternative names (in order) and public key. */
public record SubjectData(X500Name subject, List<GeneralName> alternativeNames, SubjectPublicKeyInfo publicKey) {

    public SubjectData {
        Objects.requireNonNull(subject, "subject");
        alternativeNames = List.copyOf(alternativeNames);
        Objects.requireNonNull(publicKey, "publicKey");
    }
}
