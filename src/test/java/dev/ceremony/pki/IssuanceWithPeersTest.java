package dev.ceremony.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.config.DnDefaults;
import dev.ceremony.pki.csr.CsrReader;
import dev.ceremony.pki.csr.ParsedCsr;
import dev.ceremony.pki.lint.LintFinding;
import dev.ceremony.files.JournalCaRecords;
import dev.ceremony.pki.lint.Linter;
import dev.ceremony.records.RecordedSerials;
import dev.ceremony.records.RecordingIssuer;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestToken;
import dev.ceremony.testing.Tool;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.Token;
import dev.ceremony.yaml.ProfileReader;
import dev.ceremony.yaml.StrictYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
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

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final DnDefaults DN = new DnDefaults("DE", Optional.empty(), Optional.empty(), "Ceremony Test Org",
            Optional.of("PKI"));

    @TempDir
    static Path dir;

    private static Token token;
    private static RecordingIssuer issuer;
    private static JournalCaRecords records;
    private static X509CertificateHolder root;
    private static X509CertificateHolder serverCa;
    private static X509CertificateHolder deviceCa;
    private static KeyHandle rootKey;
    private static KeyHandle serverCaKey;
    private static KeyHandle deviceCaKey;

    static CertificateProfile profile(String name) {
        return new ProfileReader(new StrictYaml()).read(
                TestToken.projectDir().resolve("ceremony-scripts/profiles/" + name + ".yaml"));
    }

    static SubjectPublicKeyInfo spki(KeyHandle key) {
        return SubjectPublicKeyInfo.getInstance(key.requirePublicKey().getEncoded());
    }

    @BeforeAll
    static void hierarchy(TestToken testToken) throws Exception {
        token = testToken.openLoggedIn();
        records = JournalCaRecords.open(dir.resolve("records"));
        issuer = new RecordingIssuer(new CertificateIssuer(token, new RecordedSerials(new TokenSerials(token), records),
                Linter.standard(), BC, Clock.systemUTC(), Duration.ofMinutes(5)), records);
        rootKey = token.generateKeyPair(new KeyLabel("root-ca"), KeySpec.EC_P384);
        serverCaKey = token.generateKeyPair(new KeyLabel("server-ca-2026"), KeySpec.EC_P256);
        deviceCaKey = token.generateKeyPair(new KeyLabel("device-ca-2026"), KeySpec.EC_P256);

        X500Name rootName = Names.subject(DN, "Ceremony Test Root CA");
        root = issuer.issue(new CertificateIssuer.Request(profile("root-ca"),
                new SubjectData(rootName, List.of(), spki(rootKey)), CaSigner.selfSigning(rootKey, rootName),
                Optional.empty(), Optional.empty()), false).certificate();
        serverCa = issuer.issue(new CertificateIssuer.Request(profile("intermediate-ca"),
                new SubjectData(Names.subject(DN, "Ceremony Test Server CA 2026"), List.of(), spki(serverCaKey)),
                CaSigner.of(rootKey, root), Optional.empty(),
                Optional.of(new NameConstraintsSpec(List.of("example.com"), List.of("192.0.2.0/24")))), false)
                .certificate();
        deviceCa = issuer.issue(new CertificateIssuer.Request(profile("intermediate-ca"),
                new SubjectData(Names.subject(DN, "Ceremony Test Device CA 2026"), List.of(), spki(deviceCaKey)),
                CaSigner.of(rootKey, root), Optional.empty(), Optional.empty()), false).certificate();
        write("root-ca.cert.pem", Pem.certificate(root));
        write("server-ca.cert.pem", Pem.certificate(serverCa));
        write("device-ca.cert.pem", Pem.certificate(deviceCa));
    }

    @AfterAll
    static void close() {
        records.close();
        token.close();
    }

    private static Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static ParsedCsr csr(String name, String keyAlgorithm, String subject, String sans) {
        List<String> command = new java.util.ArrayList<>(List.of("openssl", "req", "-new", "-nodes",
                "-newkey", keyAlgorithm, "-keyout", name + ".key.pem", "-out", name + ".csr.pem", "-subj", subject));
        if (!sans.isEmpty()) {
            command.addAll(List.of("-addext", "subjectAltName=" + sans));
        }
        Tool made = Tool.run(dir, command);
        assertThat(made.exitCode()).as(made.toString()).isZero();
        try {
            return new CsrReader(BC).read(Files.readAllBytes(dir.resolve(name + ".csr.pem")));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509CertificateHolder issueServer(String name, String keyAlgorithm) throws Exception {
        ParsedCsr request = csr(name, keyAlgorithm, "/CN=mqtt.example.com", "DNS:mqtt.example.com,IP:192.0.2.10");
        X509CertificateHolder leaf = issuer.issue(new CertificateIssuer.Request(profile("mqtt-server"),
                new SubjectData(Names.subject(DN, "mqtt.example.com"), request.requestedNames(), request.publicKey()),
                CaSigner.of(serverCaKey, serverCa), Optional.empty(), Optional.empty()), false).certificate();
        write(name + ".cert.pem", Pem.certificate(leaf));
        write(name + ".chain.pem", Pem.chain(leaf, List.of(serverCa)));
        return leaf;
    }

    private static X509CertificateHolder issueDevice(String deviceId) throws Exception {
        ParsedCsr request = csr(deviceId, "ec:" + dir.resolve("p256.params"), "/CN=" + deviceId, "");
        X509CertificateHolder leaf = issuer.issue(new CertificateIssuer.Request(profile("mqtt-device"),
                new SubjectData(Names.subject(DN, deviceId), List.of(
                        new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://fleet.example.com/device/" + deviceId),
                        new GeneralName(GeneralName.dNSName, deviceId + ".local")), request.publicKey()),
                CaSigner.of(deviceCaKey, deviceCa), Optional.empty(), Optional.empty()), false).certificate();
        write(deviceId + ".cert.pem", Pem.certificate(leaf));
        write(deviceId + ".chain.pem", Pem.chain(leaf, List.of(deviceCa)));
        return leaf;
    }

    private static void assertOk(Tool result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    @Test
    void ecServerCertificate_passesOpensslGnutlsAndNss() throws Exception {
        Tool.run(dir, "openssl", "ecparam", "-name", "prime256v1", "-out", "p256.params");
        issueServer("mqtt-ec", "ec:" + dir.resolve("p256.params"));

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
        X509CertificateHolder leaf = issueServer("mqtt-rsa", "rsa:2048");

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
        Tool.run(dir, "openssl", "ecparam", "-name", "prime256v1", "-out", "p256.params");
        issueDevice("sensor-0042");

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
    void serverCaConstrainedToTheOrganisation_cannotIssueADeviceCertificate() {
        Tool.run(dir, "openssl", "ecparam", "-name", "prime256v1", "-out", "p256.params");
        ParsedCsr request = csr("stray-device", "ec:" + dir.resolve("p256.params"), "/CN=stray-device", "");

        assertThatThrownBy(() -> issuer.issue(new CertificateIssuer.Request(profile("mqtt-device"),
                new SubjectData(Names.subject(DN, "stray-device"), List.of(
                        new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://example.com/device/stray-device"),
                        new GeneralName(GeneralName.dNSName, "stray-device.local")), request.publicKey()),
                CaSigner.of(serverCaKey, serverCa), Optional.empty(), Optional.empty()), false))
                .isInstanceOf(LintException.class)
                .hasMessageContaining("[name-constraints] SAN 2: stray-device.local lies outside the issuer's permitted names")
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
                .contains("IP:192.0.2.0/255.255.255.0");
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
    void validityBeyondTheProfileMaximum_isNotSigned() {
        ParsedCsr request = csr("too-long", "rsa:2048", "/CN=long.example.com", "DNS:long.example.com");

        assertThatThrownBy(() -> issuer.issue(new CertificateIssuer.Request(profile("mqtt-server"),
                new SubjectData(Names.subject(DN, "long.example.com"), request.requestedNames(), request.publicKey()),
                CaSigner.of(serverCaKey, serverCa), Optional.of(900), Optional.empty()), false))
                .isInstanceOf(LintException.class)
                .hasMessageContaining("[validity-profile-maximum] the validity is 900 days; profile mqtt-server allows at most 825");
    }

    @Test
    void bundlesAndOtherFormats_readBackInOpenssl() throws Exception {
        Tool.run(dir, "openssl", "ecparam", "-name", "prime256v1", "-out", "p256.params");
        X509CertificateHolder leaf = issueServer("bundled", "ec:" + dir.resolve("p256.params"));
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
}
