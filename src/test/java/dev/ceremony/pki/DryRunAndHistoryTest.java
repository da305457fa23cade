package dev.ceremony.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.pki.csr.CsrReader;
import dev.ceremony.pki.csr.ParsedCsr;
import dev.ceremony.pki.csr.PolicySettings;
import dev.ceremony.pki.csr.RequestPolicy;
import dev.ceremony.pki.csr.Verdict;
import dev.ceremony.pki.lint.LintFinding;
import dev.ceremony.pki.lint.Linter;
import dev.ceremony.records.RecordsHistory;
import dev.ceremony.records.RevocationReason;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestHierarchy;
import dev.ceremony.testing.TestToken;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.Token;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dry run before a CA key exists, and the request policy against the real records. */
@SoftHsm
class DryRunAndHistoryTest {

    @TempDir
    static Path dir;

    private static Token token;
    private static TestHierarchy pki;

    @BeforeAll
    static void hierarchy(TestToken testToken) throws Exception {
        pki = new TestHierarchy(testToken, dir);
        token = pki.token;
    }

    @AfterAll
    static void close() {
        pki.close();
    }

    @Test
    void rootDryRun_lintsWithAPlaceholderKey_andTouchesNeitherTokenNorRecords() throws Exception {
        CertificateIssuer issuer = new CertificateIssuer(token, () -> {
            throw new AssertionError("a dry run draws no serial");
        }, Linter.standard(), TestHierarchy.BC, Clock.systemUTC(), Duration.ofMinutes(5));
        KeyHandle placeholder = PlaceholderKeys.handle("root-ca-2027", KeySpec.EC_P384);
        X500Name name = Names.subject(TestHierarchy.DN, "Ceremony Test Root CA 2027");
        int keysBefore = token.listKeys().size();
        long journalBefore = Files.size(dir.resolve("records/journal.jsonl"));

        List<LintFinding> clean = issuer.dryRun(new CertificateIssuer.Request(TestHierarchy.profile("root-ca"),
                new SubjectData(name, List.of(), TestHierarchy.spki(placeholder)),
                CaSigner.selfSigning(placeholder, name), Optional.empty(), Optional.empty()));
        List<LintFinding> tooLong = issuer.dryRun(new CertificateIssuer.Request(TestHierarchy.profile("root-ca"),
                new SubjectData(name, List.of(), TestHierarchy.spki(placeholder)),
                CaSigner.selfSigning(placeholder, name), Optional.of(10_000), Optional.empty()));

        assertThat(clean).isEmpty();
        assertThat(tooLong).extracting(LintFinding::rule).containsExactly("validity-profile-maximum");
        assertThat(token.listKeys()).hasSize(keysBefore);
        assertThat(Files.size(dir.resolve("records/journal.jsonl"))).isEqualTo(journalBefore);
    }

    @Test
    void aNewIntermediateKey_cannotTakeTheNameOfAnOldOne() {
        KeyHandle next = token.generateKeyPair(new dev.ceremony.token.KeyLabel("server-ca-next"), KeySpec.EC_P256);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pki.issuer.issue(new CertificateIssuer.Request(
                TestHierarchy.profile("intermediate-ca"), new SubjectData(pki.serverCa.getSubject(), List.of(),
                        TestHierarchy.spki(next)), CaSigner.of(pki.rootKey, pki.root), Optional.empty(), Optional.empty()),
                false))
                .isInstanceOf(dev.ceremony.records.RecordsException.class)
                .hasMessageContaining("already belongs to another key")
                .hasMessageContaining("its own name");
        X509CertificateHolder renamed = pki.issuer.issue(new CertificateIssuer.Request(
                TestHierarchy.profile("intermediate-ca"), new SubjectData(
                        Names.subject(TestHierarchy.DN, "Ceremony Test Server CA 2027"), List.of(), TestHierarchy.spki(next)),
                CaSigner.of(pki.rootKey, pki.root), Optional.empty(), Optional.empty()), false).certificate();
        assertThat(renamed.getSubject().toString()).endsWith("CN=Ceremony Test Server CA 2027");
    }

    @Test
    void policyAgainstTheRecords_refusesACertifiedDevice_untilItIsRevoked() throws Exception {
        X509CertificateHolder device = pki.device("sensor-0100");
        Set<String> caKeys = token.listKeys().stream().map(k -> k.publicKeySha256().orElseThrow())
                .collect(Collectors.toSet());
        RecordsHistory history = new RecordsHistory(pki.records, caKeys, Clock.systemUTC());
        RequestPolicy policy = new RequestPolicy(new CsrReader(TestHierarchy.BC), new PolicySettings(TestHierarchy.DN,
                List.of("example.com"), Optional.of("fleet.example.com"), 20));
        byte[] again = pki.csr("sensor-0100-again", pki.p256(), "/CN=sensor-0100", "").request().getEncoded();

        Verdict before = policy.evaluate(TestHierarchy.profile("mqtt-device"), "again.csr", again, history);
        pki.records.revoke(KeyIds.subjectKeyId(pki.deviceCa), device.getSerialNumber(), java.time.Instant.now(),
                RevocationReason.SUPERSEDED);
        history = new RecordsHistory(pki.records, caKeys, Clock.systemUTC());
        Verdict after = policy.evaluate(TestHierarchy.profile("mqtt-device"), "again.csr", again, history);

        assertThat(before.rules()).containsExactly("subject-already-certified");
        assertThat(after.accepted()).as(after.refusals().toString()).isTrue();
        assertThat(history.isCertified(device.getSubjectPublicKeyInfo())).as("revoked").isFalse();
        assertThat(history.isCaKey(TestHierarchy.spki(pki.rootKey))).isTrue();
        assertThat(history.isCaKey(SubjectPublicKeyInfo.getInstance(device.getSubjectPublicKeyInfo()))).isFalse();
    }

    @Test
    void aCertifiedServerKey_isRefusedUnderAnotherName_andRenewsItsOwnWithTheSerial() throws Exception {
        X509CertificateHolder broker = pki.server("reused-broker", pki.p256());
        byte[] otherName = reusedKeyCsr("other-name", "/CN=mqtt2.example.com", "DNS:mqtt2.example.com");
        byte[] sameName = reusedKeyCsr("same-name", "/CN=mqtt.example.com", "DNS:mqtt.example.com");
        RecordsHistory history = new RecordsHistory(pki.records, Set.of(), Clock.systemUTC());
        RequestPolicy policy = new RequestPolicy(new CsrReader(TestHierarchy.BC), new PolicySettings(TestHierarchy.DN,
                List.of("example.com"), Optional.of("fleet.example.com"), 20));

        Verdict reuse = policy.evaluate(TestHierarchy.profile("mqtt-server"), "other-name.csr", otherName, history);
        Verdict renewal = policy.evaluate(TestHierarchy.profile("mqtt-server"), "same-name.csr", sameName, history);

        assertThat(reuse.rules()).containsExactly("key-already-certified");
        assertThat(renewal.accepted()).as(renewal.refusals().toString()).isTrue();
        assertThat(renewal.renewalOf()).contains(broker.getSerialNumber());
    }

    @Test
    void aKeyTheRecordsHoldUnderTwoNames_renewsNeither() throws Exception {
        ParsedCsr request = pki.csr("twice-certified", pki.p256(), "/CN=a.example.com", "DNS:a.example.com");
        for (String host : List.of("a.example.com", "b.example.com")) {
            pki.issuer.issue(new CertificateIssuer.Request(TestHierarchy.profile("mqtt-server"), new SubjectData(
                    Names.subject(TestHierarchy.DN, host), List.of(new org.bouncycastle.asn1.x509.GeneralName(
                            org.bouncycastle.asn1.x509.GeneralName.dNSName, host)), request.publicKey()),
                    CaSigner.of(pki.serverCaKey, pki.serverCa), Optional.empty(), Optional.empty()), false);
        }
        RecordsHistory history = new RecordsHistory(pki.records, Set.of(), Clock.systemUTC());

        assertThat(history.isCertifiedOnlyAs(request.publicKey(), "mqtt-server", "a.example.com")).isFalse();
        assertThat(history.isCertifiedOnlyAs(request.publicKey(), "mqtt-server", "b.example.com")).isFalse();
        assertThat(history.validSerial("mqtt-server", "b.example.com")).isPresent();
    }

    /** A request made by openssl with the key of the reused-broker certificate. */
    private static byte[] reusedKeyCsr(String name, String subject, String sans) throws Exception {
        assertThat(dev.ceremony.testing.Tool.run(dir, "openssl", "req", "-new", "-key", "reused-broker.key.pem",
                "-out", name + ".csr.pem", "-subj", subject, "-addext", "subjectAltName=" + sans).exitCode()).isZero();
        return Files.readAllBytes(dir.resolve(name + ".csr.pem"));
    }
}
