package dev.ceremony.records;

import dev.ceremony.pki.KeyIds;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;

/** Index entries made from issued certificates. */
public final class IssuedEntries {

    private IssuedEntries() {
    }

    public static IssuedEntry of(X509CertificateHolder certificate, String profile, boolean renewal) {
        RDN[] cn = certificate.getSubject().getRDNs(BCStyle.CN);
        String name = cn.length == 1 ? cn[0].getFirst().getValue().toString() : "";
        List<String> sans = new ArrayList<>();
        GeneralNames names = GeneralNames.fromExtensions(certificate.getExtensions(), Extension.subjectAlternativeName);
        if (names != null) {
            for (GeneralName san : names.getNames()) {
                sans.add(san.getTagNo() == GeneralName.iPAddress
                        ? "IP:" + HexFormat.of().formatHex(ASN1OctetString.getInstance(san.getName()).getOctets())
                        : (san.getTagNo() == GeneralName.dNSName ? "DNS:" : "URI:") + ((ASN1String) san.getName()).getString());
            }
        }
        return new IssuedEntry(certificate.getSerialNumber(), KeyIds.issuerKeyId(certificate), profile,
                certificate.getSubject().toString(), name, sans, publicKeySha256(certificate),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), renewal, Optional.empty());
    }

    /** SHA-256 of the certificate's SubjectPublicKeyInfo, in hex: how the index finds a key again. */
    public static String publicKeySha256(X509CertificateHolder certificate) {
        return RecordsHistory.sha256(certificate.getSubjectPublicKeyInfo());
    }

    /** The last notAfter among the certificates an issuer issued, read as a stream of the index. */
    public static java.util.Optional<java.time.Instant> lastExpiry(CaRecords records, String issuerKeyId) {
        java.time.Instant[] last = {null};
        records.forEachIssued(entry -> {
            if (entry.issuerKeyId().equals(issuerKeyId) && (last[0] == null || entry.notAfter().isAfter(last[0]))) {
                last[0] = entry.notAfter();
            }
        });
        return java.util.Optional.ofNullable(last[0]);
    }
}
