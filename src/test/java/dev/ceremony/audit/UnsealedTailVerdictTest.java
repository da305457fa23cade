package dev.ceremony.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestToken;
import dev.ceremony.token.Token;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records after the last seal are not authenticated: whoever can append to the file could have
 * written them. With the witnessed head they make the log invalid; without it the verdict is
 * "valid up to the last seal" with its own exit status. A final line that is a whole record is a
 * record, newline or not; only a partial line is a torn tail.
 */
@SoftHsm
class UnsealedTailVerdictTest {

    @TempDir
    static Path dir;

    private static Token token;
    private static SealedLog sealed;
    private static byte[] appended;
    private static Path rootFile;

    @BeforeAll
    static void writeLogs(TestToken testToken) throws Exception {
        token = testToken.openLoggedIn();
        sealed = SealedLog.build(token, dir.resolve("audit.jsonl"), "audit-key", "root-key");
        appended = sealed.withUnsealedRecord(dir.resolve("appended.jsonl"));
        rootFile = Files.writeString(dir.resolve("root.pem"), dev.ceremony.pki.Pem.certificate(sealed.root()));
    }

    @AfterAll
    static void close() {
        token.close();
    }

    private static TestCli.Result verify(String name, byte[] log, String... head) throws Exception {
        Path file = Files.write(dir.resolve(name), log);
        List<String> args = new java.util.ArrayList<>(List.of("audit", "verify", file.toString(), "--root",
                rootFile.toString()));
        if (head.length > 0) {
            args.addAll(List.of("--head", head[0]));
        }
        return new TestCli(dir).run(args.toArray(String[]::new));
    }

    private static byte[] withoutFinalNewline(byte[] log) {
        return Arrays.copyOf(log, log.length - 1);
    }

    @Test
    void aRecordAppendedAfterTheLastSeal_withoutHead_isValidOnlyUpToTheSeal_withExitStatus3() throws Exception {
        TestCli.Result result = verify("cli-appended.jsonl", appended);

        assertThat(result.status()).as(result.all()).isEqualTo(3);
        assertThat(result.out()).contains("records      12")
                .contains("Result: VALID up to record 11; 1 record(s) after the last seal are not authenticated")
                .doesNotContain("Result: VALID\n");
        VerificationReport report = new AuditVerifier(dev.ceremony.testing.TestHierarchy.BC).verify(appended,
                Optional.of(sealed.root()), Optional.empty());
        assertThat(report.verdict()).isEqualTo(VerificationReport.Verdict.VALID_UP_TO_LAST_SEAL);
        assertThat(report.authenticated()).isEqualTo(11);
        assertThat(report.unauthenticated()).isEqualTo(1);
    }

    @Test
    void aRecordAppendedAfterTheWitnessedHead_withHead_isInvalid_namingIt() throws Exception {
        TestCli.Result result = verify("cli-appended-head.jsonl", appended, sealed.head());

        assertThat(result.status()).as(result.all()).isEqualTo(1);
        assertThat(result.out())
                .contains("the witnessed head " + sealed.head() + " is in the log: record 11 of 12; 1 record(s) follow it: "
                        + "0 sealed, 1 unsealed")
                .contains("Result: INVALID at line 12: it comes after the witnessed head (record 11) and no seal "
                        + "covers it");
    }

    @Test
    void theWitnessedHead_saysWhereItSits_andHowManySealedRecordsFollowIt() throws Exception {
        String firstCeremonysHead = AuditChain.sha256(SealedLog.lines(sealed.bytes()).get(6));

        TestCli.Result result = verify("cli-earlier-head.jsonl", sealed.bytes(), firstCeremonysHead);

        assertThat(result.status()).as(result.all()).isZero();
        assertThat(result.out()).contains("the witnessed head " + firstCeremonysHead + " is in the log: record 7 of 11; "
                + "4 record(s) follow it: 4 sealed, 0 unsealed").contains("Result: VALID\n");
    }

    @Test
    void aWholeRecordWithoutItsNewline_isARecord_notATornTail() throws Exception {
        TestCli.Result unsealed = verify("cli-no-newline.jsonl", withoutFinalNewline(appended));
        TestCli.Result unsealedWithHead = verify("cli-no-newline-head.jsonl", withoutFinalNewline(appended),
                sealed.head());
        TestCli.Result sealedSeal = verify("cli-seal-no-newline.jsonl", withoutFinalNewline(sealed.bytes()),
                sealed.head());

        assertThat(unsealed.status()).as(unsealed.all()).isEqualTo(3);
        assertThat(unsealed.out()).contains("records      12").contains("torn tail    none")
                .contains("Result: VALID up to record 11; 1 record(s) after the last seal are not authenticated");
        assertThat(unsealedWithHead.status()).as(unsealedWithHead.all()).isEqualTo(1);
        assertThat(unsealedWithHead.out()).contains("Result: INVALID at line 12: it comes after the witnessed head");
        assertThat(sealedSeal.status()).as(sealedSeal.all()).isZero();
        assertThat(sealedSeal.out()).contains("records      11").contains("torn tail    none")
                .contains("Result: VALID\n");
    }

    @Test
    void aWholeRecordWithoutItsNewline_thatDoesNotChain_isInvalid() throws Exception {
        List<String> lines = SealedLog.lines(appended);
        String forged = lines.get(11).replace(lines.get(11).substring(lines.get(11).indexOf("\"prev\":\"") + 8,
                lines.get(11).indexOf("\"prev\":\"") + 8 + 64), "f".repeat(64));
        byte[] log = (new String(sealed.bytes(), StandardCharsets.UTF_8) + forged).getBytes(StandardCharsets.UTF_8);

        TestCli.Result result = verify("cli-forged-no-newline.jsonl", log);

        assertThat(result.status()).as(result.all()).isEqualTo(1);
        assertThat(result.out()).contains("Result: INVALID at line 12: it does not chain to line 11");
    }
}
