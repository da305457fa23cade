package dev.ceremony.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.audit.AuditTypes;
import dev.ceremony.audit.AuditVerifier;
import dev.ceremony.audit.TokenSealSigner;
import dev.ceremony.audit.VerificationReport;
import dev.ceremony.files.AuditLogFile;
import dev.ceremony.files.JournalCaRecords;
import dev.ceremony.pki.CaSigner;
import dev.ceremony.pki.CertificateIssuer;
import dev.ceremony.pki.KeyIds;
import dev.ceremony.pki.Names;
import dev.ceremony.pki.SubjectData;
import dev.ceremony.pki.TokenSerials;
import dev.ceremony.pki.lint.Linter;
import dev.ceremony.testing.ChildJvm;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestHierarchy;
import dev.ceremony.testing.TestToken;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.Token;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The records tied to the audit log: write-ahead, rebuild from the log, and kill -9 during issuance. */
@SoftHsm
class RecordsAndLogTest {

    private static final int KILLS = 8;

    @TempDir
    Path dir;

    /** Root and device CA issued through the audited records, CA certificates stored, log sealed. */
    private void setUp(Token token, Path records, Path log) {
        KeyHandle audit = key(token, "audit");
        KeyHandle root = key(token, "root-ca");
        KeyHandle deviceCa = key(token, "device-ca");
        try (AuditLogFile trail = AuditLogFile.create(log, Clock.systemUTC(), "setup", audit.requirePublicKey().getEncoded(),
                Map.of()); AuditedCaRecords audited = new AuditedCaRecords(JournalCaRecords.open(records), trail)) {
            RecordingIssuer issuer = new RecordingIssuer(new CertificateIssuer(token, new RecordedSerials(
                    new TokenSerials(token), audited), Linter.standard(), TestHierarchy.BC, Clock.systemUTC(),
                    Duration.ofMinutes(5)), audited);
            X500Name rootName = Names.subject(TestHierarchy.DN, "Records Test Root");
            X509CertificateHolder rootCertificate = issuer.issue(new CertificateIssuer.Request(
                    TestHierarchy.profile("root-ca"), new SubjectData(rootName, List.of(), TestHierarchy.spki(root)),
                    CaSigner.selfSigning(root, rootName), Optional.empty(), Optional.empty()), false).certificate();
            X509CertificateHolder deviceCertificate = issuer.issue(new CertificateIssuer.Request(
                    TestHierarchy.profile("intermediate-ca"), new SubjectData(Names.subject(TestHierarchy.DN,
                            "Records Test Device CA"), List.of(), TestHierarchy.spki(deviceCa)),
                    CaSigner.of(root, rootCertificate), Optional.empty(), Optional.empty()), false).certificate();
            audited.storeCaCertificate("root-ca", rootCertificate);
            audited.storeCaCertificate("device-ca", deviceCertificate);
            X509CertificateHolder spare = issuer.issue(new CertificateIssuer.Request(
                    TestHierarchy.profile("intermediate-ca"), new SubjectData(Names.subject(TestHierarchy.DN,
                            "Records Test Spare CA"), List.of(), TestHierarchy.spki(key(token, "spare-ca"))),
                    CaSigner.of(root, rootCertificate), Optional.empty(), Optional.empty()), false).certificate();
            audited.revoke(KeyIds.subjectKeyId(rootCertificate), spare.getSerialNumber(), Instant.now(),
                    RevocationReason.SUPERSEDED);
            audited.reserveCrlNumber(KeyIds.subjectKeyId(rootCertificate));
            trail.seal(new TokenSealSigner(token, audit, TestHierarchy.BC));
        }
    }

    /** The test classes share one token; each test has its own records and log. */
    private static KeyHandle key(Token token, String label) {
        return token.findKey(new KeyLabel(label)).orElseGet(() -> token.generateKeyPair(new KeyLabel(label), KeySpec.EC_P256));
    }

    @Test
    void lostRecords_areRebuiltFromTheLog_andNoSerialIsReused(TestToken testToken) throws Exception {
        Path records = dir.resolve("records");
        Path log = dir.resolve("audit.jsonl");
        try (Token token = testToken.openLoggedIn()) {
            setUp(token, records, log);
        }
        List<IssuedEntry> before;
        try (JournalCaRecords original = JournalCaRecords.open(records)) {
            before = Indexed.all(original);
        }
        Path rebuilt = dir.resolve("rebuilt");

        try (JournalCaRecords fresh = JournalCaRecords.open(rebuilt)) {
            List<String> repairs = RecordsReconciler.reconcile(Files.readAllBytes(log), fresh);

            assertThat(repairs).anyMatch(r -> r.startsWith("reserved serial"))
                    .anyMatch(r -> r.startsWith("entered certificate")).anyMatch(r -> r.startsWith("revoked certificate"))
                    .anyMatch(r -> r.startsWith("reserved CRL number 1")).anyMatch(r -> r.startsWith("stored CA certificate"))
                    .anyMatch(r -> r.startsWith("kept 1 signed certificate(s)"));
            for (IssuedEntry entry : before) {
                assertThat(fresh.certificate(entry.issuerKeyId(), entry.serial())).as("the signed certificate, for exports")
                        .hasValueSatisfying(c -> assertThat(c.getSerialNumber()).isEqualTo(entry.serial()));
            }
            assertThat(Indexed.all(fresh)).hasSameSizeAs(before);
            assertThat(Indexed.all(fresh)).extracting(IssuedEntry::serial).containsExactlyElementsOf(
                    before.stream().map(IssuedEntry::serial).toList());
            assertThat(Indexed.all(fresh)).extracting(e -> e.revocation().isPresent()).containsExactly(false, false, true);
            assertThat(fresh.caCertificate("device-ca")).isPresent();
            for (IssuedEntry entry : before) {
                assertThat(fresh.serialUsed(entry.serial())).isTrue();
            }
            String rootId = before.get(0).issuerKeyId();
            assertThat(fresh.reserveCrlNumber(rootId)).isEqualTo(BigInteger.TWO);
        }
        try (JournalCaRecords fresh = JournalCaRecords.open(rebuilt)) {
            assertThat(RecordsReconciler.reconcile(Files.readAllBytes(log), fresh)).as("nothing left to repair").isEmpty();
        }
    }

    @Test
    void aCertificateKeptButNotYetIndexedAtACrash_entersTheIndexFromTheLog(TestToken testToken) throws Exception {
        Path records = dir.resolve("records");
        Path log = dir.resolve("audit.jsonl");
        try (Token token = testToken.openLoggedIn()) {
            setUp(token, records, log);
        }
        List<String> lines = Files.readAllLines(log);
        int issuedLine = -1;
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains("\"type\":\"" + AuditTypes.CERTIFICATE_ISSUED + "\"")) {
                issuedLine = i;
                break;
            }
        }
        assertThat(lines.get(issuedLine - 1)).as("the certificates were kept just before").contains(
                AuditTypes.CERTIFICATES_STORED);
        Path cut = dir.resolve("cut.jsonl");
        Files.write(cut, lines.subList(0, issuedLine));

        try (JournalCaRecords fresh = JournalCaRecords.open(dir.resolve("rebuilt-from-cut"))) {
            List<String> repairs = RecordsReconciler.reconcile(Files.readAllBytes(cut), fresh);

            assertThat(repairs).anyMatch(r -> r.contains("signed and kept before a crash cut off its issue record"));
            assertThat(Indexed.all(fresh)).hasSize(3);
            assertThat(Indexed.all(fresh).get(2).profile()).isEqualTo("intermediate-ca");
        }
    }

    @Test
    void recordsChangedOutsideACeremony_areRefused(TestToken testToken) throws Exception {
        Path records = dir.resolve("records");
        Path log = dir.resolve("audit.jsonl");
        try (Token token = testToken.openLoggedIn()) {
            setUp(token, records, log);
        }
        try (JournalCaRecords journal = JournalCaRecords.open(records)) {
            BigInteger serial = new BigInteger("deadbeef", 16);
            journal.reserve(List.of(new Reservation(serial, "aa", "mqtt-device", "00")));
            journal.recordIssued(List.of(new IssuedEntry(serial, "aa", "mqtt-device", "CN=x", "x", List.of(), "00",
                    Instant.now(), Instant.now().plusSeconds(60), false, Optional.empty())));

            assertThatThrownBy(() -> RecordsReconciler.reconcile(Files.readAllBytes(log), journal))
                    .hasMessageContaining("the records hold certificate deadbeef that the audit log never issued");
        }
    }

    @Test
    void issuanceKilledAtRandom_leavesRecordsThatTheLogRepairs_withNoDuplicateSerial(TestToken testToken)
            throws Exception {
        Path records = dir.resolve("records");
        Path log = dir.resolve("audit.jsonl");
        try (Token token = testToken.openLoggedIn()) {
            setUp(token, records, log);
        }
        Random random = new Random(4711);
        int repairedRuns = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = ChildJvm.start("dev.ceremony.testing.IssuanceCrashWriter", records.toString(),
                    log.toString(), testToken.label(), testToken.userPin());
            BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String repairs = output.readLine();
            assertThat(repairs).as("child output").startsWith("repairs ");
            if (!repairs.equals("repairs 0")) {
                repairedRuns++;
            }
            assertThat(output.readLine()).isEqualTo("ready");
            Thread.sleep(100 + random.nextInt(400));
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }

        byte[] finalLog = Files.readAllBytes(log);
        VerificationReport report = new AuditVerifier(TestHierarchy.BC).verify(finalLog, Optional.empty(), Optional.empty());
        assertThat(report.valid()).as(report.toString()).isTrue();
        try (JournalCaRecords journal = JournalCaRecords.open(records)) {
            List<String> repairs = RecordsReconciler.reconcile(finalLog, journal);
            List<dev.ceremony.audit.AuditEntry> entries = new String(finalLog, StandardCharsets.UTF_8).lines()
                    .map(dev.ceremony.audit.AuditEntry::parse).toList();
            long issuedInLog = entries.stream().filter(e -> e.type().equals(AuditTypes.CERTIFICATE_ISSUED)).count();
            long keptInLog = entries.stream().filter(e -> e.type().equals(AuditTypes.CERTIFICATES_STORED))
                    .mapToLong(e -> ((List<?>) e.data().get("certificates")).size()).sum();
            assertThat(Indexed.all(journal)).as("every certificate signed and kept is in the index, even when a kill cut off "
                    + "its issue record").hasSize((int) keptInLog);
            assertThat(issuedInLog).isLessThanOrEqualTo(keptInLog);
            StatusReport status = new CaStatus(new AuditVerifier(TestHierarchy.BC),
                    dev.ceremony.config.WarningWindows.DEFAULT).report(journal, Optional.of(() -> new java.io.ByteArrayInputStream(finalLog)), Instant.now());
            assertThat(status.issued() + 2).as("status counts every certificate the log kept, besides the two "
                    + "stored CA certificates (root and device CA) of the set-up").isEqualTo(keptInLog);
            assertThat(status.log().orElseThrow().valid()).isTrue();
            Set<BigInteger> serials = new HashSet<>();
            for (IssuedEntry entry : Indexed.all(journal)) {
                assertThat(serials.add(entry.serial())).as("serial %s once", entry.serial().toString(16)).isTrue();
            }
            System.out.println("records crash test: " + KILLS + " kills, " + issuedInLog + " certificates, "
                    + repairedRuns + " runs began with repairs, final repairs " + repairs.size());
        }
    }
}
