package dev.ceremony.records;

import dev.ceremony.pki.CertificateIssuer;
import dev.ceremony.pki.IssuedCertificate;
import dev.ceremony.pki.KeyIds;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;

/**
 * Issues through the records: the serial and TBS hash are reserved durably before the token
 * signs, and the certificate enters the index after. A crash in between leaves a reserved serial
 * that is never reused, and no certificate anywhere.
 */
public final class RecordingIssuer {

    private final CertificateIssuer issuer;
    private final CaRecords records;

    public RecordingIssuer(CertificateIssuer issuer, CaRecords records) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.records = Objects.requireNonNull(records, "records");
    }

    /**
     * @param renewal the policy accepted the request as a renewal; the index records it as such
     * @throws RecordsException when a CA certificate would give a second key a name already used
     */
    public IssuedCertificate issue(CertificateIssuer.Request request, boolean renewal) {
        return issue(prepare(request), renewal);
    }

    /**
     * Drafts and lints the certificate under a fresh serial, writing nothing: what the people
     * confirming the step are shown, and then {@link #issue(CertificateIssuer.Prepared, boolean)}.
     *
     * @throws RecordsException when a CA certificate would give a second key a name already used
     */
    public CertificateIssuer.Prepared prepare(CertificateIssuer.Request request) {
        if (request.profile().kind().isCa()) {
            requireFreshCaName(request);
        }
        return issuer.prepare(request);
    }

    /** Reserves the prepared certificate's serial and TBS hash, signs it on the token, and records it. */
    public IssuedCertificate issue(CertificateIssuer.Prepared prepared, boolean renewal) {
        CertificateIssuer.Request request = prepared.request();
        String issuerKeyId = request.issuer().certificate().map(KeyIds::subjectKeyId)
                .orElseGet(() -> HexFormat.of().formatHex(new BcX509ExtensionUtils().createSubjectKeyIdentifier(
                        SubjectPublicKeyInfo.getInstance(request.issuer().key().requirePublicKey().getEncoded()))
                        .getKeyIdentifier()));
        records.reserve(List.of(new Reservation(prepared.serial(), issuerKeyId, request.profile().name(),
                HexFormat.of().formatHex(prepared.tbsSha256()))));
        IssuedCertificate issued = issuer.sign(prepared);
        records.storeCertificates(issuerKeyId, List.of(issued.certificate()));
        records.recordIssued(List.of(IssuedEntries.of(issued.certificate(), request.profile().name(), renewal)));
        return issued;
    }

    /** Each generation of a CA gets its own name, so that a rotation never gives two keys one name. */
    private void requireFreshCaName(CertificateIssuer.Request request) {
        String subject = request.subject().subject().toString();
        String key = RecordsHistory.sha256(request.subject().publicKey());
        records.forEachIssued(entry -> {
            if (entry.subject().equals(subject) && !entry.publicKeySha256().equals(key)) {
                throw new RecordsException("the CA name '" + subject + "' already belongs to another key (certificate "
                        + entry.serial().toString(16) + "); give this generation its own name, for example with the "
                        + "year");
            }
        });
    }
}
