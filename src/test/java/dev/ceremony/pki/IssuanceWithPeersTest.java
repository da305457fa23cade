package dev.ceremony.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.config.DnDefaults;
import dev.ceremony.pki.csr.ParsedCsr;
import dev.ceremony.pki.lint.LintFinding;
import dev.ceremony.records.RecordingIssuer;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestHierarchy;
import dev.ceremony.testing.TestToken;
import dev.ceremony.testing.Tool;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.Token;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's hierarchy issued on a SoftHSM token (root, server CA, device CA, audit signer,
 * EC and RSA MQTT servers, an amqtt device) from CSRs made by openssl, and judged by OpenSSL,
 * GnuTLS and NSS.
 */
@SoftHsm
class IssuanceWithPeersTest {

    private static final DnDefaults DN = TestHierarchy.DN;

    @TempDir
    static Path dir;

    private static Token token;
    private static TestHierarchy pki;
    private static RecordingIssuer issuer;
    private static X509CertificateHolder root;
    private static X509CertificateHolder serverCa;
    private static KeyHandle rootKey;
    private static KeyHandle serverCaKey;

    static CertificateProfile profile(String name) {
        return TestHierarchy.profile(name);
    }

    static SubjectPublicKeyInfo spki(KeyHandle key) {
        return TestHierarchy.spki(key);
    }

    @BeforeAll
    static void hierarchy(TestToken testToken) throws Exception {
        pki = new TestHierarchy(testToken, dir);
        token = pki.token;
        issuer = pki.issuer;
        root = pki.root;
        serverCa = pki.serverCa;
        rootKey = pki.rootKey;
        serverCaKey = pki.serverCaKey;
    }

    @AfterAll
    static void close() {
        pki.close();
    }

    private static Path write(String name, String text) throws Exception {
        return pki.write(name, text);
    }

    private static ParsedCsr csr(String name, String keyAlgorithm, String subject, String sans) throws Exception {
        return pki.csr(name, keyAlgorithm, subject, sans);
    }

    private static void assertOk(Tool result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    @Test
    void ecServerCertificate_passesOpensslGnutlsAndNss() throws Exception {
        pki.server("mqtt-ec", pki.p256());

        Tool openssl = Tool.run(dir, "openssl", "verify", "-x509_strict", "-CAfile", "root-ca.cert.pem", "-untrusted",
                "server-ca.cert.pem", "-purpose", "sslserver", "-verify_hostname", "mqtt.example.com", "mqtt-ec.cert.pem");
        assertOk(openssl);
        assertThat(openssl.output()).contains("mqtt-ec.cert.pem: OK");
        assertThat(Tool.run(dir, "openssl", "verify", "-x509_strict", "-CAfile", "root-ca.cert.pem", "-untrusted",
                "server-ca.cert.pem", "-verify_hostname", "other.example.org", "mqtt-ec.cert.pem").exitCode()).isNotZero();
        assertThat(Tool.run(dir, "openssl", "verify", "-x509_strict", "-CAfile", "root-ca.cert.pem", "-untrusted",
                "server-ca.cert.pem", "-purpose", "sslclient", "mqtt-ec.cert.pem").exitCode()).isNotZero();

        assertOk(Tool.run(dir, "certtool", "--verify", "--load-ca-certificate", "root-ca.cert.pem", "--infile",
                "mqtt-ec.chain.pem", "--verify-hostname", "mqtt.example.com", "--verify-purpose", "1.3.6.1.5.5.7.3.1"));
        assertNss("mqtt-ec", "V");
    }

    @Test
    void rsaServerCertificate_getsKeyEncipherment_andPassesNss() throws Exception {
        X509CertificateHolder leaf = pki.server("mqtt-rsa", "rsa:2048");

        assertThat(org.bouncycastle.asn1.x509.KeyUsage.fromExtensions(leaf.getExtensions())
                .hasUsages(org.bouncycastle.asn1.x509.KeyUsage.keyEncipherment)).isTrue();
        assertOk(Tool.run(dir, "openssl", "verify", "-x509_strict", "-CAfile", "root-ca.cert.pem", "-untrusted",
                "server-ca.cert.pem", "-purpose", "sslserver", "-verify_hostname", "mqtt.example.com", "mqtt-rsa.cert.pem"));
        assertOk(Tool.run(dir, "certtool", "--verify", "--load-ca-certificate", "root-ca.cert.pem", "--infile",
                "mqtt-rsa.chain.pem", "--verify-hostname", "mqtt.example.com", "--verify-purpose", "1.3.6.1.5.5.7.3.1"));
        assertNss("mqtt-rsa", "V");
    }

    @Test
    void deviceCertificate_followsTheAmqttScheme_andPassesAsAClient() throws Exception {
        pki.device("sensor-0042");

        Tool text = Tool.run(dir, "openssl", "x509", "-in", "sensor-0042.cert.pem", "-noout", "-text");
        assertThat(text.output())
                .contains("Subject: C = DE, O = Ceremony Test Org, OU = PKI, CN = sensor-0042")
                .contains("URI:spiffe://fleet.example.com/device/sensor-0042, DNS:sensor-0042.local")
                .contains("TLS Web Client Authentication")
                .containsPattern("X509v3 Key Usage: critical\\s+Digital Signature\\n")
                .containsPattern("X509v3 Basic Constraints: critical\\s+CA:FALSE");
        assertOk(Tool.run(dir, "openssl", "verify", "-x509_strict", "-CAfile", "root-ca.cert.pem", "-untrusted",
                "device-ca.cert.pem", "-purpose", "sslclient", "sensor-0042.cert.pem"));
        assertOk(Tool.run(dir, "certtool", "--verify", "--load-ca-certificate", "root-ca.cert.pem", "--infile",
                "sensor-0042.chain.pem", "--verify-purpose", "1.3.6.1.5.5.7.3.2"));
        assertNss("sensor-0042", "C");
    }

    @Test
    void serverCaConstrainedToTheOrganisation_cannotIssueADeviceCertificate() throws Exception {
        ParsedCsr request = csr("stray-device", pki.p256(), "/CN=stray-device", "");

        assertThatThrownBy(() -> issuer.issue(new CertificateIssuer.Request(profile("mqtt-device"),
                new SubjectData(Names.subject(DN, "stray-device"), List.of(
                        new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://example.com/device/stray-device"),
                        new GeneralName(GeneralName.dNSName, "stray-device.local")), request.publicKey()),
                CaSigner.of(serverCaKey, serverCa), Optional.empty(), Optional.empty()), false))
                .isInstanceOf(LintException.class)
                .hasMessageContaining("[name-constraints] SAN DNS:stray-device.local lies outside the issuer's permitted names")
                .extracting(e -> ((LintException) e).findings()).asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.list(LintFinding.class))
                .extracting(LintFinding::rule).containsOnly("name-constraints");
    }

    @Test
    void auditSigner_isNotATlsClient() throws Exception {
        KeyHandle auditKey = token.generateKeyPair(new KeyLabel("audit-signer"), KeySpec.EC_P256);
        X509CertificateHolder audit = issuer.issue(new CertificateIssuer.Request(profile("audit-signer"),
                new SubjectData(Names.subject(DN, "Ceremony Test Audit Signer"), List.of(), spki(auditKey)),
                CaSigner.of(rootKey, root), Optional.empty(), Optional.empty()), false).certificate();
        write("audit-signer.cert.pem", Pem.certificate(audit));

        assertOk(Tool.run(dir, "openssl", "verify", "-x509_strict", "-CAfile", "root-ca.cert.pem",
                "audit-signer.cert.pem"));
        assertThat(audit.getNotAfter()).as("the default validity ends with the root's").isEqualTo(root.getNotAfter());
        assertThat(Tool.run(dir, "openssl", "verify", "-x509_strict", "-CAfile", "root-ca.cert.pem",
                "-purpose", "sslclient", "audit-signer.cert.pem").exitCode()).isNotZero();
        assertThat(Tool.run(dir, "openssl", "x509", "-in", "audit-signer.cert.pem", "-noout", "-ext",
                "extendedKeyUsage").output()).contains("1.3.6.1.5.5.7.3.36");
    }

    @Test
    void rootAndIntermediates_carryTheSeedExtensions() {
        Tool rootText = Tool.run(dir, "openssl", "x509", "-in", "root-ca.cert.pem", "-noout", "-text");
        assertThat(rootText.output())
                .containsPattern("Basic Constraints: critical\\s+CA:TRUE\\n")
                .containsPattern("Key Usage: critical\\s+Certificate Sign, CRL Sign")
                .contains("Subject Key Identifier")
                .contains("ecdsa-with-SHA384");
        Tool caText = Tool.run(dir, "openssl", "x509", "-in", "server-ca.cert.pem", "-noout", "-text");
        assertThat(caText.output())
                .containsPattern("Basic Constraints: critical\\s+CA:TRUE, pathlen:0")
                .contains("Authority Key Identifier")
                .containsPattern("Name Constraints: critical\\s+Permitted:\\s+DNS:example.com")
                .contains("IP:192.0.2.0/255.255.255.0").contains("IP:127.0.0.0/255.0.0.0");
        assertOk(Tool.run(dir, "openssl", "verify", "-x509_strict", "-CAfile", "root-ca.cert.pem", "server-ca.cert.pem"));
    }

    @Test
    void requestedValidityBeyondTheIssuer_isNotSigned() throws Exception {
        KeyHandle key = token.generateKeyPair(new KeyLabel("audit-too-long"), KeySpec.EC_P256);

        assertThatThrownBy(() -> issuer.issue(new CertificateIssuer.Request(profile("audit-signer"),
                new SubjectData(Names.subject(DN, "Audit Too Long"), List.of(), spki(key)),
                CaSigner.of(rootKey, root), Optional.of(4000), Optional.empty()), false))
                .isInstanceOf(LintException.class)
                .hasMessageContaining("[validity-within-issuer] notAfter")
                .hasMessageContaining("is after the issuer's notAfter");
    }

    @Test
    void validityBeyondTheProfileMaximum_isNotSigned() throws Exception {
        ParsedCsr request = csr("too-long", "rsa:2048", "/CN=long.example.com", "DNS:long.example.com");

        assertThatThrownBy(() -> issuer.issue(new CertificateIssuer.Request(profile("mqtt-server"),
                new SubjectData(Names.subject(DN, "long.example.com"), request.requestedNames(), request.publicKey()),
                CaSigner.of(serverCaKey, serverCa), Optional.of(900), Optional.empty()), false))
                .isInstanceOf(LintException.class)
                .hasMessageContaining("[validity-profile-maximum] the validity is 900 days; profile mqtt-server allows at most 825");
    }

    @Test
    void bundlesAndOtherFormats_readBackInOpenssl() throws Exception {
        X509CertificateHolder leaf = pki.server("bundled", pki.p256());
        write("bundled.fullchain.pem", Pem.fullChain(leaf, List.of(serverCa), root));
        write("ca-bundle.pem", Pem.caBundle(root, Optional.empty()));
        write("ca-bundle-strict.pem", Pem.caBundle(root, Optional.of(serverCa)));
        Files.write(dir.resolve("bundled.p7b"), Pkcs7.certsOnly(List.of(leaf, serverCa, root)));
        Files.write(dir.resolve("bundled.cert.der"), leaf.getEncoded());

        assertOk(Tool.run(dir, "openssl", "verify", "-x509_strict", "-CAfile", "ca-bundle.pem", "-untrusted",
                "bundled.chain.pem", "bundled.cert.pem"));
        assertOk(Tool.run(dir, "openssl", "verify", "-x509_strict", "-CAfile", "ca-bundle-strict.pem",
                "bundled.cert.pem"));
        assertThat(Tool.run(dir, "grep", "-c", "BEGIN CERTIFICATE", "ca-bundle.pem").output().strip()).isEqualTo("1");
        assertThat(Tool.run(dir, "grep", "-c", "BEGIN CERTIFICATE", "bundled.fullchain.pem").output().strip())
                .isEqualTo("3");
        Tool p7b = Tool.run(dir, "openssl", "pkcs7", "-inform", "DER", "-in", "bundled.p7b", "-print_certs", "-noout");
        assertOk(p7b);
        assertThat(p7b.output()).contains("subject=C = DE, O = Ceremony Test Org, OU = PKI, CN = mqtt.example.com")
                .contains("subject=C = DE, O = Ceremony Test Org, OU = PKI, CN = Ceremony Test Root CA");
        Tool der = Tool.run(dir, "openssl", "x509", "-inform", "DER", "-in", "bundled.cert.der", "-noout", "-serial");
        assertOk(der);
        assertThat(der.output()).containsIgnoringCase(leaf.getSerialNumber().toString(16));
        assertThatThrownBy(() -> Pem.chain(leaf, List.of(root))).hasMessageContaining("never holds the root");
    }

    @Test
    void distributionPointsAccessAndPolicies_fromTheProfile_areInTheCertificate() throws Exception {
        Path profiles = Files.createDirectories(dir.resolve("custom-profiles"));
        Path custom = Files.writeString(profiles.resolve("mqtt-server.yaml"), Files.readString(
                TestToken.projectDir().resolve("ceremony-scripts/profiles/mqtt-server.yaml"))
                + "crl-distribution-points: [http://pki.example.com/server-ca.crl]\n"
                + "authority-information-access:\n  ca-issuers: [http://pki.example.com/server-ca.cer]\n"
                + "  ocsp: [http://ocsp.example.com/]\n"
                + "certificate-policies: [1.3.6.1.4.1.55555.1.1]\n");
        ParsedCsr request = csr("with-urls", pki.p256(), "/CN=mqtt.example.com", "DNS:mqtt.example.com");
        X509CertificateHolder leaf = issuer.issue(new CertificateIssuer.Request(
                new dev.ceremony.yaml.ProfileReader(new dev.ceremony.yaml.StrictYaml()).read(custom),
                new SubjectData(Names.subject(DN, "mqtt.example.com"), request.requestedNames(), request.publicKey()),
                CaSigner.of(serverCaKey, serverCa), Optional.empty(), Optional.empty()), false).certificate();
        write("with-urls.cert.pem", Pem.certificate(leaf));

        Tool text = Tool.run(dir, "openssl", "x509", "-in", "with-urls.cert.pem", "-noout", "-text");
        assertThat(text.output())
                .containsPattern("X509v3 CRL Distribution Points:\\s+Full Name:\\s+URI:http://pki.example.com/server-ca.crl")
                .contains("OCSP - URI:http://ocsp.example.com/")
                .contains("CA Issuers - URI:http://pki.example.com/server-ca.cer")
                .containsPattern("X509v3 Certificate Policies:\\s+Policy: 1.3.6.1.4.1.55555.1.1");
        assertOk(Tool.run(dir, "openssl", "verify", "-x509_strict", "-CAfile", "root-ca.cert.pem", "-untrusted",
                "server-ca.cert.pem", "-purpose", "sslserver", "with-urls.cert.pem"));
    }

    @Test
    void rsaRootSigningWithPss_passesOpensslStrict() throws Exception {
        KeyHandle rsaRoot = token.generateKeyPair(new KeyLabel("rsa-pss-root"), KeySpec.RSA_3072);
        org.bouncycastle.asn1.x500.X500Name name = Names.subject(DN, "Ceremony Test RSA-PSS Root");
        X509CertificateHolder pssRoot = issuer.issue(new CertificateIssuer.Request(profile("root-ca"),
                new SubjectData(name, List.of(), spki(rsaRoot)), CaSigner.selfSigning(rsaRoot, name).withRsaPss(),
                Optional.empty(), Optional.empty()), false).certificate();
        write("pss-root.cert.pem", Pem.certificate(pssRoot));

        assertThat(Tool.run(dir, "openssl", "x509", "-in", "pss-root.cert.pem", "-noout", "-text").output())
                .contains("Signature Algorithm: rsassaPss").contains("Mask Algorithm: mgf1 with sha256")
                .contains("Salt Length: 0x20");
        assertOk(Tool.run(dir, "openssl", "verify", "-x509_strict", "-CAfile", "pss-root.cert.pem", "pss-root.cert.pem"));
        assertThatThrownBy(() -> CaSigner.selfSigning(rootKey, name).withRsaPss())
                .hasMessageContaining("signs with ECDSA_SHA384 or, if RSA, RSASSA-PSS");
    }

    /** NSS: a fresh database that trusts only the root, then certutil -V for the leaf. */
    private static void assertNss(String name, String usage) throws Exception {
        Path db = Files.createDirectories(dir.resolve("nss-" + name));
        assertOk(Tool.run(db, "certutil", "-N", "-d", "sql:" + db, "--empty-password"));
        assertOk(Tool.run(db, "certutil", "-A", "-d", "sql:" + db, "-n", "root", "-t", "CT,C,C", "-a", "-i",
                dir.resolve("root-ca.cert.pem").toString()));
        String intermediate = name.startsWith("sensor") ? "device-ca.cert.pem" : "server-ca.cert.pem";
        assertOk(Tool.run(db, "certutil", "-A", "-d", "sql:" + db, "-n", "intermediate", "-t", ",,", "-a", "-i",
                dir.resolve(intermediate).toString()));
        assertOk(Tool.run(db, "certutil", "-A", "-d", "sql:" + db, "-n", name, "-t", ",,", "-a", "-i",
                dir.resolve(name + ".cert.pem").toString()));
        Tool verify = Tool.run(db, "certutil", "-V", "-d", "sql:" + db, "-n", name, "-u", usage);
        assertOk(verify);
        assertThat(verify.output()).contains("certificate is valid");
    }

    @Test
    void aTokenSignatureThatDoesNotVerify_isNeverIssued() throws Exception {
        CertificateIssuer corrupted = new CertificateIssuer(new dev.ceremony.testing.CorruptingToken(token),
                new dev.ceremony.pki.TokenSerials(token), dev.ceremony.pki.lint.Linter.standard(), TestHierarchy.BC,
                java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(5));
        var key = token.generateKeyPair(new dev.ceremony.token.KeyLabel("corrupted-leaf"),
                dev.ceremony.token.KeySpec.EC_P256);
        CertificateIssuer.Request request = new CertificateIssuer.Request(profile("mqtt-device"), new SubjectData(
                dev.ceremony.pki.Names.subject(TestHierarchy.DN, "sensor-corrupted"), List.of(
                        new org.bouncycastle.asn1.x509.GeneralName(org.bouncycastle.asn1.x509.GeneralName
                                .uniformResourceIdentifier, "spiffe://fleet.example.com/device/sensor-corrupted"),
                        new org.bouncycastle.asn1.x509.GeneralName(org.bouncycastle.asn1.x509.GeneralName.dNSName,
                                "sensor-corrupted.local")),
                spki(key)), CaSigner.of(
                        pki.deviceCaKey, pki.deviceCa), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> corrupted.signAll(List.of(corrupted.prepare(request))))
                .isInstanceOf(dev.ceremony.token.TokenException.class).hasMessageContaining("does not verify with the "
                        + "issuer's public key");
    }
}
