package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch run refused in its setup blocks no other ceremony: a preflight refusal ends its ceremony
 * as refused (recorded, sealed), and only a ceremony that stopped after its setup is left to
 * resume, which {@code status} warns of until it is resumed or aborted.
 */
@SoftHsm
class RefusedInSetupTest {

    @TempDir
    Path dir;

    private TestCli cli;
    private Path config;

    private TestCli.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString()));
        return cli.run(all.toArray(String[]::new));
    }

    private TestCli.Result batch(String script, String... more) {
        List<String> args = new ArrayList<>(List.of("run", script, "--batch", "--operator", "Alice Admin", "--witness",
                "Wendy Witness"));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private static void completes(TestCli.Result result) {
        assertThat(result.status()).as(result.all()).isZero();
        assertThat(result.out()).contains(" completed.");
    }

    @Test
    void aPreflightRefusal_endsItsCeremony_andAStopAfterTheSetup_isNamedByStatusUntilAborted(TestToken token)
            throws Exception {
        config = token.writeApplianceConfig(dir.resolve("appliance"), List.of("preflight:", "  allow-network: true"));
        cli = new TestCli(dir, Map.of("CEREMONY_PIN", token.userPin(), "CEREMONY_DEBUG_LOG",
                dir.resolve("debug.log").toString()));
        Path usb = Files.createDirectories(dir.resolve("usb"));
        Path log = dir.resolve("appliance/records/audit.jsonl");
        completes(batch("root-ca", "--export", usb.toString()));

        TestCli.Result unplugged = batch("intermediate-ca", "--param", "ca=server-ca", "--param",
                "common-name=Server CA", "--export", dir.resolve("unplugged").toString());
        assertThat(unplugged.status()).as(unplugged.all()).isEqualTo(1);
        assertThat(unplugged.out()).contains("refused before it changed anything: preflight export: the export "
                + "medium " + dir.resolve("unplugged") + " cannot be used");
        assertThat(Files.readString(log)).contains("\"outcome\":\"refused\"");
        assertThat(run("status").out()).doesNotContain("did not finish");
        TestCli.Result verified = cli.run("audit", "verify", log.toString());
        assertThat(verified.status()).as(verified.all()).isZero();
        completes(batch("intermediate-ca", "--param", "ca=server-ca", "--param", "common-name=Another Server CA",
                "--param", "permitted-dns=example.com", "--export", usb.toString()));

        TestCli.Result empty = batch("sign-csrs", "--import", Files.createDirectories(dir.resolve("empty")).toString(),
                "--param", "profile=mqtt-server", "--param", "issuer=server-ca", "--export", usb.toString());
        assertThat(empty.status()).as(empty.all()).isEqualTo(1);
        assertThat(empty.out()).contains("stopped: step 'import' refused");
        assertThat(run("status").out()).containsPattern("ceremony sign-csrs-\\S+ did not finish, and every other "
                + "ceremony is refused until it does: run sign-csrs again with the same parameters to resume it, or "
                + "end it with: ceremony run sign-csrs --abort REASON");
        assertThat(run("run", "sign-csrs", "--abort", "nothing to sign").status()).isZero();
        assertThat(run("status").out()).doesNotContain("did not finish");
        completes(batch("intermediate-ca", "--param", "ca=device-ca", "--param", "common-name=Device CA",
                "--export", usb.toString()));
    }
}
