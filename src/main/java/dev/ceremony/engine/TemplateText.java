package dev.ceremony.engine;

import dev.ceremony.pki.SerialText;
import dev.ceremony.pki.ExtendedKeyUsage;
import dev.ceremony.pki.KeyUsageBit;
import dev.ceremony.pki.IpAddresses;
import dev.ceremony.pki.csr.RequestSummaries;
import dev.ceremony.text.Facts;
import dev.ceremony.text.KebabCase;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.TBSCertificate;

/** A drafted certificate as officers read it in a plan: names, validity and every extension. */
final class TemplateText {

    private TemplateText() {
    }

    /** Lines (without indentation) describing {@code tbs}; dates are left out, so plans are stable. */
    static List<String> describe(TBSCertificate tbs) {
        List<String> lines = new ArrayList<>();
        lines.add("subject        " + tbs.getSubject());
        lines.add("issuer         " + tbs.getIssuer());
        // Rounded to whole days: a validity cut to end with its issuer's is a few milliseconds
        // short, and the plan must read the same however long drafting took.
        long days = Math.round(Duration.between(tbs.getStartDate().getDate().toInstant(),
                tbs.getEndDate().getDate().toInstant()).toSeconds() / 86_400.0);
        lines.add("validity       " + days + " days from the moment of signing");
        lines.add("signature      " + tbs.getSignature().getAlgorithm().getId() + " (" + algorithm(tbs) + ")");
        Extensions extensions = tbs.getExtensions();
        if (extensions == null) {
            return lines;
        }
        for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
            Extension extension = extensions.getExtension(oid);
            lines.add(String.format("%-14s %s%s", name(oid), value(extension),
                    extension.isCritical() ? " (critical)" : ""));
        }
        return lines;
    }

    /**
     * Everything a witness compares before a certificate is signed: names, serial, validity to the
     * second, key, signature, and every extension with its whole value.
     */
    static Facts facts(String heading, TBSCertificate tbs) {
        Facts facts = Facts.of(heading)
                .with("subject", tbs.getSubject().toString())
                .with("issuer", tbs.getIssuer().toString())
                .with("serial", SerialText.of(tbs.getSerialNumber().getValue()))
                .with("not before", tbs.getStartDate().getDate().toInstant().toString())
                .with("not after", tbs.getEndDate().getDate().toInstant().toString())
                .with("key", RequestSummaries.describeKey(tbs.getSubjectPublicKeyInfo()))
                .with("signature", algorithm(tbs));
        Extensions extensions = tbs.getExtensions();
        if (extensions == null) {
            return facts.with("extensions", "none");
        }
        for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
            Extension extension = extensions.getExtension(oid);
            List<String> values = fullValue(extension);
            if (extension.isCritical()) {
                values = new ArrayList<>(values);
                values.set(0, values.get(0) + " (critical)");
            }
            facts = facts.withEach(name(oid), values);
        }
        return facts;
    }

    /** An extension's whole value, one line per name or subtree where it has several. */
    private static List<String> fullValue(Extension extension) {
        ASN1ObjectIdentifier oid = extension.getExtnId();
        if (oid.equals(Extension.subjectAlternativeName)) {
            List<String> names = alternativeNames(extensions(extension));
            return names.isEmpty() ? List.of("none") : names;
        } else if (oid.equals(Extension.nameConstraints)) {
            NameConstraints constraints = NameConstraints.getInstance(extension.getParsedValue());
            List<String> subtrees = new ArrayList<>();
            subtrees(subtrees, "permitted ", constraints.getPermittedSubtrees());
            subtrees(subtrees, "excluded ", constraints.getExcludedSubtrees());
            return subtrees.isEmpty() ? List.of("empty") : subtrees;
        } else if (oid.equals(Extension.subjectKeyIdentifier)) {
            return List.of(HexFormat.of().formatHex(SubjectKeyIdentifier.getInstance(extension.getParsedValue())
                    .getKeyIdentifier()));
        } else if (oid.equals(Extension.authorityKeyIdentifier)) {
            byte[] id = AuthorityKeyIdentifier.getInstance(extension.getParsedValue()).getKeyIdentifierOctets();
            return List.of(id == null ? "no key identifier" : HexFormat.of().formatHex(id));
        } else if (oid.equals(Extension.cRLDistributionPoints)) {
            List<String> points = new ArrayList<>();
            for (DistributionPoint point : CRLDistPoint.getInstance(extension.getParsedValue()).getDistributionPoints()) {
                if (point.getDistributionPoint() != null
                        && point.getDistributionPoint().getName() instanceof GeneralNames names) {
                    for (GeneralName name : names.getNames()) {
                        points.add(RequestSummaries.display(name));
                    }
                }
            }
            return points.isEmpty() ? List.of("present") : points;
        } else if (oid.equals(Extension.authorityInfoAccess)) {
            List<String> access = new ArrayList<>();
            for (AccessDescription description : AuthorityInformationAccess.getInstance(extension.getParsedValue())
                    .getAccessDescriptions()) {
                access.add((description.getAccessMethod().equals(AccessDescription.id_ad_caIssuers) ? "CA issuers "
                        : description.getAccessMethod().equals(AccessDescription.id_ad_ocsp) ? "OCSP " : "")
                        + RequestSummaries.display(description.getAccessLocation()));
            }
            return access;
        }
        return List.of(value(extension));
    }

    /** The alternative names among {@code extensions}, as the review shows them; none when there are none. */
    static List<String> alternativeNames(Extensions extensions) {
        GeneralNames names = extensions == null ? null : GeneralNames.fromExtensions(extensions,
                Extension.subjectAlternativeName);
        return names == null ? List.of() : Arrays.stream(names.getNames()).map(RequestSummaries::display).toList();
    }

    private static Extensions extensions(Extension extension) {
        return new Extensions(extension);
    }

    private static void subtrees(List<String> out, String kind, GeneralSubtree[] trees) {
        if (trees == null) {
            return;
        }
        for (GeneralSubtree subtree : trees) {
            GeneralName base = subtree.getBase();
            out.add(kind + (base.getTagNo() == GeneralName.iPAddress
                    ? "IP:" + IpAddresses.range(ASN1OctetString.getInstance(base.getName()).getOctets())
                    : RequestSummaries.display(base)));
        }
    }

    private static String algorithm(TBSCertificate tbs) {
        return switch (tbs.getSignature().getAlgorithm().getId()) {
            case "1.2.840.10045.4.3.2" -> "ECDSA with SHA-256";
            case "1.2.840.10045.4.3.3" -> "ECDSA with SHA-384";
            case "1.2.840.113549.1.1.11" -> "RSA PKCS#1 v1.5 with SHA-256";
            case "1.2.840.113549.1.1.10" -> "RSASSA-PSS";
            default -> "other";
        };
    }

    private static String name(ASN1ObjectIdentifier oid) {
        if (oid.equals(Extension.basicConstraints)) {
            return "basic constr.";
        } else if (oid.equals(Extension.keyUsage)) {
            return "key usage";
        } else if (oid.equals(Extension.extendedKeyUsage)) {
            return "ext. key usage";
        } else if (oid.equals(Extension.nameConstraints)) {
            return "name constr.";
        } else if (oid.equals(Extension.subjectAlternativeName)) {
            return "alt. names";
        } else if (oid.equals(Extension.subjectKeyIdentifier)) {
            return "subject key id";
        } else if (oid.equals(Extension.authorityKeyIdentifier)) {
            return "auth. key id";
        } else if (oid.equals(Extension.cRLDistributionPoints)) {
            return "CRL points";
        } else if (oid.equals(Extension.authorityInfoAccess)) {
            return "auth. info";
        } else if (oid.equals(Extension.certificatePolicies)) {
            return "policies";
        }
        return oid.getId();
    }

    private static String value(Extension extension) {
        ASN1ObjectIdentifier oid = extension.getExtnId();
        if (oid.equals(Extension.basicConstraints)) {
            BasicConstraints constraints = BasicConstraints.getInstance(extension.getParsedValue());
            if (!constraints.isCA()) {
                return "not a CA";
            }
            return constraints.getPathLenConstraint() == null ? "CA, no path length limit"
                    : "CA, path length " + constraints.getPathLenConstraint();
        } else if (oid.equals(Extension.keyUsage)) {
            KeyUsage usage = KeyUsage.getInstance(extension.getParsedValue());
            List<String> bits = new ArrayList<>();
            for (KeyUsageBit bit : KeyUsageBit.values()) {
                if (usage.hasUsages(bit.mask())) {
                    bits.add(KebabCase.of(bit));
                }
            }
            return String.join(", ", bits);
        } else if (oid.equals(Extension.extendedKeyUsage)) {
            org.bouncycastle.asn1.x509.ExtendedKeyUsage usage =
                    org.bouncycastle.asn1.x509.ExtendedKeyUsage.getInstance(extension.getParsedValue());
            List<String> purposes = new ArrayList<>();
            for (KeyPurposeId purpose : usage.getUsages()) {
                String named = purpose.toOID().getId();
                for (ExtendedKeyUsage known : ExtendedKeyUsage.values()) {
                    if (known.oid().equals(purpose.toOID())) {
                        named = KebabCase.of(known);
                    }
                }
                purposes.add(named);
            }
            return String.join(", ", purposes);
        } else if (oid.equals(Extension.nameConstraints)) {
            List<String> subtrees = fullValue(extension);
            return String.join(", ", subtrees);
        }
        return "present";
    }
}
