package dev.ceremony.pki.lint;

import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.pki.KeyUsageBit;
import dev.ceremony.pki.ProfileKind;
import dev.ceremony.pki.SanSource;
import dev.ceremony.pki.TbsBuilder;
import dev.ceremony.token.KeyType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;

/** Extension rules: presence, criticality and content, measured against the profile. */
final class ExtensionRules {

    /** Extensions that are critical exactly when this map says (basicConstraints follows the profile). */
    private static final Map<ASN1ObjectIdentifier, Boolean> CRITICALITY = Map.of(
            Extension.keyUsage, true,
            Extension.nameConstraints, true,
            Extension.subjectKeyIdentifier, false,
            Extension.authorityKeyIdentifier, false,
            Extension.extendedKeyUsage, false,
            Extension.subjectAlternativeName, false,
            Extension.cRLDistributionPoints, false,
            Extension.authorityInfoAccess, false,
            Extension.certificatePolicies, false);

    private ExtensionRules() {
    }

    static List<LintRule> all() {
        return List.of(
                LintRule.of("extension-criticality", "keyUsage and nameConstraints are critical, basicConstraints "
                        + "as the profile says, and SKI, AKI, EKU, SAN, CDP, AIA and policies are not.",
                        ExtensionRules::criticality),
                LintRule.of("ski-present", "The subject key identifier is present and is the SHA-1 of the subject "
                        + "public key (RFC 5280 method 1).", ExtensionRules::subjectKeyIdentifier),
                LintRule.of("aki-matches-issuer", "Every certificate but the self-signed root carries an authority "
                        + "key identifier equal to the issuer's subject key identifier.",
                        ExtensionRules::authorityKeyIdentifier),
                LintRule.of("basic-constraints", "basicConstraints is present; CA and pathLen are as the profile "
                        + "says.", ExtensionRules::basicConstraints),
                LintRule.of("key-usage", "keyUsage is the profile's for the subject's key type, fits that key "
                        + "type, and only CAs sign certificates and CRLs.", ExtensionRules::keyUsage),
                LintRule.of("extended-key-usage", "Leaves carry exactly the profile's EKUs and never "
                        + "anyExtendedKeyUsage; CAs carry none.", ExtensionRules::extendedKeyUsage),
                LintRule.of("subject-alternative-names", "SANs are present where the profile needs them, of the "
                        + "kinds it allows, and absent where it has none.", ExtensionRules::alternativeNames));
    }

    private static List<String> criticality(LintContext c) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<ASN1ObjectIdentifier, Boolean> rule : CRITICALITY.entrySet()) {
            c.extension(rule.getKey()).ifPresent(extension -> {
                if (extension.isCritical() != rule.getValue()) {
                    problems.add(name(rule.getKey()) + " must " + (rule.getValue() ? "" : "not ") + "be critical");
                }
            });
        }
        c.extension(Extension.basicConstraints).ifPresent(extension -> {
            if (extension.isCritical() != c.profile().basicConstraintsCritical()) {
                problems.add("basicConstraints criticality is " + extension.isCritical() + "; the profile says "
                        + c.profile().basicConstraintsCritical());
            }
        });
        return problems;
    }

    private static List<String> subjectKeyIdentifier(LintContext c) {
        Optional<Extension> extension = c.extension(Extension.subjectKeyIdentifier);
        if (extension.isEmpty()) {
            return List.of("the subject key identifier is missing");
        }
        byte[] present = SubjectKeyIdentifier.getInstance(extension.get().getParsedValue()).getKeyIdentifier();
        byte[] expected = new BcX509ExtensionUtils().createSubjectKeyIdentifier(c.tbs().getSubjectPublicKeyInfo())
                .getKeyIdentifier();
        return Arrays.equals(present, expected) ? List.of()
                : List.of("the subject key identifier is not the SHA-1 of the subject public key");
    }

    private static List<String> authorityKeyIdentifier(LintContext c) {
        Optional<Extension> extension = c.extension(Extension.authorityKeyIdentifier);
        if (c.profile().kind() == ProfileKind.ROOT_CA) {
            return List.of();
        }
        if (extension.isEmpty()) {
            return List.of("the authority key identifier is missing (openssl verify -x509_strict rejects that)");
        }
        byte[] keyId = AuthorityKeyIdentifier.getInstance(extension.get().getParsedValue()).getKeyIdentifierOctets();
        if (keyId == null) {
            return List.of("the authority key identifier has no keyIdentifier");
        }
        byte[] expected = c.issuerExtension(Extension.subjectKeyIdentifier)
                .map(e -> SubjectKeyIdentifier.getInstance(e.getParsedValue()).getKeyIdentifier())
                .orElseGet(() -> new BcX509ExtensionUtils().createSubjectKeyIdentifier(c.issuerPublicKey())
                        .getKeyIdentifier());
        return Arrays.equals(keyId, expected) ? List.of()
                : List.of("the authority key identifier does not match the issuer's subject key identifier");
    }

    private static List<String> basicConstraints(LintContext c) {
        Optional<Extension> extension = c.extension(Extension.basicConstraints);
        if (extension.isEmpty()) {
            return List.of("basicConstraints is missing");
        }
        BasicConstraints constraints = BasicConstraints.getInstance(extension.get().getParsedValue());
        CertificateProfile profile = c.profile();
        List<String> problems = new ArrayList<>();
        if (constraints.isCA() != profile.kind().isCa()) {
            problems.add("basicConstraints says CA:" + constraints.isCA() + " but the profile is "
                    + profile.kind());
        }
        Optional<Integer> pathLength = Optional.ofNullable(constraints.getPathLenConstraint()).map(Number::intValue);
        if (!pathLength.equals(profile.pathLength())) {
            problems.add("pathLen is " + pathLength.map(String::valueOf).orElse("absent") + " but the profile says "
                    + profile.pathLength().map(String::valueOf).orElse("absent"));
        }
        return problems;
    }

    private static List<String> keyUsage(LintContext c) {
        Optional<Extension> extension = c.extension(Extension.keyUsage);
        if (extension.isEmpty()) {
            return List.of("keyUsage is missing");
        }
        KeyUsage usage = KeyUsage.getInstance(extension.get().getParsedValue());
        KeyType keyType = TbsBuilder.keyType(c.tbs().getSubjectPublicKeyInfo());
        Set<KeyUsageBit> expected = c.profile().keyUsageFor(keyType);
        List<String> problems = new ArrayList<>();
        for (KeyUsageBit bit : KeyUsageBit.values()) {
            if (usage.hasUsages(bit.mask()) != expected.contains(bit)) {
                problems.add("keyUsage " + (usage.hasUsages(bit.mask()) ? "has" : "lacks") + " " + bit
                        + ", unlike the profile");
            }
        }
        if (keyType == KeyType.EC && (usage.hasUsages(KeyUsage.keyEncipherment) || usage.hasUsages(KeyUsage.dataEncipherment))) {
            problems.add("an EC key cannot encipher: keyEncipherment and dataEncipherment do not fit it");
        }
        if (keyType == KeyType.RSA && usage.hasUsages(KeyUsage.keyAgreement)) {
            problems.add("an RSA key cannot do key agreement");
        }
        boolean signsCertificates = usage.hasUsages(KeyUsage.keyCertSign) || usage.hasUsages(KeyUsage.cRLSign);
        if (signsCertificates != c.profile().kind().isCa()) {
            problems.add(c.profile().kind().isCa() ? "a CA must have keyCertSign and cRLSign"
                    : "a leaf must not have keyCertSign or cRLSign");
        }
        return problems;
    }

    private static List<String> extendedKeyUsage(LintContext c) {
        Optional<Extension> extension = c.extension(Extension.extendedKeyUsage);
        if (c.profile().kind().isCa()) {
            return extension.isPresent() ? List.of("a CA certificate carries an extended key usage") : List.of();
        }
        if (extension.isEmpty()) {
            return List.of("a leaf certificate has no extended key usage");
        }
        org.bouncycastle.asn1.x509.ExtendedKeyUsage eku =
                org.bouncycastle.asn1.x509.ExtendedKeyUsage.getInstance(extension.get().getParsedValue());
        List<String> problems = new ArrayList<>();
        if (eku.hasKeyPurposeId(KeyPurposeId.anyExtendedKeyUsage)) {
            problems.add("anyExtendedKeyUsage is never issued");
        }
        List<KeyPurposeId> expected = c.profile().extendedKeyUsage().stream()
                .map(dev.ceremony.pki.ExtendedKeyUsage::purposeId).toList();
        if (!Arrays.asList(eku.getUsages()).equals(expected)) {
            problems.add("the extended key usages " + Arrays.toString(eku.getUsages()) + " are not the profile's "
                    + expected);
        }
        return problems;
    }

    private static List<String> alternativeNames(LintContext c) {
        Optional<Extension> extension = c.extension(Extension.subjectAlternativeName);
        SanSource source = c.profile().sans();
        if (source == SanSource.NONE) {
            return extension.isPresent() ? List.of("the profile issues no subject alternative names") : List.of();
        }
        if (extension.isEmpty()) {
            return List.of("the profile requires subject alternative names and there are none");
        }
        GeneralName[] names = GeneralNames.getInstance(extension.get().getParsedValue()).getNames();
        if (names.length == 0) {
            return List.of("the subjectAltName extension is empty");
        }
        if (source == SanSource.REQUEST_DNS_IP) {
            List<String> problems = new ArrayList<>();
            for (GeneralName name : names) {
                if (name.getTagNo() != GeneralName.dNSName && name.getTagNo() != GeneralName.iPAddress) {
                    problems.add("SAN " + name + " is neither a DNS name nor an IP address");
                }
            }
            return problems;
        }
        String deviceId = commonName(c).orElse("");
        if (names.length != 2 || names[0].getTagNo() != GeneralName.uniformResourceIdentifier
                || !ASN1String.class.cast(names[0].getName()).getString().endsWith("/device/" + deviceId)
                || !ASN1String.class.cast(names[0].getName()).getString().startsWith("spiffe://")
                || names[1].getTagNo() != GeneralName.dNSName
                || !ASN1String.class.cast(names[1].getName()).getString().equals(deviceId + ".local")) {
            return List.of("device SANs must be exactly URI:spiffe://<uri-domain>/device/" + deviceId + " then DNS:"
                    + deviceId + ".local");
        }
        return List.of();
    }

    private static Optional<String> commonName(LintContext c) {
        var rdns = c.tbs().getSubject().getRDNs(BCStyle.CN);
        return rdns.length == 1 ? Optional.of(rdns[0].getFirst().getValue().toString()) : Optional.empty();
    }

    private static String name(ASN1ObjectIdentifier oid) {
        String name = oid.equals(Extension.keyUsage) ? "keyUsage"
                : oid.equals(Extension.nameConstraints) ? "nameConstraints"
                : oid.equals(Extension.subjectKeyIdentifier) ? "subjectKeyIdentifier"
                : oid.equals(Extension.authorityKeyIdentifier) ? "authorityKeyIdentifier"
                : oid.equals(Extension.extendedKeyUsage) ? "extendedKeyUsage"
                : oid.equals(Extension.subjectAlternativeName) ? "subjectAltName"
                : oid.equals(Extension.cRLDistributionPoints) ? "cRLDistributionPoints"
                : oid.equals(Extension.authorityInfoAccess) ? "authorityInfoAccess"
                : oid.equals(Extension.certificatePolicies) ? "certificatePolicies" : oid.getId();
        return name;
    }
}
