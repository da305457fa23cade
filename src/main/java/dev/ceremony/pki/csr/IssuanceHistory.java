package dev.ceremony.pki.csr;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** What the CA already knows, for the policy rules that need history: its own keys and what it issued. */
public interface IssuanceHistory {

    /** True when the key belongs to a CA key on the token (root, intermediate, audit). */
    boolean isCaKey(SubjectPublicKeyInfo key);

    /** True when a certificate for this key is still valid (not expired, not revoked). */
    boolean isCertified(SubjectPublicKeyInfo key);

    /** True when the subject (device id or server name) holds a valid certificate under this profile. */
    boolean hasValidCertificate(String profile, String subjectName);
}
