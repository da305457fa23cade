package dev.ceremony.records;

import dev.ceremony.audit.AuditChain;
import dev.ceremony.pki.csr.IssuanceHistory;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The request policy's view of history: the token's CA keys and the certificates valid now,
 * indexed once when the view is made (a batch judges thousands of requests against it). The keys
 * and subjects of valid certificates are kept as 64-bit digests ({@link DigestIndex}), so the view
 * of a CA with a million devices fits in a few dozen megabytes; a digest shared by chance refuses a
 * request, never passes one. For renewals it also keeps, per key, the subject its certificates are
 * of, and per subject the serial of its newest valid certificate (about 20 bytes more a certificate).
 * The view may be read from many threads once made.
 */
public final class RecordsHistory implements IssuanceHistory {

    /** Stands, in {@link #keySubject}, for a key certified under more than one subject. */
    private static final int SEVERAL = -1;

    private final Set<String> caKeySha256;
    private final DigestIndex certifiedKeys = new DigestIndex();
    private final DigestIndex certifiedSubjects = new DigestIndex();
    /** By key number: the number of the subject its valid certificates are of, or {@link #SEVERAL}. */
    private int[] keySubject = new int[64];
    /** By subject number: where its newest serial starts in {@link #serials} (a length byte, then the bytes). */
    private int[] subjectSerial = new int[64];
    private byte[] serials = new byte[1024];
    private int serialsEnd;

    /**
     * @param caKeySha256 hex SHA-256 of the SubjectPublicKeyInfo of every key on the token
     */
    public RecordsHistory(CaRecords records, Set<String> caKeySha256, Clock clock) {
        this.caKeySha256 = Set.copyOf(caKeySha256);
        java.time.Instant now = Objects.requireNonNull(clock, "clock").instant();
        Objects.requireNonNull(records, "records").forEachIssued(entry -> {
            if (entry.validAt(now)) {
                add(entry);
            }
        });
    }

    /** Indexes one valid certificate; the records visit them in the order issued, so the last serial is the newest. */
    private void add(IssuedEntry entry) {
        int subject = certifiedSubjects.add(subjectDigest(entry.profile(), entry.subjectName()));
        subjectSerial = DigestIndex.fit(subjectSerial, subject);
        subjectSerial[subject] = storeSerial(entry.serial());
        int before = certifiedKeys.size();
        int key = certifiedKeys.add(DigestIndex.digest(entry.publicKeySha256()));
        keySubject = DigestIndex.fit(keySubject, key);
        keySubject[key] = key == before || keySubject[key] == subject ? subject : SEVERAL;
    }

    private int storeSerial(BigInteger serial) {
        byte[] bytes = serial.toByteArray();
        while (serialsEnd + 1 + bytes.length > serials.length) {
            serials = java.util.Arrays.copyOf(serials, serials.length * 2);
        }
        int at = serialsEnd;
        serials[at] = (byte) bytes.length;
        System.arraycopy(bytes, 0, serials, at + 1, bytes.length);
        serialsEnd += 1 + bytes.length;
        return at;
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
    public boolean isCertifiedOnlyAs(SubjectPublicKeyInfo key, String profile, String subjectName) {
        int number = certifiedKeys.find(keyDigest(key));
        return number >= 0 && keySubject[number] != SEVERAL
                && keySubject[number] == certifiedSubjects.find(subjectDigest(profile, subjectName));
    }

    @Override
    public Optional<BigInteger> validSerial(String profile, String subjectName) {
        int number = certifiedSubjects.find(subjectDigest(profile, subjectName));
        if (number < 0) {
            return Optional.empty();
        }
        int at = subjectSerial[number];
        return Optional.of(new BigInteger(java.util.Arrays.copyOfRange(serials, at + 1, at + 1 + serials[at])));
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
