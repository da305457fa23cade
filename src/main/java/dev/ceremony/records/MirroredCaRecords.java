package dev.ceremony.records;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Two copies of the CA records on two media: every change goes to both, reads come from the
 * first. Both are brought level from the audit log when they are opened.
 */
public final class MirroredCaRecords implements CaRecords {

    private final CaRecords primary;
    private final CaRecords mirror;

    public MirroredCaRecords(CaRecords primary, CaRecords mirror) {
        this.primary = primary;
        this.mirror = mirror;
    }

    @Override
    public void reserve(List<Reservation> reservations) {
        primary.reserve(reservations);
        mirror.reserve(reservations);
    }

    @Override
    public boolean serialUsed(BigInteger serial) {
        return primary.serialUsed(serial) || mirror.serialUsed(serial);
    }

    @Override
    public void recordIssued(List<IssuedEntry> entries) {
        primary.recordIssued(entries);
        mirror.recordIssued(entries);
    }

    @Override
    public void storeCertificates(String issuerKeyId, List<X509CertificateHolder> certificates) {
        primary.storeCertificates(issuerKeyId, certificates);
        mirror.storeCertificates(issuerKeyId, certificates);
    }

    @Override
    public boolean holdsCertificate(String issuerKeyId, BigInteger serial) {
        return primary.holdsCertificate(issuerKeyId, serial);
    }

    @Override
    public Optional<X509CertificateHolder> certificate(String issuerKeyId, BigInteger serial) {
        return primary.certificate(issuerKeyId, serial);
    }

    @Override
    public IssuedEntry revoke(String issuerKeyId, BigInteger serial, Instant date, RevocationReason reason) {
        IssuedEntry revoked = primary.revoke(issuerKeyId, serial, date, reason);
        mirror.revoke(issuerKeyId, serial, date, reason);
        return revoked;
    }

    @Override
    public BigInteger reserveCrlNumber(String issuerKeyId) {
        BigInteger number = primary.reserveCrlNumber(issuerKeyId);
        mirror.recordCrlNumber(issuerKeyId, number);
        return number;
    }

    @Override
    public BigInteger lastCrlNumber(String issuerKeyId) {
        return primary.lastCrlNumber(issuerKeyId).max(mirror.lastCrlNumber(issuerKeyId));
    }

    @Override
    public void recordCrlNumber(String issuerKeyId, BigInteger number) {
        primary.recordCrlNumber(issuerKeyId, number);
        mirror.recordCrlNumber(issuerKeyId, number);
    }

    @Override
    public void storeCrl(String issuerKeyId, BigInteger crlNumber, byte[] der) {
        primary.storeCrl(issuerKeyId, crlNumber, der);
        mirror.storeCrl(issuerKeyId, crlNumber, der);
    }

    @Override
    public void storeCaCertificate(String name, X509CertificateHolder certificate) {
        primary.storeCaCertificate(name, certificate);
        mirror.storeCaCertificate(name, certificate);
    }

    @Override
    public Optional<X509CertificateHolder> caCertificate(String name) {
        return primary.caCertificate(name);
    }

    @Override
    public List<String> caCertificateNames() {
        return primary.caCertificateNames();
    }

    @Override
    public Optional<byte[]> latestCrl(String issuerKeyId) {
        return primary.latestCrl(issuerKeyId);
    }

    @Override
    public void forEachIssued(java.util.function.Consumer<IssuedEntry> visitor) {
        primary.forEachIssued(visitor);
    }

    @Override
    public boolean isIssued(String issuerKeyId, BigInteger serial) {
        return primary.isIssued(issuerKeyId, serial);
    }

    @Override
    public Optional<IssuedEntry> find(String issuerKeyId, BigInteger serial) {
        return primary.find(issuerKeyId, serial);
    }

    /** Differences between the two copies, in words; empty when they agree. */
    public static List<String> differences(CaRecords first, CaRecords second) {
        List<String> differences = new java.util.ArrayList<>();
        IndexDigest one = IndexDigest.of(first);
        IndexDigest other = IndexDigest.of(second);
        if (!one.equals(other)) {
            differences.add("the indexes of issued certificates differ (" + one.entries() + " and " + other.entries()
                    + " entries)");
        }
        if (!first.caCertificateNames().equals(second.caCertificateNames())) {
            differences.add("the CA certificates differ: " + first.caCertificateNames() + " and "
                    + second.caCertificateNames());
        }
        return differences;
    }

    @Override
    public void close() {
        try {
            primary.close();
        } finally {
            mirror.close();
        }
    }
}
