package dev.ceremony.engine;

import static dev.ceremony.testing.BatchCli.completes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.testing.BatchCli;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestToken;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch run refused in its setup blocks no other ceremony: a missing medium is refused before
 * the log is touched, a preflight refusal ends its ceremony as refused (recorded, sealed), and only a ceremony that stopped after its setup is left to
 * resume, which {@code status} warns of until it is resumed or aborted.
 */
@SoftHsm
class RefusedInSetupTest {

    @TempDir
    Path dir;

    @Test
    void aPreflightRefusal_endsItsCeremony_andAStopAfterTheSetup_isNamedByStatusUntilAborted(TestToken token)
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
        assertThat(empty.out()).contains("stopped: step 'import' refused");
        assertThat(cli.run("status").out()).containsPattern("ceremony sign-csrs-\\S+ did not finish, and every other "
                + "ceremony is refused until it does: run sign-csrs again with the same parameters to resume it, or "
                + "end it with: ceremony run sign-csrs --abort REASON");
        assertThat(cli.run("run", "sign-csrs", "--abort", "nothing to sign").status()).isZero();
        assertThat(cli.run("status").out()).doesNotContain("did not finish");
        completes(cli.batch("intermediate-ca", "--param", "ca=device-ca", "--param", "common-name=Device CA",
                "--export", usb.toString()));
    }
}
