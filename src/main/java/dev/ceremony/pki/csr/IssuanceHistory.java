package dev.ceremony.pki.csr;

import java.math.BigInteger;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** What the CA already knows, for the policy rules that need history: its own keys and what it issued. */
public interface IssuanceHistory {

    /** True when the key belongs to a CA key on the token (root, intermediate, audit). */
    boolean isCaKey(SubjectPublicKeyInfo key);

    /** True when a certificate for this key is still valid (not expired, not revoked). */
    boolean isCertified(SubjectPublicKeyInfo key);

    /**
     * True when the key has valid certificates and every one of them is of this subject (device id
     * or server name) under this profile: a request of that subject for that key renews, where a
     * request of any other subject would certify one key twice.
     */
    boolean isCertifiedOnlyAs(SubjectPublicKeyInfo key, String profile, String subjectName);

    /** The serial of the subject's newest valid certificate under this profile; empty when it holds none. */
    Optional<BigInteger> validSerial(String profile, String subjectName);
}
