package dev.ceremony.records;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The CA's durable records: serial reservations, the index of issued certificates with their
 * revocations, CRL numbers per issuer, and the CA certificates. Every method that changes the
 * records returns only once the change is on disk; a crash never leaves half a record.
 */
public interface CaRecords extends AutoCloseable {

    /** Records serials before signing (one sync for the whole list); a reserved serial is never reused. */
    void reserve(List<Reservation> reservations);

    /** True when the serial was ever reserved or issued, by any issuer. */
    boolean serialUsed(BigInteger serial);

    /** Adds signed certificates to the index (one sync for the whole list). Each serial must be reserved. */
    void recordIssued(List<IssuedEntry> entries);

    /**
     * Keeps the signed certificates of one issuer (one file and one sync for the whole list), so
     * that an export can be repeated later, on another medium, without signing again. Each
     * certificate's serial was reserved for this issuer before it was signed.
     */
    void storeCertificates(String issuerKeyId, List<X509CertificateHolder> certificates);

    /** Whether {@link #storeCertificates} kept this certificate (without reading it). */
    boolean holdsCertificate(String issuerKeyId, BigInteger serial);

    /** A certificate kept by {@link #storeCertificates}. */
    Optional<X509CertificateHolder> certificate(String issuerKeyId, BigInteger serial);

    /** Marks a certificate revoked. */
    IssuedEntry revoke(String issuerKeyId, BigInteger serial, Instant date, RevocationReason reason);

    /** Reserves and returns the next CRL number of an issuer: strictly greater than any before it. */
    BigInteger reserveCrlNumber(String issuerKeyId);

    /** The highest CRL number reserved for an issuer, 0 if none. */
    BigInteger lastCrlNumber(String issuerKeyId);

    /** Records a CRL number taken from elsewhere (the audit log); it must exceed the last one. */
    void recordCrlNumber(String issuerKeyId, BigInteger number);

    /** Stores a signed CRL (DER) under its issuer and number, never replacing one already stored. */
    void storeCrl(String issuerKeyId, BigInteger crlNumber, byte[] der);

    /** Stores a CA certificate under a name, never replacing one already stored. */
    void storeCaCertificate(String name, X509CertificateHolder certificate);

    /** The CA certificate stored under {@code name}. */
    Optional<X509CertificateHolder> caCertificate(String name);

    /** The names of all stored CA certificates, sorted. */
    List<String> caCertificateNames();

    /** The stored CRL (DER) with the highest number for an issuer, if any. */
    Optional<byte[]> latestCrl(String issuerKeyId);

    /**
     * Hands every issued certificate's entry to {@code visitor}, in the order of issuance, one at a
     * time: the index of a large CA is streamed, never returned whole.
     */
    void forEachIssued(java.util.function.Consumer<IssuedEntry> visitor);

    /** The entry of one certificate. */
    Optional<IssuedEntry> find(String issuerKeyId, BigInteger serial);

    /** Whether the index holds this certificate, without reading its entry. */
    default boolean isIssued(String issuerKeyId, BigInteger serial) {
        return find(issuerKeyId, serial).isPresent();
    }

    @Override
    void close();
}
