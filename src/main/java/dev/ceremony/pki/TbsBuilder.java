package dev.ceremony.pki;

import dev.ceremony.token.KeyType;
import dev.ceremony.token.SignatureScheme;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;

/**
 * Builds the to-be-signed certificate from a profile. The profile alone decides the extensions:
 * nothing a request asks for is copied except the names the policy has already validated.
 */
public final class TbsBuilder {


    /** Everything one TBS certificate is made of. */
    public record Order(
            CertificateProfile profile,
            SubjectData subject,
            CaSigner issuer,
            SubjectPublicKeyInfo issuerPublicKey,
            BigInteger serial,
            ValidityPeriod validity,
            Optional<NameConstraintsSpec> nameConstraints,
            SignatureScheme scheme) {
    }

    public TBSCertificate build(Order order) {
        CertificateProfile profile = order.profile();
        if (order.nameConstraints().isPresent() && !profile.nameConstraintsAllowed()) {
            throw new IllegalArgumentException("profile " + profile.name() + " does not allow name constraints");
        }
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(order.serial()));
        tbs.setSignature(order.scheme().algorithmIdentifier());
        tbs.setIssuer(order.issuer().name());
        tbs.setStartDate(new Time(Date.from(order.validity().notBefore())));
        tbs.setEndDate(new Time(Date.from(order.validity().notAfter())));
        tbs.setSubject(order.subject().subject());
        tbs.setSubjectPublicKeyInfo(order.subject().publicKey());
        try {
            tbs.setExtensions(extensions(order).generate());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the extensions", e);
        }
        return tbs.generateTBSCertificate();
    }

    private ExtensionsGenerator extensions(Order order) throws IOException {
        CertificateProfile profile = order.profile();
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        BasicConstraints basic = !profile.kind().isCa() ? new BasicConstraints(false)
                : profile.pathLength().map(BasicConstraints::new).orElseGet(() -> new BasicConstraints(true));
        extensions.addExtension(Extension.basicConstraints, profile.basicConstraintsCritical(), basic);
        int usage = 0;
        for (KeyUsageBit bit : profile.keyUsageFor(keyType(order.subject().publicKey()))) {
            usage |= bit.mask();
        }
        extensions.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
        if (!profile.extendedKeyUsage().isEmpty()) {
            extensions.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    profile.extendedKeyUsage().stream().map(dev.ceremony.pki.ExtendedKeyUsage::purposeId)
                            .toArray(KeyPurposeId[]::new)));
        }
        // A fresh helper each time: its SHA-1 calculator keeps state, and batches build on every core.
        BcX509ExtensionUtils extensionUtils = new BcX509ExtensionUtils();
        SubjectKeyIdentifier ski = extensionUtils.createSubjectKeyIdentifier(order.subject().publicKey());
        extensions.addExtension(Extension.subjectKeyIdentifier, false, ski);
        if (profile.kind() != ProfileKind.ROOT_CA) {
            extensions.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(order));
        }
        if (!order.subject().alternativeNames().isEmpty()) {
            extensions.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(order.subject().alternativeNames().toArray(new GeneralName[0])));
        }
        if (order.nameConstraints().isPresent()) {
            extensions.addExtension(Extension.nameConstraints, true, order.nameConstraints().get().toExtension());
        }
        if (!profile.crlDistributionPoints().isEmpty()) {
            List<DistributionPoint> points = new ArrayList<>();
            for (URI uri : profile.crlDistributionPoints()) {
                points.add(new DistributionPoint(new DistributionPointName(new GeneralNames(
                        new GeneralName(GeneralName.uniformResourceIdentifier, uri.toString()))), null, null));
            }
            extensions.addExtension(Extension.cRLDistributionPoints, false,
                    new CRLDistPoint(points.toArray(new DistributionPoint[0])));
        }
        List<AccessDescription> access = new ArrayList<>();
        for (URI uri : profile.ocsp()) {
            access.add(new AccessDescription(AccessDescription.id_ad_ocsp,
                    new GeneralName(GeneralName.uniformResourceIdentifier, uri.toString())));
        }
        for (URI uri : profile.caIssuers()) {
            access.add(new AccessDescription(AccessDescription.id_ad_caIssuers,
                    new GeneralName(GeneralName.uniformResourceIdentifier, uri.toString())));
        }
        if (!access.isEmpty()) {
            extensions.addExtension(Extension.authorityInfoAccess, false,
                    AuthorityInformationAccess.getInstance(new DERSequence(access.toArray(new ASN1Encodable[0]))));
        }
        if (!profile.certificatePolicies().isEmpty()) {
            extensions.addExtension(Extension.certificatePolicies, false, new CertificatePolicies(
                    profile.certificatePolicies().stream().map(oid -> new PolicyInformation(new ASN1ObjectIdentifier(oid)))
                            .toArray(PolicyInformation[]::new)));
        }
        return extensions;
    }

    /** keyid only: the issuer certificate's own SKI when it has one, else the hash of its key. */
    private AuthorityKeyIdentifier authorityKeyIdentifier(Order order) {
        Optional<X509CertificateHolder> issuerCertificate = order.issuer().certificate();
        if (issuerCertificate.isPresent()) {
            SubjectKeyIdentifier issuerSki = SubjectKeyIdentifier.fromExtensions(issuerCertificate.get().getExtensions());
            if (issuerSki != null) {
                return new AuthorityKeyIdentifier(issuerSki.getKeyIdentifier());
            }
        }
        return new AuthorityKeyIdentifier(
                new BcX509ExtensionUtils().createSubjectKeyIdentifier(order.issuerPublicKey()).getKeyIdentifier());
    }

    /** RSA or EC, from the SubjectPublicKeyInfo's algorithm. */
    public static KeyType keyType(SubjectPublicKeyInfo key) {
        ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
        if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return KeyType.RSA;
        }
        if (algorithm.equals(org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_ecPublicKey)) {
            return KeyType.EC;
        }
        return KeyType.OTHER;
    }
}
