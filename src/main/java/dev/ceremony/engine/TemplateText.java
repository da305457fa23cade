package dev.ceremony.engine;

import dev.ceremony.pki.ExtendedKeyUsage;
import dev.ceremony.pki.KeyUsageBit;
import dev.ceremony.text.KebabCase;
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
            NameConstraints constraints = NameConstraints.getInstance(extension.getParsedValue());
            List<String> permitted = new ArrayList<>();
            if (constraints.getPermittedSubtrees() != null) {
                for (GeneralSubtree subtree : constraints.getPermittedSubtrees()) {
                    permitted.add(general(subtree.getBase()));
                }
            }
            return "permitted " + String.join(", ", permitted);
        }
        return "present";
    }

    private static String general(GeneralName name) {
        String kind = switch (name.getTagNo()) {
            case GeneralName.dNSName -> "DNS:";
            case GeneralName.iPAddress -> "IP:";
            case GeneralName.uniformResourceIdentifier -> "URI:";
            default -> "";
        };
        return kind + (name.getTagNo() == GeneralName.iPAddress ? "(range)" : name.getName().toString());
    }
}
