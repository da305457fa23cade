package dev.ceremony.testing;

import dev.ceremony.config.DnDefaults;
import dev.ceremony.files.JournalCaRecords;
import dev.ceremony.pki.CaSigner;
import dev.ceremony.pki.CertificateIssuer;
import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.pki.NameConstraintsSpec;
import dev.ceremony.pki.Names;
import dev.ceremony.pki.Pem;
import dev.ceremony.pki.SubjectData;
import dev.ceremony.pki.TokenSerials;
import dev.ceremony.pki.csr.CsrReader;
import dev.ceremony.pki.csr.ParsedCsr;
import dev.ceremony.pki.lint.Linter;
import dev.ceremony.records.RecordedSerials;
import dev.ceremony.records.RecordingIssuer;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.Token;
import dev.ceremony.yaml.ProfileReader;
import dev.ceremony.yaml.StrictYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The seed's hierarchy, issued on a test token with the real issuer and records: a P-384 root, a
 * server CA constrained to example.com, 192.0.2.0/24 and 127.0.0.0/8, and an unconstrained device CA. The CA
 * certificates are written as PEM into the directory, where the peer tools find them.
 */
public final class TestHierarchy implements AutoCloseable {

    public static final BouncyCastleProvider BC = new BouncyCastleProvider();
    public static final DnDefaults DN = new DnDefaults("DE", Optional.empty(), Optional.empty(), "Ceremony Test Org",
            Optional.of("PKI"));

    public final Path dir;
    public final Token token;
    public final JournalCaRecords records;
    public final RecordingIssuer issuer;
    public final KeyHandle rootKey;
    public final KeyHandle serverCaKey;
    public final KeyHandle deviceCaKey;
    public final X509CertificateHolder root;
    public final X509CertificateHolder serverCa;
    public final X509CertificateHolder deviceCa;

    /** Opens the test token (logged in) and issues the hierarchy into {@code dir}; close() closes both. */
    public TestHierarchy(TestToken testToken, Path dir) throws IOException {
        this.dir = dir;
        this.token = testToken.openLoggedIn();
        records = JournalCaRecords.open(dir.resolve("records"));
        issuer = new RecordingIssuer(new CertificateIssuer(token, new RecordedSerials(new TokenSerials(token), records),
                Linter.standard(), BC, Clock.systemUTC(), Duration.ofMinutes(5)), records);
        rootKey = token.generateKeyPair(new KeyLabel("root-ca"), KeySpec.EC_P384);
        serverCaKey = token.generateKeyPair(new KeyLabel("server-ca-2026"), KeySpec.EC_P256);
        deviceCaKey = token.generateKeyPair(new KeyLabel("device-ca-2026"), KeySpec.EC_P256);
        X500Name rootName = Names.subject(DN, "Ceremony Test Root CA");
        root = issue("root-ca", new SubjectData(rootName, List.of(), spki(rootKey)),
                CaSigner.selfSigning(rootKey, rootName), Optional.empty());
        serverCa = issue("intermediate-ca", new SubjectData(Names.subject(DN, "Ceremony Test Server CA 2026"),
                List.of(), spki(serverCaKey)), CaSigner.of(rootKey, root),
                Optional.of(new NameConstraintsSpec(List.of("example.com"), List.of("192.0.2.0/24", "127.0.0.0/8"))));
        deviceCa = issue("intermediate-ca", new SubjectData(Names.subject(DN, "Ceremony Test Device CA 2026"),
                List.of(), spki(deviceCaKey)), CaSigner.of(rootKey, root), Optional.empty());
        write("root-ca.cert.pem", Pem.certificate(root));
        write("server-ca.cert.pem", Pem.certificate(serverCa));
        write("device-ca.cert.pem", Pem.certificate(deviceCa));
    }

    private X509CertificateHolder issue(String profile, SubjectData subject, CaSigner by,
            Optional<NameConstraintsSpec> constraints) {
        return issuer.issue(new CertificateIssuer.Request(profile(profile), subject, by, Optional.empty(), constraints),
                false).certificate();
    }

    public static CertificateProfile profile(String name) {
        return new ProfileReader(new StrictYaml()).read(
                TestToken.projectDir().resolve("ceremony-scripts/profiles/" + name + ".yaml"));
    }

    public static SubjectPublicKeyInfo spki(KeyHandle key) {
        return SubjectPublicKeyInfo.getInstance(key.requirePublicKey().getEncoded());
    }

    public Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** A key and CSR made by openssl ({@code -newkey keyAlgorithm}), read back through the CSR reader. */
    public ParsedCsr csr(String name, String keyAlgorithm, String subject, String sans) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl", "req", "-new", "-nodes", "-newkey", keyAlgorithm,
                "-keyout", name + ".key.pem", "-out", name + ".csr.pem", "-subj", subject));
        if (!sans.isEmpty()) {
            command.addAll(List.of("-addext", "subjectAltName=" + sans));
        }
        Tool made = Tool.run(dir, command);
        if (made.exitCode() != 0) {
            throw new IllegalStateException("openssl req failed: " + made);
        }
        return new CsrReader(BC).read(Files.readAllBytes(dir.resolve(name + ".csr.pem")));
    }

    /** The {@code -newkey} argument for an EC P-256 key. */
    public String p256() {
        Path params = dir.resolve("p256.params");
        if (!Files.exists(params)) {
            Tool.run(dir, "openssl", "ecparam", "-name", "prime256v1", "-out", "p256.params");
        }
        return "ec:" + params;
    }

    /**
     * Issues an mqtt-server certificate for mqtt.example.com, 192.0.2.10 and 127.0.0.1 (for the
     * broker test on loopback), writing cert and chain.
     */
    public X509CertificateHolder server(String name, String keyAlgorithm) throws IOException {
        ParsedCsr request = csr(name, keyAlgorithm, "/CN=mqtt.example.com",
                "DNS:mqtt.example.com,IP:192.0.2.10,IP:127.0.0.1");
        X509CertificateHolder leaf = issuer.issue(new CertificateIssuer.Request(profile("mqtt-server"),
                new SubjectData(Names.subject(DN, "mqtt.example.com"), request.requestedNames(), request.publicKey()),
                CaSigner.of(serverCaKey, serverCa), Optional.empty(), Optional.empty()), false).certificate();
        write(name + ".cert.pem", Pem.certificate(leaf));
        write(name + ".chain.pem", Pem.chain(leaf, List.of(serverCa)));
        return leaf;
    }

    /** Issues an amqtt device certificate for {@code deviceId} under fleet.example.com, writing cert and chain. */
    public X509CertificateHolder device(String deviceId) throws IOException {
        ParsedCsr request = csr(deviceId, p256(), "/CN=" + deviceId, "");
        X509CertificateHolder leaf = issuer.issue(new CertificateIssuer.Request(profile("mqtt-device"),
                new SubjectData(Names.subject(DN, deviceId), List.of(
                        new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://fleet.example.com/device/" + deviceId),
                        new GeneralName(GeneralName.dNSName, deviceId + ".local")), request.publicKey()),
                CaSigner.of(deviceCaKey, deviceCa), Optional.empty(), Optional.empty()), false).certificate();
        write(deviceId + ".cert.pem", Pem.certificate(leaf));
        write(deviceId + ".chain.pem", Pem.chain(leaf, List.of(deviceCa)));
        return leaf;
    }

    @Override
    public void close() {
        records.close();
        token.close();
    }
}
