package dev.ceremony.pki.csr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.config.DnDefaults;
import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.testing.TestToken;
import dev.ceremony.yaml.ProfileReader;
import dev.ceremony.yaml.StrictYaml;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of bad requests, generated here (no key files are committed), each pinned to the rule
 * that refuses it; and good ones, pinned to what is issued.
 */
class CsrCorpusTest {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final DnDefaults DN = new DnDefaults("DE", Optional.empty(), Optional.empty(), "Corpus Org",
            Optional.empty());
    private static final PolicySettings SETTINGS = new PolicySettings(DN, List.of("example.com"),
            Optional.of("fleet.example.com"), 20);

    private static KeyPair p256;
    private static KeyPair otherP256;
    private static KeyPair caKey;
    private static KeyPair certifiedKey;
    /** Certified as renew.example.com under mqtt-server, a profile that allows renewal. */
    private static KeyPair serverKey;
    private static RequestPolicy policy;

    /**
     * What the CA knows in these tests: one CA key, certified keys (each with the "profile:subject"
     * it is certified as), and the subjects with valid certificates, each with its newest serial.
     */
    record History(Set<SubjectPublicKeyInfo> caKeys, java.util.Map<SubjectPublicKeyInfo, String> certified,
            java.util.Map<String, BigInteger> subjects) implements IssuanceHistory {
        @Override
        public boolean isCaKey(SubjectPublicKeyInfo key) {
            return caKeys.contains(key);
        }

        @Override
        public boolean isCertified(SubjectPublicKeyInfo key) {
            return certified.containsKey(key);
        }

        @Override
        public boolean isCertifiedOnlyAs(SubjectPublicKeyInfo key, String profile, String subjectName) {
            return (profile + ":" + subjectName).equals(certified.get(key));
        }

        @Override
        public Optional<BigInteger> validSerial(String profile, String subjectName) {
            return Optional.ofNullable(subjects.get(profile + ":" + subjectName));
        }
    }

    private static History history;

    static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    static KeyPair rsa(int bits, long exponent) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(new RSAKeyGenParameterSpec(bits, BigInteger.valueOf(exponent)));
        return generator.generateKeyPair();
    }

    static SubjectPublicKeyInfo spki(KeyPair keys) {
        return SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
    }

    static CertificateProfile profile(String name) {
        return new ProfileReader(new StrictYaml()).read(
                TestToken.projectDir().resolve("ceremony-scripts/profiles/" + name + ".yaml"));
    }

    @BeforeAll
    static void keys() throws Exception {
        p256 = ec("secp256r1");
        otherP256 = ec("secp256r1");
        caKey = ec("secp256r1");
        certifiedKey = ec("secp256r1");
        serverKey = ec("secp256r1");
        history = new History(Set.of(spki(caKey)), java.util.Map.of(spki(certifiedKey), "mqtt-device:sensor-0001",
                spki(serverKey), "mqtt-server:renew.example.com"), java.util.Map.of("mqtt-device:sensor-0001",
                BigInteger.valueOf(0x1001), "mqtt-server:renew.example.com", BigInteger.valueOf(0x2002)));
        policy = new RequestPolicy(new CsrReader(BC), SETTINGS);
    }

    /** A request under construction. */
    static final class Csr {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "mqtt.example.com").build();
        KeyPair key = p256;
        KeyPair signer;
        String algorithm;
        final ExtensionsGenerator extensions = new ExtensionsGenerator();
        List<GeneralName> sans = new ArrayList<>(List.of(new GeneralName(GeneralName.dNSName, "mqtt.example.com")));
        String challengePassword;

        Csr cn(String... names) {
            X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
            for (String name : names) {
                builder.addRDN(BCStyle.CN, name);
            }
            subject = builder.build();
            return this;
        }

        /** The request for {@code keys}, signed with {@code signatureAlgorithm} (a JCA name). */
        Csr signedWith(KeyPair keys, String signatureAlgorithm) {
            key = keys;
            algorithm = signatureAlgorithm;
            return this;
        }

        Csr sans(GeneralName... names) {
            sans = new ArrayList<>(List.of(names));
            return this;
        }

        byte[] der() throws Exception {
            PKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(subject, key.getPublic());
            if (!sans.isEmpty()) {
                extensions.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(sans.toArray(new GeneralName[0])));
            }
            if (!extensions.isEmpty()) {
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            if (challengePassword != null) {
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword,
                        new DERPrintableString(challengePassword));
            }
            KeyPair signing = signer == null ? key : signer;
            String signature = algorithm != null ? algorithm
                    : signing.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            PKCS10CertificationRequest request = builder.build(
                    new JcaContentSignerBuilder(signature).setProvider(BC).build(signing.getPrivate()));
            return request.getEncoded();
        }

        byte[] pem() throws Exception {
            StringWriter text = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
                writer.writeObject(new PKCS10CertificationRequest(der()));
            }
            return text.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    @FunctionalInterface
    interface Bytes {
        byte[] make() throws Exception;
    }

    static Arguments bad(String name, String profile, String rule, Bytes bytes) {
        return Arguments.of(name, profile, rule, bytes);
    }

    static GeneralName dns(String name) {
        return new GeneralName(GeneralName.dNSName, name);
    }

    static Stream<Arguments> corpus() throws Exception {
        KeyPair rsa1024 = rsa(1024, 65_537);
        KeyPair rsa2048 = rsa(2048, 65_537);
        KeyPair rsaE3 = rsa(2048, 3);
        KeyPair p521 = ec("secp521r1");
        KeyPair k256 = ec("secp256k1");
        return Stream.of(
                bad("not a request at all", "mqtt-server", "csr-format", () -> "hello".getBytes()),
                bad("a certificate PEM block", "mqtt-server", "csr-format",
                        () -> "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n".getBytes()),
                bad("truncated DER", "mqtt-server", "csr-format", () -> {
                    byte[] der = new Csr().der();
                    return Arrays.copyOf(der, der.length / 2);
                }),
                bad("larger than 64 KiB", "mqtt-server", "csr-size", () -> new byte[70_000]),
                bad("signature damaged", "mqtt-server", "csr-signature", () -> {
                    byte[] der = new Csr().der();
                    der[der.length - 3] ^= 0x40;
                    return der;
                }),
                bad("signed by another key", "mqtt-server", "csr-signature", () -> {
                    Csr csr = new Csr();
                    csr.signer = otherP256;
                    return csr.der();
                }),
                bad("signed with sha1WithRSAEncryption", "mqtt-server", "csr-signature-algorithm",
                        () -> new Csr().signedWith(rsa2048, "SHA1withRSA").der()),
                bad("signed with ecdsa-with-SHA1", "mqtt-server", "csr-signature-algorithm",
                        () -> new Csr().signedWith(p256, "SHA1withECDSA").der()),
                bad("signed with RSASSA-PSS over SHA-1", "mqtt-server", "csr-signature-algorithm",
                        () -> new Csr().signedWith(rsa2048, "SHA1withRSAandMGF1").der()),
                bad("two PEM requests in one file", "mqtt-server", "csr-format", () -> concat(new Csr().pem(),
                        new Csr().cn("other.example.com").sans(dns("other.example.com")).pem())),
                bad("a PEM request with text after it", "mqtt-server", "csr-format",
                        () -> concat(new Csr().pem(), "subject=CN = evil.example.org\n".getBytes())),
                bad("RSA 1024", "mqtt-server", "key-weak", () -> {
                    Csr csr = new Csr();
                    csr.key = rsa1024;
                    return csr.der();
                }),
                bad("RSA exponent 3", "mqtt-server", "key-weak", () -> {
                    Csr csr = new Csr();
                    csr.key = rsaE3;
                    return csr.der();
                }),
                bad("P-521", "mqtt-server", "key-weak", () -> {
                    Csr csr = new Csr();
                    csr.key = p521;
                    return csr.der();
                }),
                bad("secp256k1", "mqtt-server", "key-weak", () -> {
                    Csr csr = new Csr();
                    csr.key = k256;
                    return csr.der();
                }),
                bad("a CA key of our own", "mqtt-server", "key-is-ca-key", () -> {
                    Csr csr = new Csr();
                    csr.key = caKey;
                    return csr.der();
                }),
                bad("a key already certified", "mqtt-device", "key-already-certified", () -> {
                    Csr csr = new Csr().cn("sensor-0077").sans();
                    csr.key = certifiedKey;
                    return csr.der();
                }),
                bad("asks for CA:TRUE", "mqtt-server", "ca-requested", () -> {
                    Csr csr = new Csr();
                    csr.extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    return csr.der();
                }),
                bad("asks for keyCertSign", "mqtt-server", "ca-requested", () -> {
                    Csr csr = new Csr();
                    csr.extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
                    return csr.der();
                }),
                bad("no common name", "mqtt-server", "subject-common-name", () -> {
                    Csr csr = new Csr();
                    csr.subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Nobody").build();
                    return csr.der();
                }),
                bad("two common names", "mqtt-server", "subject-common-name",
                        () -> new Csr().cn("mqtt.example.com", "other.example.com").der()),
                bad("underscore in the host name", "mqtt-server", "subject-common-name",
                        () -> new Csr().cn("mqtt_1.example.com").sans(dns("mqtt_1.example.com")).der()),
                bad("common name outside the domains", "mqtt-server", "san-domain",
                        () -> new Csr().cn("mqtt.example.org").sans(dns("mqtt.example.org")).der()),
                bad("SAN outside the domains", "mqtt-server", "san-domain",
                        () -> new Csr().sans(dns("mqtt.example.com"), dns("example.com.evil.org")).der()),
                bad("wildcard SAN", "mqtt-server", "san-wildcard",
                        () -> new Csr().sans(dns("mqtt.example.com"), dns("*.example.com")).der()),
                bad("label starting with a hyphen", "mqtt-server", "san-dns",
                        () -> new Csr().sans(dns("mqtt.example.com"), dns("-bad.example.com")).der()),
                bad("bogus A-label", "mqtt-server", "san-dns",
                        () -> new Csr().sans(dns("mqtt.example.com"), dns("xn--zz.example.com")).der()),
                bad("email SAN", "mqtt-server", "san-type", () -> new Csr().sans(dns("mqtt.example.com"),
                        new GeneralName(GeneralName.rfc822Name, "ops@example.com")).der()),
                bad("URI SAN on a server", "mqtt-server", "san-type", () -> new Csr().sans(dns("mqtt.example.com"),
                        new GeneralName(GeneralName.uniformResourceIdentifier, "https://example.com/")).der()),
                bad("no SANs", "mqtt-server", "san-missing", () -> new Csr().sans().der()),
                bad("common name not among the SANs", "mqtt-server", "cn-not-in-sans",
                        () -> new Csr().sans(dns("broker.example.com")).der()),
                bad("21 SANs", "mqtt-server", "san-count", () -> {
                    GeneralName[] names = new GeneralName[21];
                    for (int i = 0; i < names.length; i++) {
                        names[i] = dns("mqtt" + i + ".example.com");
                    }
                    return new Csr().sans(names).der();
                }),
                bad("5-byte IP address", "mqtt-server", "san-ip", () -> new Csr().sans(dns("mqtt.example.com"),
                        new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[5]))).der()),
                bad("spiffe URI outside the device uri-domain", "mqtt-device", "san-not-issued", () -> new Csr()
                        .cn("sensor-0042").sans(new GeneralName(GeneralName.uniformResourceIdentifier,
                                "spiffe://evil.example.org/device/sensor-0042")).der()),
                bad("device id with a dot", "mqtt-device", "device-id", () -> new Csr().cn("sensor.42").sans().der()),
                bad("device id of 64 characters", "mqtt-device", "device-id",
                        () -> new Csr().cn("d".repeat(64)).sans().der()),
                bad("device id with a bidi override", "mqtt-device", "device-id",
                        () -> new Csr().cn("sensor\u202E24").sans().der()),
                bad("device already certified", "mqtt-device", "subject-already-certified",
                        () -> new Csr().cn("sensor-0001").sans().der()),
                bad("a CA profile", "intermediate-ca", "profile-not-for-requests", () -> new Csr().der()),
                bad("host name with a control character", "mqtt-server", "subject-common-name",
                        () -> new Csr().cn("mqtt\u001b.example.com").der()));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("corpus")
    void badRequest_isRefusedByItsRule(String name, String profileName, String rule, Bytes bytes) throws Exception {
        Verdict verdict = policy.evaluate(profile(profileName), name + ".csr", bytes.make(), history);

        assertThat(verdict.accepted()).as(name).isFalse();
        assertThat(verdict.rules()).as("%s: %s", name, verdict.refusals()).contains(rule);
        assertThat(verdict.refusals()).allSatisfy(refusal -> assertThat(refusal.reason()).isNotBlank()
                .doesNotContain("\u202E").doesNotContain("\u001b"));
    }

    @Test
    void corpus_holdsAtLeast25BadRequests_andCoversEveryRule() throws Exception {
        List<Arguments> all = corpus().toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(25);
        assertThat(all.stream().map(a -> (String) a.get()[2]).distinct()).containsExactlyInAnyOrder(
                "csr-format", "csr-size", "csr-signature", "key-weak", "key-is-ca-key", "key-already-certified",
                "ca-requested", "subject-common-name", "san-domain", "san-wildcard", "san-dns", "san-type",
                "san-missing", "cn-not-in-sans", "san-count", "san-ip", "device-id", "subject-already-certified",
                "profile-not-for-requests", "csr-signature-algorithm", "san-not-issued");
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    @Test
    void aFileWithTwoRequests_isRefusedSayingHowManyBlocksItHolds() throws Exception {
        byte[] other = new Csr().cn("other.example.com").sans(dns("other.example.com")).der();

        Verdict pem = policy.evaluate(profile("mqtt-server"), "two.pem", concat(new Csr().pem(),
                new Csr().cn("other.example.com").sans(dns("other.example.com")).pem()), history);
        Verdict der = policy.evaluate(profile("mqtt-server"), "two.der", concat(new Csr().der(), other), history);
        Verdict trailing = policy.evaluate(profile("mqtt-server"), "tail.der", concat(new Csr().der(), "junk".getBytes()),
                history);

        assertThat(pem.refusals()).extracting(Refusal::reason).singleElement().asString()
                .contains("holds 2 PEM blocks (CERTIFICATE REQUEST, CERTIFICATE REQUEST)");
        assertThat(der.refusals()).extracting(Refusal::reason).singleElement().asString()
                .contains("holds 2 DER structures");
        assertThat(trailing.refusals()).extracting(Refusal::reason).singleElement().asString()
                .contains("4 bytes of other data after its DER structure");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            unspecified IPv4         | 0.0.0.0          | the unspecified address
            unspecified IPv6         | ::               | the unspecified address
            multicast IPv4           | 224.0.0.1        | a multicast address
            multicast IPv6           | ff02::1          | a multicast address
            broadcast                | 255.255.255.255  | the broadcast address
            loopback IPv4            | 127.0.0.1        | a loopback address
            loopback IPv4, not .1    | 127.8.9.10       | a loopback address
            loopback IPv6            | ::1              | a loopback address
            loopback mapped in IPv6  | ::ffff:127.0.0.1 | a loopback address
            """)
    void anAddressNoBrokerHas_isRefusedUnderTheServerProfile(String addressClass, String address, String reason)
            throws Exception {
        Csr csr = new Csr().sans(dns("mqtt.example.com"), new GeneralName(GeneralName.iPAddress, address));

        Verdict verdict = policy.evaluate(profile("mqtt-server"), "ip.csr", csr.der(), history);

        assertThat(verdict.rules()).as(addressClass).containsExactly("san-ip");
        assertThat(verdict.refusals().get(0).reason()).startsWith("IP:").contains(reason);
    }

    @Test
    void loopback_isIssuedOnlyUnderAProfileThatAllowsIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("mqtt-server.yaml"),
                java.nio.file.Files.readString(TestToken.projectDir().resolve("ceremony-scripts/profiles/mqtt-server.yaml"))
                        + "allow-loopback-ip: true\n");
        CertificateProfile allowing = new ProfileReader(new StrictYaml()).read(file);
        Csr csr = new Csr().sans(dns("mqtt.example.com"), new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "0.0.0.0"));

        Verdict verdict = policy.evaluate(allowing, "loopback.csr", csr.der(), history);

        assertThat(verdict.refusals()).extracting(Refusal::reason).singleElement().asString()
                .startsWith("IP:0.0.0.0 is the unspecified address");
        assertThat(policy.evaluate(allowing, "loopback.csr", new Csr().sans(dns("mqtt.example.com"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")).der(), history).accepted()).isTrue();
    }

    @Test
    void aRequestSignedWithSha1_isRefusedByTheAlgorithmsName_andSha384OrPssIsAccepted() throws Exception {
        Csr sha1 = new Csr().signedWith(p256, "SHA1withECDSA");
        Csr ecdsa384 = new Csr().signedWith(p256, "SHA384withECDSA");
        Csr pss = new Csr().signedWith(rsa(2048, 65_537), "SHA256withRSAandMGF1");

        Verdict verdict = policy.evaluate(profile("mqtt-server"), "sha1.csr", sha1.der(), history);

        assertThat(verdict.refusals()).extracting(Refusal::reason).singleElement().asString()
                .contains("signed with ecdsa-with-SHA1 (1.2.840.10045.4.1)");
        assertThat(policy.evaluate(profile("mqtt-server"), "384.csr", ecdsa384.der(), history).refusals()).isEmpty();
        assertThat(policy.evaluate(profile("mqtt-server"), "pss.csr", pss.der(), history).refusals()).isEmpty();
    }

    @Test
    void aBatch_goesOnPastBadRequests() throws Exception {
        List<Verdict> verdicts = policy.evaluateAll(profile("mqtt-server"), List.of(
                new RequestPolicy.Input("garbage.csr", "not a csr".getBytes()),
                new RequestPolicy.Input("good.csr", new Csr().pem()),
                new RequestPolicy.Input("empty.csr", new byte[0])), history);

        assertThat(verdicts).extracting(Verdict::source).containsExactly("garbage.csr", "good.csr", "empty.csr");
        assertThat(verdicts).extracting(Verdict::accepted).containsExactly(false, true, false);
    }

    @Test
    void serverRequest_isIssuedWithTheProfilesNames_notTheRequested() throws Exception {
        Csr csr = new Csr().sans(dns("mqtt.example.com"), dns("MQTT2.Example.com"),
                new GeneralName(GeneralName.iPAddress, "192.0.2.7"));
        csr.subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Requested Org")
                .addRDN(BCStyle.CN, "mqtt.example.com").build();

        Verdict verdict = policy.evaluate(profile("mqtt-server"), "server.csr", csr.pem(), history);

        assertThat(verdict.refusals()).isEmpty();
        assertThat(verdict.issued().orElseThrow().subject().toString()).isEqualTo("C=DE,O=Corpus Org,CN=mqtt.example.com");
        assertThat(verdict.issued().orElseThrow().alternativeNames()).extracting(GeneralName::toString)
                .containsExactly("2: mqtt.example.com", "2: mqtt2.example.com", "7: #c0000207");
        assertThat(verdict.requested().orElseThrow().subject()).isEqualTo("O=Requested Org,CN=mqtt.example.com");
        assertThat(verdict.renewal()).isFalse();
    }

    @Test
    void deviceRequest_getsTheAmqttNames_whenItAsksForThoseOrNone_andIsRefusedWhenItAsksForOthers() throws Exception {
        Csr asking = new Csr().cn("sensor-0042").sans(new GeneralName(GeneralName.uniformResourceIdentifier,
                "spiffe://fleet.example.com/device/sensor-0042"), dns("sensor-0042.local"));

        Verdict verdict = policy.evaluate(profile("mqtt-device"), "device.csr", asking.der(), history);
        Verdict silent = policy.evaluate(profile("mqtt-device"), "device.csr", new Csr().cn("sensor-0042").sans().der(),
                history);
        Verdict other = policy.evaluate(profile("mqtt-device"), "device.csr", new Csr().cn("sensor-0042")
                .sans(dns("evil.example.org")).der(), history);

        assertThat(verdict.accepted()).as(verdict.refusals().toString()).isTrue();
        assertThat(verdict.issued().orElseThrow().alternativeNames()).extracting(GeneralName::toString)
                .containsExactly("6: spiffe://fleet.example.com/device/sensor-0042", "2: sensor-0042.local");
        assertThat(silent.issued().orElseThrow().alternativeNames()).isEqualTo(verdict.issued().orElseThrow()
                .alternativeNames());
        assertThat(other.rules()).containsExactly("san-not-issued");
        assertThat(other.requested().orElseThrow().alternativeNames()).containsExactly("DNS:evil.example.org");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            spiffe URI of another trust domain | 6 | spiffe://evil.example.org/device/sensor-0042
            spiffe URI of another device       | 6 | spiffe://fleet.example.com/device/sensor-0001
            https URI                          | 6 | https://fleet.example.com/
            DNS name                           | 2 | evil.example.org
            """)
    void deviceRequest_askingForANameTheProfileWillNotIssue_isRefused(String what, int tag, String name)
            throws Exception {
        Csr csr = new Csr().cn("sensor-0042").sans(new GeneralName(tag, name));

        Verdict verdict = policy.evaluate(profile("mqtt-device"), "device.csr", csr.der(), history);

        assertThat(verdict.rules()).as(what).containsExactly("san-not-issued");
        assertThat(verdict.refusals().get(0).reason()).contains(name).contains("does not issue")
                .contains("URI:spiffe://fleet.example.com/device/sensor-0042 and DNS:sensor-0042.local");
    }

    @Test
    void renewalUnderAProfileThatAllowsIt_isAcceptedAndNamesTheSerialItRenews() throws Exception {
        Verdict verdict = policy.evaluate(profile("mqtt-server"), "renew.csr",
                new Csr().cn("renew.example.com").sans(dns("renew.example.com")).der(), history);

        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.renewalOf()).contains(BigInteger.valueOf(0x2002));
    }

    @Test
    void aCertifiedKey_isCertifiedAgainOnlyAsTheRenewalOfItsOwnSubject() throws Exception {
        Csr sameSubject = new Csr().cn("renew.example.com").sans(dns("renew.example.com"));
        sameSubject.key = serverKey;
        Csr otherName = new Csr().cn("mqtt.example.com").sans(dns("mqtt.example.com"));
        otherName.key = serverKey;

        Verdict renewal = policy.evaluate(profile("mqtt-server"), "renew.csr", sameSubject.der(), history);
        Verdict reuse = policy.evaluate(profile("mqtt-server"), "other.csr", otherName.der(), history);

        assertThat(renewal.accepted()).as(renewal.refusals().toString()).isTrue();
        assertThat(renewal.renewalOf()).contains(BigInteger.valueOf(0x2002));
        assertThat(reuse.rules()).containsExactly("key-already-certified");
        assertThat(reuse.refusals().get(0).reason()).contains("for another subject")
                .contains("'mqtt.example.com' needs a key of its own");
    }

    @Test
    void challengePassword_isNeverShownOrCopied() throws Exception {
        Csr csr = new Csr();
        csr.challengePassword = "hunter2-secret";

        Verdict verdict = policy.evaluate(profile("mqtt-server"), "with-password.csr", csr.der(), history);

        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.toString()).doesNotContain("hunter2-secret");
    }

    @Test
    void internationalisedNames_areShownWithTheirUnicodeForm() throws Exception {
        Csr csr = new Csr().cn("xn--bcher-kva.example.com").sans(dns("xn--bcher-kva.example.com"));

        Verdict verdict = policy.evaluate(profile("mqtt-server"), "idn.csr", csr.der(), history);

        assertThat(verdict.accepted()).as(verdict.refusals().toString()).isTrue();
        assertThat(verdict.requested().orElseThrow().alternativeNames())
                .containsExactly("DNS:xn--bcher-kva.example.com (bücher.example.com)");
    }

    @Test
    void subjectStringsFromTheRequest_areShownEscaped() throws Exception {
        Csr csr = new Csr();
        csr.subject = new X500Name(new org.bouncycastle.asn1.x500.RDN[] {
            new org.bouncycastle.asn1.x500.RDN(BCStyle.O, new DERUTF8String("Evil\u001b[2J\u202EOrg")),
            new org.bouncycastle.asn1.x500.RDN(BCStyle.CN, new DERUTF8String("mqtt.example.com"))});

        Verdict verdict = policy.evaluate(profile("mqtt-server"), "escape.csr", csr.der(), history);

        assertThat(verdict.requested().orElseThrow().subject()).contains("\\u001B[2J\\u202EOrg")
                .doesNotContain("\u001b").doesNotContain("\u202E");
    }

    @Test
    void theReaderForReviewedBytes_parsesWithoutVerifying_andOnlyItDoes() throws Exception {
        byte[] der = new Csr().der();
        der[der.length - 3] ^= 0x40;

        assertThatThrownBy(() -> new CsrReader(BC).read(der)).isInstanceOf(CsrException.class)
                .hasMessageContaining("does not verify");
        assertThat(CsrReader.ofReviewedBytes().read(der).publicKey()).as("bytes the review verified are only parsed")
                .isNotNull();
    }
}
