package dev.ceremony.records;

import dev.ceremony.audit.AuditEntry;
import dev.ceremony.audit.AuditTypes;
import dev.ceremony.audit.LogLines;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Checks the records against the audit log and repairs them from it. Every change reaches the log
 * before the records, so after a crash the records can only lag behind: what the log has and the
 * records lack is replayed, and each replay is reported. A record the log does not know means the
 * records were changed outside a ceremony, and is refused. An empty records directory is rebuilt
 * whole, so a serial can never be reused even when the records are lost.
 */
public final class RecordsReconciler {

    /**
     * Canonical JSON writes a record's type as {@code "type":"<type>"}: only lines holding one of
     * these are parsed; the rest (steps, reviews, seals) cannot change the records.
     */
    private static final Set<String> RELEVANT = Set.of(AuditTypes.SERIAL_RESERVED, AuditTypes.CERTIFICATE_ISSUED,
            AuditTypes.CERTIFICATE_REVOKED, AuditTypes.CRL_NUMBER_RESERVED, AuditTypes.CERTIFICATES_STORED,
            AuditTypes.CA_CERTIFICATE_STORED);

    private RecordsReconciler() {
    }

    /** Replays into {@code records} what the log holds and they lack; returns what was repaired. */
    public static List<String> reconcile(byte[] log, CaRecords records) {
        return reconcile(new ByteArrayInputStream(log), records);
    }

    /** The same, reading the log as a stream: one line at a time, never the whole log. */
    public static List<String> reconcile(InputStream log, CaRecords records) {
        return walk(log, records, true);
    }

    /** What {@link #reconcile} would repair, without changing anything. */
    public static List<String> pending(byte[] log, CaRecords records) {
        return pending(new ByteArrayInputStream(log), records);
    }

    /** The same, reading the log as a stream. */
    public static List<String> pending(InputStream log, CaRecords records) {
        return walk(log, records, false);
    }

    private static List<String> walk(InputStream log, CaRecords records, boolean apply) {
        List<String> repairs = new ArrayList<>();
        // Every certificate the log issued, as a 64-bit digest of issuer/serial: 24 bytes a certificate.
        DigestIndex issuedInLog = new DigestIndex();
        Map<String, String> reservedProfiles = new HashMap<>();
        Map<String, X509CertificateHolder> storedInLog = new LinkedHashMap<>();
        LogLines.read(log, (bytes, from, to) -> {
            if (!RELEVANT.contains(String.valueOf(AuditEntry.typeOf(bytes, from, to)))) {
                return;
            }
            AuditEntry entry = AuditEntry.parse(new String(bytes, from, to - from, StandardCharsets.UTF_8));
            switch (entry.type()) {
                case AuditTypes.SERIAL_RESERVED -> {
                    Reservation reservation = RecordEvents.reservation(entry);
                    reservedProfiles.put(reservation.issuerKeyId() + "/" + reservation.serial().toString(16),
                            reservation.profile());
                    if (!records.serialUsed(reservation.serial())) {
                        if (apply) {
                            records.reserve(List.of(reservation));
                        }
                        repairs.add("reserved serial " + reservation.serial().toString(16) + " again (record "
                                + entry.seq() + ")");
                    }
                }
                case AuditTypes.CERTIFICATE_ISSUED -> {
                    IssuedEntry issued = RecordEvents.issued(entry);
                    String key = issued.issuerKeyId() + "/" + issued.serial().toString(16);
                    issuedInLog.add(DigestIndex.digest(key));
                    storedInLog.remove(key);
                    reservedProfiles.remove(key);
                    if (!records.isIssued(issued.issuerKeyId(), issued.serial())) {
                        if (apply) {
                            records.recordIssued(List.of(issued));
                        }
                        repairs.add("entered certificate " + issued.serial().toString(16) + " (" + issued.subject()
                                + ") into the index (record " + entry.seq() + ")");
                    }
                }
                case AuditTypes.CERTIFICATE_REVOKED -> {
                    BigInteger serial = RecordEvents.serial(entry);
                    String issuer = entry.dataText("issuer");
                    if (!issuedInLog.contains(DigestIndex.digest(issuer + "/" + serial.toString(16)))) {
                        throw new RecordsException("audit record " + entry.seq() + " revokes certificate "
                                + serial.toString(16) + ", which the log never issued");
                    }
                    boolean revoked = records.find(issuer, serial).map(known -> known.revocation().isPresent())
                            .orElse(false);
                    if (!revoked) {
                        if (apply) {
                            records.revoke(issuer, serial, Instant.parse(entry.dataText("date")),
                                    RevocationReason.valueOf(entry.dataText("reason")));
                        }
                        repairs.add("revoked certificate " + serial.toString(16) + " (record " + entry.seq() + ")");
                    }
                }
                case AuditTypes.CRL_NUMBER_RESERVED -> {
                    String issuer = entry.dataText("issuer");
                    BigInteger number = new BigInteger(entry.dataText("number"));
                    if (records.lastCrlNumber(issuer).compareTo(number) < 0) {
                        if (apply) {
                            records.recordCrlNumber(issuer, number);
                        }
                        repairs.add("reserved CRL number " + number + " of issuer " + issuer + " (record "
                                + entry.seq() + ")");
                    }
                }
                case AuditTypes.CERTIFICATES_STORED -> {
                    String issuer = entry.dataText("issuer");
                    List<X509CertificateHolder> missing = new ArrayList<>();
                    Object listed = entry.data().get("certificates");
                    if (listed instanceof List<?> values) {
                        for (Object value : values) {
                            X509CertificateHolder certificate = decode(entry, (String) value);
                            storedInLog.put(issuer + "/" + certificate.getSerialNumber().toString(16), certificate);
                            if (!records.holdsCertificate(issuer, certificate.getSerialNumber())) {
                                missing.add(certificate);
                            }
                        }
                    }
                    if (!missing.isEmpty()) {
                        if (apply) {
                            records.storeCertificates(issuer, missing);
                        }
                        repairs.add("kept " + missing.size() + " signed certificate(s) of issuer " + issuer
                                + " again (record " + entry.seq() + ")");
                    }
                }
                case AuditTypes.CA_CERTIFICATE_STORED -> {
                    String name = entry.dataText("name");
                    if (records.caCertificate(name).isEmpty()) {
                        if (apply) {
                            records.storeCaCertificate(name, certificate(entry));
                        }
                        repairs.add("stored CA certificate " + name + " (record " + entry.seq() + ")");
                    }
                }
                default -> {
                    // Other records (steps, confirmations, notes, seals) do not change the records.
                }
            }
        });
        // A crash between keeping a chunk's certificates and logging their issue: the log holds the
        // signed certificate, so it enters the index (it was signed under a reserved serial). Only
        // such certificates are still held here; issued ones left the maps as the walk passed them.
        for (Map.Entry<String, X509CertificateHolder> stored : storedInLog.entrySet()) {
            if (issuedInLog.addNew(DigestIndex.digest(stored.getKey()))) {
                X509CertificateHolder certificate = stored.getValue();
                String issuer = stored.getKey().substring(0, stored.getKey().indexOf('/'));
                if (!records.isIssued(issuer, certificate.getSerialNumber())) {
                    if (apply) {
                        records.recordIssued(List.of(IssuedEntries.of(certificate,
                                reservedProfiles.getOrDefault(stored.getKey(), "unknown"), false)));
                    }
                    repairs.add("entered certificate " + certificate.getSerialNumber().toString(16) + " ("
                            + certificate.getSubject() + "), signed and kept before a crash cut off its issue record");
                }
            }
        }
        records.forEachIssued(entry -> {
            if (!issuedInLog.contains(DigestIndex.digest(entry.issuerKeyId() + "/" + entry.serial().toString(16)))) {
                throw new RecordsException("the records hold certificate " + entry.serial().toString(16)
                        + " that the audit log never issued: the records were changed outside a ceremony");
            }
        });
        return repairs;
    }

    private static X509CertificateHolder certificate(AuditEntry entry) {
        return decode(entry, entry.dataText("certificate"));
    }

    private static X509CertificateHolder decode(AuditEntry entry, String base64) {
        try {
            return new X509CertificateHolder(Base64.getDecoder().decode(base64));
        } catch (IOException | IllegalArgumentException e) {
            throw new RecordsException("audit record " + entry.seq() + " holds an unreadable certificate", e);
        }
    }
}
