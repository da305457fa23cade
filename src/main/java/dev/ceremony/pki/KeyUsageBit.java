package dev.ceremony.pki;

import org.bouncycastle.asn1.x509.KeyUsage;

/** The keyUsage bits of RFC 5280 section 4.2.1.3, named as in profile files. */
public enum KeyUsageBit {
    DIGITAL_SIGNATURE(KeyUsage.digitalSignature),
    CONTENT_COMMITMENT(KeyUsage.nonRepudiation),
    KEY_ENCIPHERMENT(KeyUsage.keyEncipherment),
    DATA_ENCIPHERMENT(KeyUsage.dataEncipherment),
    KEY_AGREEMENT(KeyUsage.keyAgreement),
    KEY_CERT_SIGN(KeyUsage.keyCertSign),
    CRL_SIGN(KeyUsage.cRLSign);

    private final int mask;

    KeyUsageBit(int mask) {
        this.mask = mask;
    }

    /** BouncyCastle's bit mask for this usage. */
    public int mask() {
        return mask;
    }
}
