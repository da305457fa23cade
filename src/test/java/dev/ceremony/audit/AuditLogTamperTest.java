package dev.ceremony.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.files.AuditLogFile;
import dev.ceremony.pki.Names;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestHierarchy;
import dev.ceremony.testing.TestToken;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.Token;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small real log, sealed by an audit key on SoftHSM and tied to a root, attacked every way the
 * issue lists: each deletion, each adjacent swap, flipped bytes in each record, truncation at every
 * point, a torn tail, a seal by the wrong key, a splice of two logs.
 */
@SoftHsm
class AuditLogTamperTest {

    @TempDir
    static Path dir;

    private static Token token;
    private static TokenSealSigner signer;
    private static X509CertificateHolder root;
    private static byte[] log;
    private static String head;
    private static final AuditVerifier VERIFIER = new AuditVerifier(TestHierarchy.BC);

    @BeforeAll
    static void writeLog(TestToken testToken) throws Exception {
        token = testToken.openLoggedIn();
        SealedLog built = SealedLog.build(token, dir.resolve("audit.jsonl"), "audit-key", "root-key");
        log = built.bytes();
        root = built.root();
        signer = built.signer();
        head = built.head();
    }

    static byte[] buildLog(Path file, String auditLabel, String rootLabel) throws Exception {
        return SealedLog.build(token, file, auditLabel, rootLabel).bytes();
    }

    @AfterAll
    static void close() {
        token.close();
    }

    static List<String> lines(byte[] bytes) {
        return SealedLog.lines(bytes);
    }

    static byte[] join(List<String> lines) {
        return SealedLog.join(lines);
    }

    static VerificationReport verify(byte[] bytes, boolean withHead) {
        return VERIFIER.verify(bytes, Optional.of(root), withHead ? Optional.of(head) : Optional.empty());
    }

    private static String[] cli(String... args) {
        TestCli.Result result = new TestCli(dir).run(args);
        return new String[] {String.valueOf(result.status()), result.out(), result.err()};
    }

    @Test
    void auditVerifyCommand_printsTheSummary_andNamesTheFirstBadRecord() throws Exception {
        Path rootFile = Files.writeString(dir.resolve("root.pem"), dev.ceremony.pki.Pem.certificate(root));
        Path good = dir.resolve("cli-good.jsonl");
        Files.write(good, log);
        List<String> lines = lines(log);
        lines.set(4, lines.get(4).replace("root-ca", "root-cb"));
        Path bad = Files.write(dir.resolve("cli-bad.jsonl"), join(lines));

        String[] valid = cli("audit", "verify", good.toString(), "--root", rootFile.toString(), "--head", head);
        String[] invalid = cli("audit", "verify", bad.toString(), "--root", rootFile.toString());
        String[] noHead = cli("audit", "verify", good.toString(), "--head", "abc");

        assertThat(valid[0]).as(valid[1] + valid[2]).isEqualTo("0");
        assertThat(valid[1]).contains("records      11").contains("ceremonies   2").contains("seals        3")
                .contains("head         " + head).contains("the witnessed head " + head + " is in the log")
                .contains("Result: VALID");
        assertThat(invalid[0]).isEqualTo("1");
        assertThat(invalid[1]).contains("Result: INVALID at line 6: it does not chain to line 5");
        assertThat(noHead[0]).isEqualTo("1");
        assertThat(noHead[2]).contains("--head must be a SHA-256 in hex");
    }

    @Test
    void theReadmesRecipe_withStandardToolsOnly_agrees() throws Exception {
        Path rootFile = Files.writeString(dir.resolve("recipe-root.pem"), dev.ceremony.pki.Pem.certificate(root));
        Path good = Files.write(dir.resolve("recipe-good.jsonl"), log);
        List<String> lines = lines(log);
        lines.set(8, lines.get(8).replace("Alice", "Mallory"));
        Path bad = Files.write(dir.resolve("recipe-bad.jsonl"), join(lines));
        String script = TestToken.projectDir().resolve("docs/verify-audit-log-by-hand.sh").toString();

        dev.ceremony.testing.Tool passed = dev.ceremony.testing.Tool.run(dir, "bash", script, good.toString(),
                rootFile.toString());
        dev.ceremony.testing.Tool failed = dev.ceremony.testing.Tool.run(dir, "bash", script, bad.toString(),
                rootFile.toString());

        assertThat(passed.exitCode()).as(passed.toString()).isZero();
        assertThat(passed.output()).contains("records: 11   head: " + head).contains("seal on line 11: signature OK")
                .contains("RESULT: the log checks out");
        assertThat(failed.exitCode()).as(failed.toString()).isNotZero();
        assertThat(failed.output()).contains("line 10: does not chain");
    }

    @Test
    void untouchedLog_verifies_withRootAndHead() {
        VerificationReport report = verify(log, true);

        assertThat(report.valid()).as(report.toString()).isTrue();
        assertThat(report.records()).isEqualTo(11);
        assertThat(report.ceremonies()).isEqualTo(2);
        assertThat(report.seals()).isEqualTo(3);
        assertThat(report.unsealed()).isZero();
        assertThat(report.head()).isEqualTo(head);
        assertThat(report.certificate()).startsWith("issued by the root");
    }

    @Test
    void everyDeletion_isDetected_withOrWithoutHead() {
        for (int i = 0; i < lines(log).size(); i++) {
            List<String> lines = lines(log);
            lines.remove(i);
            for (boolean withHead : new boolean[] {true, false}) {
                VerificationReport report = verify(join(lines), withHead);
                if (i == lines(log).size() - 1 && !withHead) {
                    // Deleting the last record is a truncation: only the head can show it.
                    assertThat(report.unsealed()).as("deleting the final seal leaves an unsealed tail").isPositive();
                } else {
                    assertThat(report.valid()).as("deleting record %d (head %s): %s", i, withHead, report).isFalse();
                }
            }
        }
    }

    @Test
    void aChangedPaddingCharacterInTheLastSignature_isDetected() {
        List<String> lines = lines(log);
        String seal = lines.get(lines.size() - 1);
        String signature = seal.substring(seal.indexOf("\"sig\":\"") + 7, seal.length() - 2);
        int last = signature.replace("=", "").length() - 1;
        char original = signature.charAt(last);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int delta = 1; delta < 4; delta++) {
            char changed = alphabet.charAt((alphabet.indexOf(original) & ~3) | ((alphabet.indexOf(original) + delta) & 3));
            List<String> tampered = new ArrayList<>(lines);
            tampered.set(lines.size() - 1, seal.substring(0, seal.length() - 2 - signature.length() + last) + changed
                    + seal.substring(seal.length() - 2 - signature.length() + last + 1));
            VerificationReport report = verify(join(tampered), false);
            assertThat(report.valid()).as("last signature character %s -> %s: %s", original, changed, report).isFalse();
        }
    }

    @Test
    void everyAdjacentSwap_isDetected() {
        for (int i = 0; i + 1 < lines(log).size(); i++) {
            List<String> lines = lines(log);
            Collections.swap(lines, i, i + 1);
            VerificationReport report = verify(join(lines), false);
            assertThat(report.valid()).as("swapping %d and %d: %s", i, i + 1, report).isFalse();
            assertThat(report.problem().orElseThrow().line()).isEqualTo(i + 1);
        }
    }

    @Test
    void aFlippedByteAnywhere_isDetected() {
        List<String> original = lines(log);
        int offset = 0;
        for (int record = 0; record < original.size(); record++) {
            int length = original.get(record).getBytes(StandardCharsets.UTF_8).length;
            for (int at = 0; at < length; at++) {
                byte[] changed = log.clone();
                changed[offset + at] ^= 0x01;
                VerificationReport report = verify(changed, false);
                assertThat(report.valid()).as("flipping byte %d of record %d: %s", at, record, report).isFalse();
                assertThat(report.problem().orElseThrow().line()).as("the first bad record").isLessThanOrEqualTo(record + 2);
            }
            offset += length + 1;
        }
        // The last record has no successor whose prev would catch a change: try more bit patterns on it.
        int lastStart = log.length - 1 - original.get(original.size() - 1).getBytes(StandardCharsets.UTF_8).length;
        for (int at = lastStart; at < log.length - 1; at++) {
            for (int mask : new int[] {0x02, 0x04, 0x20, 0x40}) {
                byte[] changed = log.clone();
                changed[at] ^= (byte) mask;
                assertThat(verify(changed, false).valid()).as("byte %d ^ %x of the last record", at - lastStart, mask)
                        .isFalse();
            }
        }
    }

    @Test
    void truncationAtEveryRecord_isCaughtByTheHead_andWithoutItShowsAsAShorterOrUnsealedLog() {
        List<String> original = lines(log);
        for (int keep = 1; keep < original.size(); keep++) {
            byte[] truncated = join(original.subList(0, keep));
            VerificationReport withHead = verify(truncated, true);
            VerificationReport withoutHead = verify(truncated, false);

            assertThat(withHead.valid()).as("keeping %d records, with --head", keep).isFalse();
            assertThat(withHead.problem().orElseThrow().reason()).contains("is not in the log");
            assertThat(withoutHead.records()).isEqualTo(keep);
            assertThat(withoutHead.head()).isNotEqualTo(head);
        }
        VerificationReport unsealed = VERIFIER.verify(join(original.subList(0, 5)), Optional.empty(), Optional.empty());
        assertThat(unsealed.valid()).isTrue();
        assertThat(unsealed.unsealed()).as("records after the last seal").isEqualTo(1);
    }

    @Test
    void aTornFinalLine_isReportedAsSuch_andTheRestVerifies() {
        byte[] torn = Arrays.copyOf(log, log.length - 30);

        VerificationReport report = VERIFIER.verify(torn, Optional.of(root), Optional.empty());

        assertThat(report.valid()).isTrue();
        assertThat(report.tornTailBytes()).isPresent();
        assertThat(report.records()).isEqualTo(10);
    }

    @Test
    void reopeningAfterATornLine_cutsItOff_recordsTheRepair_andTheLogStillVerifies() throws Exception {
        Path file = dir.resolve("torn.jsonl");
        Files.write(file, Arrays.copyOf(log, log.length - 40));

        try (dev.ceremony.files.AuditLogFile audit = dev.ceremony.files.AuditLogFile.open(file, Clock.systemUTC())) {
            audit.append("note", Map.of("text", "after the crash"));
            audit.seal(signer);
        }
        VerificationReport report = verify(Files.readAllBytes(file), false);

        assertThat(report.valid()).as(report.toString()).isTrue();
        assertThat(report.tornTailBytes()).isEmpty();
        assertThat(lines(Files.readAllBytes(file)).get(10)).contains("\"type\":\"repair\"")
                .contains("\"removed-bytes\":" + (lines(log).get(10).length() + 1 - 40));
    }

    @Test
    void aSealByAnotherKey_isDetected() throws Exception {
        KeyHandle other = token.generateKeyPair(new KeyLabel("not-the-audit-key"), KeySpec.EC_P256);
        Path file = dir.resolve("wrong-key.jsonl");
        Files.write(file, log);
        try (AuditLogFile audit = AuditLogFile.open(file, Clock.systemUTC())) {
            audit.append("note", Map.of("text", "sealed by the wrong key"));
            audit.seal(new TokenSealSigner(token, other, TestHierarchy.BC));
        }
        VerificationReport report = verify(Files.readAllBytes(file), false);
        assertThat(report.valid()).isFalse();
        assertThat(report.problem().orElseThrow().reason()).contains("names another key");

        SealSigner forged = SealedLog.claiming(signer.keySha256(), new TokenSealSigner(token, other, TestHierarchy.BC));
        Path forgedFile = dir.resolve("forged.jsonl");
        Files.write(forgedFile, log);
        try (AuditLogFile audit = AuditLogFile.open(forgedFile, Clock.systemUTC())) {
            audit.seal(forged);
        }
        assertThat(verify(Files.readAllBytes(forgedFile), false).problem().orElseThrow().reason())
                .contains("does not verify with the audit key");
    }

    @Test
    void aLogSplicedFromTwoLogs_isDetected() throws Exception {
        byte[] other = buildLog(dir.resolve("other.jsonl"), "audit-key-b", "root-key-b");
        List<String> spliced = new ArrayList<>(lines(log).subList(0, 7));
        spliced.addAll(lines(other).subList(7, lines(other).size()));

        VerificationReport report = verify(join(spliced), false);

        assertThat(report.valid()).isFalse();
        assertThat(report.problem().orElseThrow().line()).isEqualTo(8);
    }

    @Test
    void aForeignRoot_doesNotVouchForTheAuditKey() throws Exception {
        byte[] other = buildLog(dir.resolve("other-root.jsonl"), "audit-key-c", "root-key-c");
        X509CertificateHolder foreignRoot = root;
        VerificationReport report = VERIFIER.verify(other, Optional.of(foreignRoot), Optional.empty());

        assertThat(report.valid()).isFalse();
        assertThat(report.problem().orElseThrow().reason()).contains("not issued by the given root");
    }
}
