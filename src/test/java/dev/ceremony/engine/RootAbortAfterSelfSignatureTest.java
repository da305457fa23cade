package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.audit.AuditTypes;
import dev.ceremony.testing.BatchCli;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestToken;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.Token;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A root ceremony stopped after the self-signature, before the root certified the audit key: an
 * abort would leave a root no ceremony may finish, so it is refused, says what to do, and changes
 * nothing; running root-ca again finishes it with the same root.
 */
@SoftHsm
class RootAbortAfterSelfSignatureTest {

    @TempDir
    Path dir;

    @Test
    void abortAfterTheSelfSignature_isRefusedWithWhatToDo_andTheRerunCertifiesTheAuditKeyWithTheSameRoot(
            TestToken testToken) throws Exception {
        BatchCli cli = new BatchCli(testToken, dir);
        Path out = Files.createDirectories(dir.resolve("usb"));
        Path log = dir.resolve("appliance/records/audit.jsonl");

        cli.batchKilledAt("Step 5 of 7", "root-ca", "--export", out.toString());
        assertThat(count(log, AuditTypes.CA_CERTIFICATE_STORED)).as("killed after the self-signature").isEqualTo(1);
        assertThat(count(log, AuditTypes.AUDIT_CERTIFICATE)).as("and before the audit key was certified").isZero();
        String before = Files.readString(log);

        TestCli.Result aborted = cli.run("run", "root-ca", "--abort", "the witness had to leave", "--operator",
                "Alice Admin", "--witness", "Wendy Witness");

        assertThat(aborted.status()).as(aborted.all()).isEqualTo(1);
        assertThat(aborted.all().replaceAll("\\s+", " ")).contains("cannot be aborted: the root certificate is "
                + "already self-signed").contains("Run root-ca again instead: it resumes after the self-signature")
                .contains("no second root is made").contains("start over on a freshly initialised token");
        assertThat(Files.readString(log)).as("the refused abort changed nothing").isEqualTo(before);

        TestCli.Result resumed = cli.batch("root-ca", "--export", out.toString());

        assertThat(resumed.status()).as(resumed.all()).isZero();
        assertThat(resumed.out()).contains("self-sign-root: completed in the interrupted run");
        assertThat(count(log, AuditTypes.AUDIT_CERTIFICATE)).isEqualTo(1);
        assertThat(count(log, AuditTypes.KEY_GENERATED)).as("one root key, one audit key").isEqualTo(2);
        try (Token token = testToken.openLoggedIn()) {
            assertThat(token.listKeys()).extracting(KeyHandle::label).containsExactlyInAnyOrder("audit-signer",
                    "root-ca");
        }
        Path rootCertificate;
        try (var folders = Files.list(out)) {
            rootCertificate = folders.map(folder -> folder.resolve("root-ca.cert.pem")).filter(Files::exists)
                    .findFirst().orElseThrow();
        }
        TestCli.Result verified = cli.bare("audit", "verify", log.toString(), "--root", rootCertificate.toString());
        assertThat(verified.status()).as(verified.all()).isZero();
    }

    private static long count(Path log, String type) throws Exception {
        return Files.readAllLines(log).stream().filter(line -> line.contains("\"type\":\"" + type + "\"")).count();
    }
}
