package dev.ceremony.pki;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/** The extended key usages Ceremony's profiles may grant. */
public enum ExtendedKeyUsage {
    SERVER_AUTH(KeyPurposeId.id_kp_serverAuth.toOID()),
    CLIENT_AUTH(KeyPurposeId.id_kp_clientAuth.toOID()),
    /** id-kp-documentSigning (RFC 9336): audit seals and export checksums. */
    DOCUMENT_SIGNING(new ASN1ObjectIdentifier("1.3.6.1.5.5.7.3.36"));

    private final ASN1ObjectIdentifier oid;

    ExtendedKeyUsage(ASN1ObjectIdentifier oid) {
        this.oid = oid;
    }

    public ASN1ObjectIdentifier oid() {
        return oid;
    }

    public KeyPurposeId purposeId() {
        return KeyPurposeId.getInstance(oid);
    }
}
