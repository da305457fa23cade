package dev.ceremony.records;

import dev.ceremony.audit.AuditChain;
import dev.ceremony.pki.csr.IssuanceHistory;
import java.io.IOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The request policy's view of history: the token's CA keys and the certificates valid now,
 * indexed once when the view is made (a batch judges thousands of requests against it).
 */
public final class RecordsHistory implements IssuanceHistory {

    private final Set<String> caKeySha256;
    private final Set<String> certifiedKeys = new HashSet<>();
    private final Set<String> certifiedSubjects = new HashSet<>();

    /**
     * @param caKeySha256 hex SHA-256 of the SubjectPublicKeyInfo of every key on the token
     */
    public RecordsHistory(CaRecords records, Set<String> caKeySha256, Clock clock) {
        this.caKeySha256 = Set.copyOf(caKeySha256);
        java.time.Instant now = Objects.requireNonNull(clock, "clock").instant();
        for (IssuedEntry entry : Objects.requireNonNull(records, "records").issued()) {
            if (entry.validAt(now)) {
                certifiedKeys.add(entry.publicKeySha256());
                certifiedSubjects.add(subjectKey(entry.profile(), entry.subjectName()));
            }
        }
    }

    @Override
    public boolean isCaKey(SubjectPublicKeyInfo key) {
        return caKeySha256.contains(sha256(key));
    }

    @Override
    public boolean isCertified(SubjectPublicKeyInfo key) {
        return certifiedKeys.contains(sha256(key));
    }

    @Override
    public boolean hasValidCertificate(String profile, String subjectName) {
        return certifiedSubjects.contains(subjectKey(profile, subjectName));
    }

    private static String subjectKey(String profile, String subjectName) {
        return profile + "\n" + subjectName.toLowerCase(java.util.Locale.ROOT);
    }

    /** Hex SHA-256 of a SubjectPublicKeyInfo, as the index stores it. */
    /** The SHA-256 of the public key of every CA certificate the records hold. */
    public static Set<String> caKeys(CaRecords records) {
        Set<String> keys = new HashSet<>();
        for (String name : records.caCertificateNames()) {
            records.caCertificate(name).ifPresent(c -> keys.add(sha256(c.getSubjectPublicKeyInfo())));
        }
        return keys;
    }

    public static String sha256(SubjectPublicKeyInfo key) {
        try {
            return AuditChain.sha256Bytes(key.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a public key", e);
        }
    }
}
