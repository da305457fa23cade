package dev.ceremony.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes the next records of the log: each one numbered, timed and chained to the hash of the
 * line before it; a seal signed over its own line, which covers everything before it.
 */
public final class AuditChain {

    private final Clock clock;
    private long nextSeq;
    private String head;
    private String ceremony;

    private AuditChain(Clock clock, long nextSeq, String head, String ceremony) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nextSeq = nextSeq;
        this.head = head;
        this.ceremony = ceremony;
    }

    /** A new log: the next record will be the log-start, with seq 0 and the genesis prev. */
    public static AuditChain fresh(Clock clock, String ceremony) {
        return new AuditChain(clock, 0, AuditEntry.GENESIS, ceremony);
    }

    /** Continues after {@code last}, whose line hashes to {@code lastHash}. */
    public static AuditChain after(Clock clock, AuditEntry last, String lastHash) {
        return new AuditChain(clock, last.seq() + 1, lastHash, last.ceremony());
    }

    /** The hash of the last record: the head. */
    public String head() {
        return head;
    }

    public String ceremony() {
        return ceremony;
    }

    /**
     * The log's first record: the audit public key, written before any other key exists, so that
     * seals made before the audit certificate are tied to it.
     */
    public AuditEntry logStart(byte[] auditKeyInfo, Map<String, Object> data) {
        if (nextSeq != 0) {
            throw new IllegalStateException("the log has started already");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("audit-key", Base64.getEncoder().encodeToString(auditKeyInfo));
        fields.put("audit-key-sha256", sha256Bytes(auditKeyInfo));
        fields.putAll(data);
        return advance(new AuditEntry(0, AuditEntry.GENESIS, now(), ceremony, AuditTypes.LOG_START, fields,
                Optional.empty()));
    }

    /** The next record of the current ceremony. */
    public AuditEntry next(String type, Map<String, Object> data) {
        return advance(new AuditEntry(nextSeq, head, now(), ceremony, type, data, Optional.empty()));
    }

    /** Starts a new ceremony: the record carries the previous ceremony's head hash. */
    public AuditEntry startCeremony(String ceremonyId, Map<String, Object> data) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("previous-head", head);
        fields.putAll(data);
        ceremony = ceremonyId;
        return advance(new AuditEntry(nextSeq, head, now(), ceremonyId, AuditTypes.CEREMONY_START, fields,
                Optional.empty()));
    }

    /** A seal: one token signature over the seal's own line, which chains to everything before. */
    public AuditEntry seal(SealSigner signer) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("key", signer.keySha256());
        fields.put("alg", signer.algorithm());
        AuditEntry unsigned = new AuditEntry(nextSeq, head, now(), ceremony, AuditTypes.SEAL, fields, Optional.empty());
        byte[] signature = signer.sign(unsigned.unsignedLine().getBytes(StandardCharsets.UTF_8));
        return advance(new AuditEntry(unsigned.seq(), unsigned.prev(), unsigned.time(), unsigned.ceremony(),
                unsigned.type(), unsigned.data(), Optional.of(Base64.getEncoder().encodeToString(signature))));
    }

    private AuditEntry advance(AuditEntry entry) {
        nextSeq = entry.seq() + 1;
        head = sha256(entry.line());
        return entry;
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** Hex SHA-256 of a line's UTF-8 bytes: the record hash. */
    public static String sha256(String line) {
        return sha256Bytes(line.getBytes(StandardCharsets.UTF_8));
    }

    /** Hex SHA-256 of bytes. */
    public static String sha256Bytes(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
