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

    public IssuedCertificate issue(CertificateIssuer.Request request, boolean renewal) {
        String issuerKeyId = request.issuer().certificate().map(KeyIds::subjectKeyId)
                .orElseGet(() -> HexFormat.of().formatHex(new BcX509ExtensionUtils().createSubjectKeyIdentifier(
                        SubjectPublicKeyInfo.getInstance(request.issuer().key().requirePublicKey().getEncoded()))
                        .getKeyIdentifier()));
        IssuedCertificate issued = issuer.issue(request, (serial, tbsSha256) -> records.reserve(List.of(
                new Reservation(serial, issuerKeyId, request.profile().name(), HexFormat.of().formatHex(tbsSha256)))));
        records.recordIssued(List.of(IssuedEntries.of(issued.certificate(), request.profile().name(), renewal)));
        return issued;
    }
}
