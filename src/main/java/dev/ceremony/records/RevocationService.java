package dev.ceremony.records;

import dev.ceremony.pki.CaSigner;
import dev.ceremony.pki.CrlIssuer;
import dev.ceremony.pki.KeyIds;
import dev.ceremony.pki.RevokedCertificate;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;

/** Revokes certificates in the records and issues CRLs from them, each CRL number used once. */
public final class RevocationService {

    private final CaRecords records;
    private final CrlIssuer crls;
    private final Clock clock;

    public RevocationService(CaRecords records, CrlIssuer crls, Clock clock) {
        this.records = Objects.requireNonNull(records, "records");
        this.crls = Objects.requireNonNull(crls, "crls");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Revokes the certificate {@code serial} issued by {@code issuer}, as of now. */
    public IssuedEntry revoke(X509CertificateHolder issuer, BigInteger serial, RevocationReason reason) {
        return records.revoke(KeyIds.subjectKeyId(issuer), serial, clock.instant(), reason);
    }

    /**
     * Reserves the next CRL number, signs the CRL of {@code ca} with every revoked certificate it
     * issued that has not expired yet, and stores it in the records.
     */
    public X509CRLHolder issueCrl(CaSigner ca) {
        return issueCrl(draft(ca));
    }

    /**
     * The CRL {@code ca} would sign now, writing nothing: its number (the next one), its dates and
     * every revoked certificate it issued that has not expired yet.
     */
    public CrlDraft draft(CaSigner ca) {
        X509CertificateHolder certificate = ca.certificate().orElseThrow(() -> new IllegalArgumentException(
                "the CA needs its certificate to sign a CRL"));
        String issuerKeyId = KeyIds.subjectKeyId(certificate);
        Instant now = clock.instant();
        List<RevokedCertificate> revoked = new java.util.ArrayList<>();
        records.forEachIssued(entry -> {
            if (entry.issuerKeyId().equals(issuerKeyId) && entry.revocation().isPresent()
                    && entry.notAfter().isAfter(now)) {
                revoked.add(new RevokedCertificate(entry.serial(), entry.revocation().get().date(),
                        entry.revocation().get().reason().code()));
            }
        });
        return new CrlDraft(ca, records.lastCrlNumber(issuerKeyId).add(BigInteger.ONE), revoked, crls.window(ca));
    }

    /**
     * Reserves the draft's CRL number, signs the CRL as drafted and stores it in the records.
     *
     * @throws RecordsException when the CA's CRL number moved since the draft
     */
    public X509CRLHolder issueCrl(CrlDraft draft) {
        String issuerKeyId = KeyIds.subjectKeyId(draft.ca().certificate().orElseThrow());
        BigInteger number = records.reserveCrlNumber(issuerKeyId);
        if (!number.equals(draft.number())) {
            throw new RecordsException("CRL number " + draft.number() + " was shown for " + draft.ca().name()
                    + ", and the records now give " + number + "; nothing was signed. Run the step again");
        }
        X509CRLHolder crl = crls.issue(draft.ca(), number, draft.revoked(), draft.window());
        try {
            records.storeCrl(issuerKeyId, number, crl.getEncoded());
        } catch (IOException e) {
            throw new RecordsException("cannot encode CRL " + number + ": " + e.getMessage(), e);
        }
        return crl;
    }

    /**
     * Until when the issuer must keep publishing CRLs: the last notAfter among the certificates it
     * issued. A retired intermediate keeps its CRL until then.
     */
    public Optional<Instant> crlNeededUntil(String issuerKeyId) {
        return IssuedEntries.lastExpiry(records, issuerKeyId);
    }
}
