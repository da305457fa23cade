package dev.ceremony.records;

import dev.ceremony.audit.AuditChain;
import dev.ceremony.audit.AuditTrail;
import dev.ceremony.audit.AuditTypes;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The CA records with every change written to the audit log first, and synced there, before the
 * records are touched: the log is the CA's memory and the records can always be rebuilt from it.
 * One sync covers a whole batch of reservations or issues (DESIGN.md section 4: per chunk).
 */
public final class AuditedCaRecords implements CaRecords {

    private final CaRecords records;
    private final AuditTrail audit;

    public AuditedCaRecords(CaRecords records, AuditTrail audit) {
        this.records = records;
        this.audit = audit;
    }

    @Override
    public void reserve(List<Reservation> reservations) {
        for (Reservation reservation : reservations) {
            if (records.serialUsed(reservation.serial())) {
                throw new RecordsException("serial " + reservation.serial().toString(16) + " was already used; it is "
                        + "never reused");
            }
            audit.append(AuditTypes.SERIAL_RESERVED, RecordEvents.reservation(reservation));
        }
        audit.sync();
        records.reserve(reservations);
    }

    @Override
    public boolean serialUsed(BigInteger serial) {
        return records.serialUsed(serial);
    }

    @Override
    public void recordIssued(List<IssuedEntry> entries) {
        for (IssuedEntry entry : entries) {
            audit.append(AuditTypes.CERTIFICATE_ISSUED, RecordEvents.issued(entry));
        }
        audit.sync();
        records.recordIssued(entries);
    }

    @Override
    public void storeCertificates(String issuerKeyId, List<X509CertificateHolder> certificates) {
        if (certificates.isEmpty()) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("issuer", issuerKeyId);
        data.put("certificates", certificates.stream().map(c -> Base64.getEncoder().encodeToString(encoded(c))).toList());
        data.put("sha256", certificates.stream().map(c -> AuditChain.sha256Bytes(encoded(c))).toList());
        audit.append(AuditTypes.CERTIFICATES_STORED, data);
        audit.sync();
        records.storeCertificates(issuerKeyId, certificates);
    }

    @Override
    public boolean holdsCertificate(String issuerKeyId, BigInteger serial) {
        return records.holdsCertificate(issuerKeyId, serial);
    }

    @Override
    public Optional<X509CertificateHolder> certificate(String issuerKeyId, BigInteger serial) {
        return records.certificate(issuerKeyId, serial);
    }

    @Override
    public IssuedEntry revoke(String issuerKeyId, BigInteger serial, Instant date, RevocationReason reason) {
        IssuedEntry entry = records.find(issuerKeyId, serial).orElseThrow(() -> new RecordsException(
                "no certificate with serial " + serial.toString(16) + " from issuer " + issuerKeyId + " is in the records"));
        if (entry.revocation().isPresent()) {
            throw new RecordsException("certificate " + serial.toString(16) + " was already revoked on "
                    + entry.revocation().get().date());
        }
        audit.append(AuditTypes.CERTIFICATE_REVOKED, RecordEvents.revocation(issuerKeyId, serial, date, reason));
        audit.sync();
        return records.revoke(issuerKeyId, serial, date, reason);
    }

    @Override
    public BigInteger reserveCrlNumber(String issuerKeyId) {
        BigInteger next = records.lastCrlNumber(issuerKeyId).add(BigInteger.ONE);
        recordCrlNumber(issuerKeyId, next);
        return next;
    }

    @Override
    public BigInteger lastCrlNumber(String issuerKeyId) {
        return records.lastCrlNumber(issuerKeyId);
    }

    @Override
    public void recordCrlNumber(String issuerKeyId, BigInteger number) {
        audit.append(AuditTypes.CRL_NUMBER_RESERVED, RecordEvents.crlNumber(issuerKeyId, number));
        audit.sync();
        records.recordCrlNumber(issuerKeyId, number);
    }

    @Override
    public void storeCrl(String issuerKeyId, BigInteger crlNumber, byte[] der) {
        Map<String, Object> data = RecordEvents.crlNumber(issuerKeyId, crlNumber);
        data.put("crl", Base64.getEncoder().encodeToString(der));
        audit.append(AuditTypes.CRL_STORED, data);
        audit.sync();
        records.storeCrl(issuerKeyId, crlNumber, der);
    }

    @Override
    public void storeCaCertificate(String name, X509CertificateHolder certificate) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", name);
        data.put("certificate", Base64.getEncoder().encodeToString(encoded(certificate)));
        audit.append(AuditTypes.CA_CERTIFICATE_STORED, data);
        audit.sync();
        records.storeCaCertificate(name, certificate);
    }

    @Override
    public Optional<X509CertificateHolder> caCertificate(String name) {
        return records.caCertificate(name);
    }

    @Override
    public List<String> caCertificateNames() {
        return records.caCertificateNames();
    }

    @Override
    public Optional<byte[]> latestCrl(String issuerKeyId) {
        return records.latestCrl(issuerKeyId);
    }

    @Override
    public void forEachIssued(java.util.function.Consumer<IssuedEntry> visitor) {
        records.forEachIssued(visitor);
    }

    @Override
    public boolean isIssued(String issuerKeyId, BigInteger serial) {
        return records.isIssued(issuerKeyId, serial);
    }

    @Override
    public Optional<IssuedEntry> find(String issuerKeyId, BigInteger serial) {
        return records.find(issuerKeyId, serial);
    }

    @Override
    public void close() {
        records.close();
    }

    private static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot encode the certificate " + certificate.getSubject(), e);
        }
    }
}
