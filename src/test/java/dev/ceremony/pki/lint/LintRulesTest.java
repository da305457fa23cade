package dev.ceremony.pki.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.pki.CaSigner;
import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.testing.TestToken;
import dev.ceremony.token.KeyAttributes;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyId;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.KeyType;
import dev.ceremony.token.SignatureScheme;
import dev.ceremony.yaml.ProfileReader;
import dev.ceremony.yaml.StrictYaml;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each lint rule, made to fire by one flaw in an otherwise valid TBS. The TBS are built by hand
 * (software keys, no token): lint looks only at structure.
 */
class LintRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final BcX509ExtensionUtils UTILS = new BcX509ExtensionUtils();
    private static KeyPair issuerKeys;
    private static KeyPair subjectKeys;
    private static X509CertificateHolder issuerCertificate;
    private static CaSigner issuer;

    static CertificateProfile profile(String name) {
        return new ProfileReader(new StrictYaml()).read(
                TestToken.projectDir().resolve("ceremony-scripts/profiles/" + name + ".yaml"));
    }

    static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    static SubjectPublicKeyInfo spki(KeyPair keys) {
        return SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
    }

    static X500Name name(String cn) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "DE").addRDN(BCStyle.O, "Lint Org")
                .addRDN(BCStyle.CN, cn).build();
    }

    @BeforeAll
    static void issuer() throws Exception {
        issuerKeys = ec("secp256r1");
        subjectKeys = ec("secp256r1");
        issuerCertificate = intermediate(issuerKeys, 0, Optional.empty());
        issuer = CaSigner.of(new KeyHandle("server-ca", KeyId.of(new byte[] {1}), KeyType.EC,
                Optional.of(KeySpec.EC_P256), Optional.of(issuerKeys.getPublic()),
                new KeyAttributes(true, true, false, true, true, true, false, false, false)), issuerCertificate);
    }

    /** A software-signed intermediate (the thing under test is the leaf, not this). */
    static X509CertificateHolder intermediate(KeyPair keys, int pathLen, Optional<Extension> extra) throws Exception {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name("Lint Root"), BigInteger.TEN.pow(30),
                Date.from(NOW.minus(Duration.ofDays(10))), Date.from(NOW.plus(Duration.ofDays(1000))),
                name("Lint Server CA"), keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLen));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false, UTILS.createSubjectKeyIdentifier(spki(keys)));
        if (extra.isPresent()) {
            builder.addExtension(extra.get());
        }
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
    }

    /** A valid mqtt-server TBS, changeable through its public fields before {@link #build()}. */
    static final class Tbs {
        BigInteger serial = new BigInteger("8f3a9c1d2e4b5a6978695a4b3c2d1e0f", 16);
        SignatureScheme scheme = SignatureScheme.ECDSA_SHA256;
        X500Name issuerName = issuerCertificate.getSubject();
        Time notBefore = new Time(Date.from(NOW));
        Time notAfter = new Time(Date.from(NOW.plus(Duration.ofDays(365))));
        X500Name subject = name("mqtt.example.com");
        SubjectPublicKeyInfo key = spki(subjectKeys);
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        boolean skipDefaults;

        Tbs defaults() throws Exception {
            extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            extensions.addExtension(Extension.extendedKeyUsage, false,
                    new org.bouncycastle.asn1.x509.ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            extensions.addExtension(Extension.subjectKeyIdentifier, false, UTILS.createSubjectKeyIdentifier(key));
            extensions.addExtension(Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(UTILS.createSubjectKeyIdentifier(spki(issuerKeys)).getKeyIdentifier()));
            extensions.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, "mqtt.example.com")));
            return this;
        }

        /** Replaces one extension of the defaults. */
        Tbs replace(Extension extension) throws Exception {
            ExtensionsGenerator replaced = new ExtensionsGenerator();
            Extensions current = extensions.generate();
            boolean found = false;
            for (var oid : current.getExtensionOIDs()) {
                if (oid.equals(extension.getExtnId())) {
                    replaced.addExtension(extension);
                    found = true;
                } else {
                    replaced.addExtension(current.getExtension(oid));
                }
            }
            if (!found) {
                replaced.addExtension(extension);
            }
            extensions = replaced;
            return this;
        }

        Tbs remove(org.bouncycastle.asn1.ASN1ObjectIdentifier oid) {
            ExtensionsGenerator kept = new ExtensionsGenerator();
            Extensions current = extensions.generate();
            for (var other : current.getExtensionOIDs()) {
                if (!other.equals(oid)) {
                    kept.addExtension(current.getExtension(other));
                }
            }
            extensions = kept;
            return this;
        }

        TBSCertificate build() {
            V3TBSCertificateGenerator generator = new V3TBSCertificateGenerator();
            generator.setSerialNumber(new ASN1Integer(serial));
            generator.setSignature(scheme.algorithmIdentifier());
            generator.setIssuer(issuerName);
            generator.setStartDate(notBefore);
            generator.setEndDate(notAfter);
            generator.setSubject(subject);
            generator.setSubjectPublicKeyInfo(key);
            generator.setExtensions(extensions.generate());
            return generator.generateTBSCertificate();
        }
    }

    static List<String> rulesBroken(String profileName, CaSigner by, Consumer<Tbs> flaw) throws Exception {
        Tbs tbs = new Tbs().defaults();
        flaw.accept(tbs);
        LintContext context = new LintContext(tbs.build(), profile(profileName), by,
                SubjectPublicKeyInfo.getInstance(by.key().requirePublicKey().getEncoded()), SignatureScheme.ECDSA_SHA256,
                NOW, Duration.ofMinutes(5));
        return Linter.standard().lint(context).stream().map(LintFinding::rule).distinct().toList();
    }

    @Test
    void theValidServerTbs_passesEveryRule() throws Exception {
        assertThat(rulesBroken("mqtt-server", issuer, tbs -> { })).isEmpty();
    }

    @FunctionalInterface
    interface Flaw {
        void apply(Tbs tbs) throws Exception;
    }

    static Arguments flaw(String rule, String what, Flaw flaw) {
        return Arguments.of(rule, what, (Consumer<Tbs>) tbs -> {
            try {
                flaw.apply(tbs);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static Stream<Arguments> flaws() throws Exception {
        KeyPair p521 = ec("secp521r1");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        KeyPair rsa1024 = rsa.generateKeyPair();
        rsa.initialize(new RSAKeyGenParameterSpec(2048, BigInteger.valueOf(3)));
        KeyPair rsaE3 = rsa.generateKeyPair();
        return Stream.of(
                flaw("serial-number", "negative serial", t -> t.serial = t.serial.negate()),
                flaw("serial-number", "21-octet serial", t -> t.serial = BigInteger.ONE.shiftLeft(160)),
                flaw("serial-number", "serial with 14 bits", t -> t.serial = BigInteger.valueOf(12_345)),
                flaw("time-encoding", "GeneralizedTime before 2050",
                        t -> t.notBefore = new Time(new DERGeneralizedTime("20261122100000Z"))),
                flaw("time-encoding", "fractional seconds",
                        t -> t.notAfter = new Time(new DERGeneralizedTime("20271122100000.5Z"))),
                flaw("name-string-types", "country as UTF8String", t -> t.subject = new X500Name(new org.bouncycastle.asn1.x500.RDN[] {
                    new org.bouncycastle.asn1.x500.RDN(BCStyle.C, new DERUTF8String("DE")),
                    new org.bouncycastle.asn1.x500.RDN(BCStyle.CN, new DERUTF8String("mqtt.example.com"))})),
                flaw("name-string-types", "empty subject", t -> t.subject = new X500Name(new org.bouncycastle.asn1.x500.RDN[0])),
                flaw("signature-algorithm", "RSA signature named for an EC issuer",
                        t -> t.scheme = SignatureScheme.RSA_PKCS1_SHA256),
                flaw("subject-public-key", "P-521 key", t -> t.key = spki(p521)),
                flaw("subject-public-key", "RSA 1024 key", t -> t.key = spki(rsa1024)),
                flaw("subject-public-key", "RSA exponent 3", t -> t.key = spki(rsaE3)),
                flaw("extension-criticality", "keyUsage not critical", t -> t.replace(new Extension(Extension.keyUsage,
                        false, new KeyUsage(KeyUsage.digitalSignature).getEncoded()))),
                flaw("extension-criticality", "SAN critical", t -> t.replace(new Extension(Extension.subjectAlternativeName,
                        true, new GeneralNames(new GeneralName(GeneralName.dNSName, "mqtt.example.com")).getEncoded()))),
                flaw("ski-present", "no SKI", t -> t.remove(Extension.subjectKeyIdentifier)),
                flaw("ski-present", "SKI of another key", t -> t.replace(new Extension(Extension.subjectKeyIdentifier,
                        false, UTILS.createSubjectKeyIdentifier(spki(issuerKeys)).getEncoded()))),
                flaw("aki-matches-issuer", "no AKI", t -> t.remove(Extension.authorityKeyIdentifier)),
                flaw("aki-matches-issuer", "AKI of another key", t -> t.replace(new Extension(
                        Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(new byte[20]).getEncoded()))),
                flaw("basic-constraints", "leaf says CA:TRUE", t -> t.replace(new Extension(Extension.basicConstraints,
                        true, new BasicConstraints(true).getEncoded()))),
                flaw("basic-constraints", "no basicConstraints", t -> t.remove(Extension.basicConstraints)),
                flaw("key-usage", "keyEncipherment on an EC key", t -> t.replace(new Extension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment).getEncoded()))),
                flaw("key-usage", "leaf with keyCertSign", t -> t.replace(new Extension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign).getEncoded()))),
                flaw("extended-key-usage", "no EKU", t -> t.remove(Extension.extendedKeyUsage)),
                flaw("extended-key-usage", "anyExtendedKeyUsage", t -> t.replace(new Extension(Extension.extendedKeyUsage,
                        false, new org.bouncycastle.asn1.x509.ExtendedKeyUsage(new KeyPurposeId[] {
                            KeyPurposeId.id_kp_serverAuth, KeyPurposeId.anyExtendedKeyUsage}).getEncoded()))),
                flaw("extended-key-usage", "clientAuth on a server", t -> t.replace(new Extension(Extension.extendedKeyUsage,
                        false, new org.bouncycastle.asn1.x509.ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth).getEncoded()))),
                flaw("subject-alternative-names", "server without SAN", t -> t.remove(Extension.subjectAlternativeName)),
                flaw("subject-alternative-names", "server with an email SAN", t -> t.replace(new Extension(
                        Extension.subjectAlternativeName, false, new GeneralNames(
                                new GeneralName(GeneralName.rfc822Name, "a@example.com")).getEncoded()))),
                flaw("issuer-name", "issuer name is not the issuer's subject", t -> t.issuerName = name("Someone Else")),
                flaw("validity-within-issuer", "outlives the issuer",
                        t -> t.notAfter = new Time(Date.from(NOW.plus(Duration.ofDays(1001))))),
                flaw("validity-profile-maximum", "longer than the profile allows",
                        t -> t.notAfter = new Time(Date.from(NOW.plus(Duration.ofDays(900))))),
                flaw("validity-not-backdated", "backdated a day",
                        t -> t.notBefore = new Time(Date.from(NOW.minus(Duration.ofDays(1))))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("flaws")
    void eachFlaw_breaksItsRule(String rule, String what, Consumer<Tbs> flaw) throws Exception {
        assertThat(rulesBroken("mqtt-server", issuer, flaw)).contains(rule);
    }

    @Test
    void everyRule_isShownToFire() throws Exception {
        List<String> covered = new java.util.ArrayList<>(flaws().map(a -> (String) a.get()[0]).toList());
        covered.addAll(List.of("version-3", "extensions-unique", "issuer-is-ca", "path-length", "name-constraints"));
        assertThat(Linter.standard().rules()).extracting(LintRule::id).allMatch(covered::contains);
    }

    @Test
    void issuerWithoutKeyCertSign_isRefused() throws Exception {
        X509CertificateHolder notACa = new JcaX509v3CertificateBuilder(name("Lint Root"), BigInteger.TEN.pow(30),
                Date.from(NOW.minus(Duration.ofDays(10))), Date.from(NOW.plus(Duration.ofDays(1000))),
                name("Lint Server CA"), issuerKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.subjectKeyIdentifier, false, UTILS.createSubjectKeyIdentifier(spki(issuerKeys)))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate()));

        assertThat(rulesBroken("mqtt-server", CaSigner.of(issuer.key(), notACa), t -> { })).contains("issuer-is-ca");
    }

    @Test
    void intermediateUnderPathLenZero_isRefused() throws Exception {
        Tbs tbs = new Tbs();
        tbs.extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        tbs.extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        tbs.extensions.addExtension(Extension.subjectKeyIdentifier, false, UTILS.createSubjectKeyIdentifier(tbs.key));
        tbs.extensions.addExtension(Extension.authorityKeyIdentifier, false,
                new AuthorityKeyIdentifier(UTILS.createSubjectKeyIdentifier(spki(issuerKeys)).getKeyIdentifier()));
        tbs.subject = name("Sub CA");
        LintContext context = new LintContext(tbs.build(), profile("intermediate-ca"), issuer,
                spki(issuerKeys), SignatureScheme.ECDSA_SHA256, NOW, Duration.ofMinutes(5));

        assertThat(Linter.standard().lint(context)).extracting(LintFinding::rule).containsExactly("path-length");
    }

    @Test
    void sanOutsideTheIssuersNameConstraints_isRefused() throws Exception {
        var constraints = new dev.ceremony.pki.NameConstraintsSpec(List.of("example.com"), List.of()).toExtension();
        X509CertificateHolder constrained = intermediate(issuerKeys, 0,
                Optional.of(new Extension(Extension.nameConstraints, true, constraints.getEncoded())));
        CaSigner constrainedIssuer = CaSigner.of(issuer.key(), constrained);

        assertThat(rulesBroken("mqtt-server", constrainedIssuer, t -> { })).isEmpty();
        assertThat(rulesBroken("mqtt-server", constrainedIssuer, t -> {
            try {
                t.replace(new Extension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "mqtt.example.org")}).getEncoded()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).containsExactly("name-constraints");
        assertThat(rulesBroken("mqtt-server", constrainedIssuer, t -> {
            try {
                t.replace(new Extension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "mqtt.example.com"),
                    new GeneralName(GeneralName.iPAddress, "192.0.2.1")}).getEncoded()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).as("no IP range permitted, so every IP is excluded").containsExactly("name-constraints");
    }

    @Test
    void duplicateExtensions_cannotEvenBeParsed_soTheRuleIsABackstop() {
        Extension ku = new Extension(Extension.keyUsage, true, new byte[] {3, 2, 7, (byte) 0x80});
        assertThatThrownBy(() -> Extensions.getInstance(new DERSequence(new Extension[] {ku, ku})))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void versionOneCertificate_isRefused() throws Exception {
        Tbs fields = new Tbs();
        org.bouncycastle.asn1.x509.V1TBSCertificateGenerator v1 = new org.bouncycastle.asn1.x509.V1TBSCertificateGenerator();
        v1.setSerialNumber(new ASN1Integer(fields.serial));
        v1.setSignature(fields.scheme.algorithmIdentifier());
        v1.setIssuer(fields.issuerName);
        v1.setStartDate(fields.notBefore);
        v1.setEndDate(fields.notAfter);
        v1.setSubject(fields.subject);
        v1.setSubjectPublicKeyInfo(fields.key);
        LintContext context = new LintContext(v1.generateTBSCertificate(), profile("mqtt-server"), issuer,
                spki(issuerKeys), SignatureScheme.ECDSA_SHA256, NOW, Duration.ofMinutes(5));

        assertThat(Linter.standard().lint(context)).extracting(LintFinding::rule).contains("version-3");
    }
}
