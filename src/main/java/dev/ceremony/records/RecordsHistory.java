package dev.ceremony.records;

import dev.ceremony.pki.csr.IssuanceHistory;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** The request policy's view of history: the token's CA keys and the records' index of issued certificates. */
public final class RecordsHistory implements IssuanceHistory {

    private final CaRecords records;
    private final Set<String> caKeySha256;
    private final Clock clock;

    /**
     * @param caKeySha256 hex SHA-256 of the SubjectPublicKeyInfo of every key on the token
     */
    public RecordsHistory(CaRecords records, Set<String> caKeySha256, Clock clock) {
        this.records = Objects.requireNonNull(records, "records");
        this.caKeySha256 = Set.copyOf(caKeySha256);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean isCaKey(SubjectPublicKeyInfo key) {
        return caKeySha256.contains(sha256(key));
    }

    @Override
    public boolean isCertified(SubjectPublicKeyInfo key) {
        String hash = sha256(key);
        return records.issued().stream().anyMatch(e -> e.publicKeySha256().equals(hash) && e.validAt(clock.instant()));
    }

    @Override
    public boolean hasValidCertificate(String profile, String subjectName) {
        return records.issued().stream().anyMatch(e -> e.profile().equals(profile)
                && e.subjectName().equalsIgnoreCase(subjectName) && e.validAt(clock.instant()));
    }

    /** Hex SHA-256 of a SubjectPublicKeyInfo, as the index stores it. */
    public static String sha256(SubjectPublicKeyInfo key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("cannot hash a public key", e);
        }
    }
}
