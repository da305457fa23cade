package dev.ceremony.engine;

import static dev.ceremony.testing.BatchCli.completes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.testing.BatchCli;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestToken;
import dev.ceremony.testing.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch run refused in its setup blocks no other ceremony: a missing medium is refused before
 * the log is touched, a refusal while the ceremony has changed nothing of the CA (preflight, import, review) ends
 * its ceremony as refused (recorded, sealed), and only a ceremony that changed the CA is left to
 * resume, which {@code status} warns of until it is resumed or aborted.
 */
@SoftHsm
class RefusedInSetupTest {

    @TempDir
    Path dir;

    @Test
    void aRefusalBeforeAnyChange_endsItsCeremony_andACeremonyCutShortAfterAChange_isNamedByStatusUntilAborted(TestToken token)
            throws Exception {
        BatchCli cli = new BatchCli(token, dir);
        Path usb = Files.createDirectories(dir.resolve("usb"));
        Path log = dir.resolve("appliance/records/audit.jsonl");
        completes(cli.batch("root-ca", "--export", usb.toString()));

        byte[] before = Files.readAllBytes(log);
        TestCli.Result noExport = cli.batch("intermediate-ca", "--param", "ca=server-ca", "--param",
                "common-name=Server CA");
        assertThat(noExport.status()).as(noExport.all()).isEqualTo(1);
        assertThat(noExport.err()).contains("this ceremony exports: name the export medium (--export DIR). Nothing "
                + "was written or touched");
        assertThat(Files.readAllBytes(log)).as("what can be checked before the start leaves no trace")
                .isEqualTo(before);

        TestCli.Result unplugged = cli.batch("intermediate-ca", "--param", "ca=server-ca", "--param",
                "common-name=Server CA", "--export", dir.resolve("unplugged").toString());
        assertThat(unplugged.status()).as(unplugged.all()).isEqualTo(1);
        assertThat(unplugged.out()).contains("refused before it changed anything: preflight export: the export "
                + "medium " + dir.resolve("unplugged") + " cannot be used");
        assertThat(Files.readString(log)).contains("\"outcome\":\"refused\"");
        assertThat(cli.run("status").out()).doesNotContain("did not finish");
        TestCli.Result verified = cli.bare("audit", "verify", log.toString());
        assertThat(verified.status()).as(verified.all()).isZero();
        completes(cli.batch("intermediate-ca", "--param", "ca=server-ca", "--param", "common-name=Another Server CA",
                "--param", "permitted-dns=example.com", "--export", usb.toString()));

        TestCli.Result empty = cli.batch("sign-csrs", "--import", Files.createDirectories(dir.resolve("empty")).toString(),
                "--param", "profile=mqtt-server", "--param", "issuer=server-ca", "--export", usb.toString());
        assertThat(empty.status()).as(empty.all()).isEqualTo(1);
        assertThat(empty.out()).as("an import that finds nothing changed nothing: ended, not left to block")
                .contains("refused before it changed anything: no request was imported");
        assertThat(cli.run("status").out()).doesNotContain("did not finish");

        Path refusedOnly = Files.createDirectories(dir.resolve("refused-only"));
        assertThat(Tool.run(dir, "openssl", "req", "-new", "-nodes", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-keyout", dir.resolve("single.key").toString(), "-out",
                refusedOnly.resolve("single.csr").toString(), "-subj", "/CN=single-label").exitCode()).isZero();
        TestCli.Result noneAccepted = cli.batch("sign-csrs", "--import", refusedOnly.toString(), "--param",
                "profile=mqtt-server", "--param", "issuer=server-ca", "--export", usb.toString());
        assertThat(noneAccepted.status()).as(noneAccepted.all()).isEqualTo(1);
        assertThat(noneAccepted.out()).as("a review that accepts nothing changed nothing either")
                .contains("refused before it changed anything: no request passed the review");
        assertThat(cli.run("status").out()).doesNotContain("did not finish");
        String log2 = Files.readString(log);
        assertThat(log2.split("\"type\":\"ceremony-end\",\"outcome\":\"refused\"", -1))
                .as("three ceremonies ended as refused").hasSize(4);

        // Killed once its key exists, a ceremony has changed the CA: it is left to resume, and status says so.
        cli.batchKilledAt("Step 3 of", "intermediate-ca", "--param", "ca=device-ca", "--param",
                "common-name=Device CA", "--export", usb.toString());
        assertThat(cli.run("status").out()).containsPattern("ceremony intermediate-ca-\\S+ did not finish, and every "
                + "other ceremony is refused until it does: run intermediate-ca again with the same parameters to "
                + "resume it, or end it with: ceremony run intermediate-ca --abort REASON");
        assertThat(cli.run("run", "intermediate-ca", "--abort", "cut short on purpose").status()).isZero();
        assertThat(cli.run("status").out()).doesNotContain("did not finish");
        completes(cli.batch("intermediate-ca", "--param", "ca=device-ca", "--param", "common-name=Device CA",
                "--export", usb.toString()));
    }
}
