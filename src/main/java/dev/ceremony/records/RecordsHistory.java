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
 * indexed once when the view is made (a batch judges thousands of requests against it). The keys
 * and subjects of valid certificates are kept as 64-bit digests ({@link DigestIndex}), so the view
 * of a CA with a million devices fits in a few dozen megabytes; a digest shared by chance refuses a
 * request, never passes one. The view may be read from many threads once made.
 */
public final class RecordsHistory implements IssuanceHistory {

    private final Set<String> caKeySha256;
    private final DigestIndex certifiedKeys = new DigestIndex();
    private final DigestIndex certifiedSubjects = new DigestIndex();

    /**
     * @param caKeySha256 hex SHA-256 of the SubjectPublicKeyInfo of every key on the token
     */
    public RecordsHistory(CaRecords records, Set<String> caKeySha256, Clock clock) {
        this.caKeySha256 = Set.copyOf(caKeySha256);
        java.time.Instant now = Objects.requireNonNull(clock, "clock").instant();
        Objects.requireNonNull(records, "records").forEachIssued(entry -> {
            if (entry.validAt(now)) {
                certifiedKeys.add(DigestIndex.digest(entry.publicKeySha256()));
                certifiedSubjects.add(subjectDigest(entry.profile(), entry.subjectName()));
            }
        });
    }

    @Override
    public boolean isCaKey(SubjectPublicKeyInfo key) {
        return caKeySha256.contains(sha256(key));
    }

    @Override
    public boolean isCertified(SubjectPublicKeyInfo key) {
        return certifiedKeys.contains(keyDigest(key));
    }

    @Override
    public boolean hasValidCertificate(String profile, String subjectName) {
        return certifiedSubjects.contains(subjectDigest(profile, subjectName));
    }

    /** The digest a public key is known by in these indexes: of its hex SHA-256, as the index stores it. */
    public static long keyDigest(SubjectPublicKeyInfo key) {
        return DigestIndex.digest(sha256(key));
    }

    /** The digest a subject is known by under a profile: names compare without case. */
    public static long subjectDigest(String profile, String subjectName) {
        return DigestIndex.digest(profile + "\n" + subjectName.toLowerCase(java.util.Locale.ROOT));
    }

    /** The SHA-256 of the public key of every CA certificate the records hold. */
    public static Set<String> caKeys(CaRecords records) {
        Set<String> keys = new HashSet<>();
        for (String name : records.caCertificateNames()) {
            records.caCertificate(name).ifPresent(c -> keys.add(sha256(c.getSubjectPublicKeyInfo())));
        }
        return keys;
    }

    /** Hex SHA-256 of a SubjectPublicKeyInfo, as the index stores it. */
    public static String sha256(SubjectPublicKeyInfo key) {
        try {
            return AuditChain.sha256Bytes(key.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a public key", e);
        }
    }
}
