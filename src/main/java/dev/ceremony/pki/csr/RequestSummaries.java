package dev.ceremony.pki.csr;

import dev.ceremony.pki.DnsNames;
import dev.ceremony.pki.IpAddresses;
import dev.ceremony.text.Printable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** Turns a parsed request into what officers see at review: escaped, with Unicode forms of IDNs. */
public final class RequestSummaries {

    private RequestSummaries() {
    }

    static RequestSummary of(ParsedCsr csr) {
        List<String> names = new ArrayList<>();
        for (GeneralName name : csr.requestedNames()) {
            names.add(display(name));
        }
        List<String> extensions = new ArrayList<>();
        if (csr.requestedExtensions() != null) {
            for (ASN1ObjectIdentifier oid : csr.requestedExtensions().getExtensionOIDs()) {
                extensions.add(extensionName(oid));
            }
        }
        return new RequestSummary(Printable.escape(csr.subject().toString()), names, describeKey(csr.publicKey()), extensions);
    }

    /** A SAN as people read it: {@code DNS:…} (with its Unicode form), {@code IP:…}, {@code URI:…}. */
    public static String display(GeneralName name) {
        return switch (name.getTagNo()) {
            case GeneralName.dNSName -> {
                String text = Printable.escape(((ASN1String) name.getName()).getString());
                String unicode = DnsNames.unicode(text);
                yield "DNS:" + text + (unicode.equals(text) ? "" : " (" + unicode + ")");
            }
            case GeneralName.iPAddress -> "IP:" + IpAddresses.text(ASN1OctetString.getInstance(name.getName()).getOctets());
            default -> kind(name) + ":" + Printable.escape(String.valueOf(name.getName()));
        };
    }

    static String kind(GeneralName name) {
        return switch (name.getTagNo()) {
            case GeneralName.otherName -> "otherName";
            case GeneralName.rfc822Name -> "email";
            case GeneralName.dNSName -> "DNS";
            case GeneralName.x400Address -> "x400Address";
            case GeneralName.directoryName -> "directoryName";
            case GeneralName.ediPartyName -> "ediPartyName";
            case GeneralName.uniformResourceIdentifier -> "URI";
            case GeneralName.iPAddress -> "IP";
            default -> "registeredID";
        };
    }

    /** A public key as people read it: EC P-256, EC P-384, RSA 3072. */
    public static String describeKey(SubjectPublicKeyInfo key) {
        ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
        if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            Object curve = key.getAlgorithm().getParameters();
            if (SECObjectIdentifiers.secp256r1.equals(curve)) {
                return "EC P-256";
            }
            if (SECObjectIdentifiers.secp384r1.equals(curve)) {
                return "EC P-384";
            }
            return "EC (" + RequestPolicy.describeCurve(curve) + ")";
        }
        if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            try {
                return "RSA " + RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength();
            } catch (IOException | IllegalArgumentException e) {
                return "RSA (unreadable)";
            }
        }
        return algorithm.getId();
    }

    private static String extensionName(ASN1ObjectIdentifier oid) {
        if (oid.equals(Extension.subjectAlternativeName)) {
            return "subjectAltName";
        }
        if (oid.equals(Extension.basicConstraints)) {
            return "basicConstraints";
        }
        if (oid.equals(Extension.keyUsage)) {
            return "keyUsage";
        }
        if (oid.equals(Extension.extendedKeyUsage)) {
            return "extendedKeyUsage";
        }
        return oid.getId();
    }
}
