package dev.ceremony.pki.lint;

import java.io.IOException;
import java.math.BigInteger;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;

/** RFC 5280 encoding rules: version, serial, times, name string types, signature algorithm, key. */
final class EncodingRules {

    /** Smallest RSA modulus a certificate may carry. */
    static final int MIN_RSA_BITS = 2048;

    private EncodingRules() {
    }

    static List<LintRule> all() {
        return List.of(
                LintRule.of("version-3", "Certificates are X.509 version 3.", c ->
                        c.tbs().getVersionNumber() == 3 ? List.of() : List.of("the version is "
                                + c.tbs().getVersionNumber() + ", not 3")),
                LintRule.of("serial-number", "The serial is positive, at most 20 octets, with at least 64 bits.",
                        EncodingRules::serial),
                LintRule.of("time-encoding", "Times before 2050 are UTCTime, later ones GeneralizedTime, in whole "
                        + "seconds with Z (RFC 5280 4.1.2.5).", c -> {
                            List<String> problems = new ArrayList<>();
                            time("notBefore", c.tbs().getStartDate(), problems);
                            time("notAfter", c.tbs().getEndDate(), problems);
                            return problems;
                        }),
                LintRule.of("name-string-types", "Name attributes are single-valued and non-empty; C is a "
                        + "two-letter PrintableString, others UTF8String or PrintableString.", c -> {
                            List<String> problems = new ArrayList<>();
                            names("subject", c.tbs().getSubject(), problems);
                            names("issuer", c.tbs().getIssuer(), problems);
                            return problems;
                        }),
                LintRule.of("extensions-unique", "No extension appears twice.", EncodingRules::uniqueExtensions),
                LintRule.of("signature-algorithm", "The signature algorithm follows the issuer's key: SHA-256 with "
                        + "P-256, SHA-384 with P-384, SHA-256 with RSA (PKCS#1 v1.5, or RSASSA-PSS when chosen).", c ->
                        c.tbs().getSignature().equals(c.scheme().algorithmIdentifier()) ? List.of()
                                : List.of("the TBS names " + c.tbs().getSignature().getAlgorithm() + " but the issuer "
                                        + "key signs with " + c.scheme())),
                LintRule.of("subject-public-key", "The subject key is EC P-256 or P-384, or RSA of at least 2048 "
                        + "bits with exponent 65537.", c -> publicKey(c)));
    }

    private static List<String> serial(LintContext c) {
        BigInteger serial = c.tbs().getSerialNumber().getValue();
        List<String> problems = new ArrayList<>();
        if (serial.signum() <= 0) {
            problems.add("the serial number is not positive");
        }
        if (serial.toByteArray().length > 20) {
            problems.add("the serial number is " + serial.toByteArray().length + " octets; at most 20 are allowed");
        }
        if (serial.bitLength() < 64) {
            problems.add("the serial number has " + serial.bitLength() + " bits; at least 64 random bits are required");
        }
        return problems;
    }

    private static void time(String which, Time time, List<String> problems) {
        ASN1Primitive primitive = time.toASN1Primitive();
        int year = time.getDate().toInstant().atZone(ZoneOffset.UTC).getYear();
        String raw = rawText(primitive);
        if (primitive instanceof ASN1UTCTime) {
            if (year >= 2050) {
                problems.add(which + " " + year + " is encoded as UTCTime; from 2050 on it must be GeneralizedTime");
            }
            if (!raw.matches("\\d{12}Z")) {
                problems.add(which + " is '" + raw + "', not YYMMDDHHMMSSZ");
            }
        } else if (primitive instanceof ASN1GeneralizedTime) {
            if (year < 2050) {
                problems.add(which + " " + year + " is encoded as GeneralizedTime; before 2050 it must be UTCTime");
            }
            if (!raw.matches("\\d{14}Z")) {
                problems.add(which + " is not YYYYMMDDHHMMSSZ (no fractional seconds)");
            }
        } else {
            problems.add(which + " is neither UTCTime nor GeneralizedTime");
        }
    }

    /** The characters of a time value exactly as encoded (content octets after tag and length). */
    private static String rawText(ASN1Primitive time) {
        try {
            byte[] der = time.getEncoded(ASN1Encoding.DER);
            return new String(der, 2, der.length - 2, java.nio.charset.StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return "";
        }
    }

    private static void names(String which, X500Name name, List<String> problems) {
        if (name == null || name.getRDNs().length == 0) {
            problems.add("the " + which + " name is empty");
            return;
        }
        for (RDN rdn : name.getRDNs()) {
            if (rdn.isMultiValued()) {
                problems.add("the " + which + " name has a multi-valued RDN");
                continue;
            }
            AttributeTypeAndValue value = rdn.getFirst();
            ASN1Encodable text = value.getValue();
            String label = BCStyle.INSTANCE.oidToDisplayName(value.getType());
            if (value.getType().equals(BCStyle.C)) {
                if (!(text instanceof DERPrintableString printable) || printable.getString().length() != 2) {
                    problems.add("the " + which + " country must be a two-letter PrintableString");
                }
            } else if (!(text instanceof DERUTF8String) && !(text instanceof DERPrintableString)) {
                problems.add("the " + which + " attribute " + label + " is not a UTF8String or PrintableString");
            } else if (text.toString().isEmpty()) {
                problems.add("the " + which + " attribute " + label + " is empty");
            }
        }
    }

    /** Reads the raw extension list: a parsed Extensions object would already have merged duplicates. */
    private static List<String> uniqueExtensions(LintContext c) {
        try {
            ASN1Sequence tbs = ASN1Sequence.getInstance(c.tbs().getEncoded(ASN1Encoding.DER));
            Set<ASN1ObjectIdentifier> seen = new HashSet<>();
            List<String> problems = new ArrayList<>();
            for (ASN1Encodable element : tbs) {
                if (element instanceof ASN1TaggedObject tagged && tagged.getTagNo() == 3) {
                    for (ASN1Encodable extension : ASN1Sequence.getInstance(tagged.getExplicitBaseObject())) {
                        ASN1ObjectIdentifier oid = ASN1ObjectIdentifier.getInstance(
                                ASN1Sequence.getInstance(extension).getObjectAt(0));
                        if (!seen.add(oid)) {
                            problems.add("extension " + oid + " appears more than once");
                        }
                    }
                }
            }
            return problems;
        } catch (IOException | IllegalArgumentException e) {
            return List.of("the extensions cannot be read: " + e.getMessage());
        }
    }

    private static List<String> publicKey(LintContext c) {
        var info = c.tbs().getSubjectPublicKeyInfo();
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        try {
            if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                ASN1Encodable parameters = info.getAlgorithm().getParameters();
                if (!(parameters instanceof ASN1ObjectIdentifier curve)) {
                    return List.of("the EC key does not name its curve");
                }
                if (!curve.equals(SECObjectIdentifiers.secp256r1) && !curve.equals(SECObjectIdentifiers.secp384r1)) {
                    String name = ECNamedCurveTable.getName(curve);
                    return List.of("the EC key is on curve " + (name == null ? curve : name) + "; only P-256 and P-384 "
                            + "are allowed");
                }
                return List.of();
            }
            if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
                RSAPublicKey rsa = RSAPublicKey.getInstance(info.parsePublicKey());
                List<String> problems = new ArrayList<>();
                if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                    problems.add("the RSA key has " + rsa.getModulus().bitLength() + " bits; at least " + MIN_RSA_BITS
                            + " are required");
                }
                if (!rsa.getPublicExponent().equals(BigInteger.valueOf(65_537))) {
                    problems.add("the RSA exponent is " + rsa.getPublicExponent() + "; it must be 65537");
                }
                return problems;
            }
            return List.of("the key algorithm " + algorithm + " is not EC or RSA");
        } catch (IOException | IllegalArgumentException e) {
            return List.of("the subject public key cannot be parsed: " + e.getMessage());
        }
    }
}
