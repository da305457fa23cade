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
 * The import, export and records media are distinct folders in every run, however their paths are
 * written; a run that names one folder for two is refused before the log is touched, and the next
 * ceremony runs. (Each pair of roles on real folders: {@code files.MediaRolesTest}.)
 */
@SoftHsm
class DistinctMediaTest {

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
    void oneFolderForTwoRoles_isRefusedWithoutATrace_andTheNextCeremonyRuns(TestToken token) throws Exception {
        config = token.writeApplianceConfig(dir.resolve("appliance"), List.of("preflight:", "  allow-network: true"));
        cli = new TestCli(dir, Map.of("CEREMONY_PIN", token.userPin(), "CEREMONY_DEBUG_LOG",
                dir.resolve("debug.log").toString()));
        Path usb = Files.createDirectories(dir.resolve("usb"));
        Path log = dir.resolve("appliance/records/audit.jsonl");

        TestCli.Result oneFolder = batch("root-ca", "--import", usb + "/.", "--export", usb + "/");
        assertThat(oneFolder.status()).as(oneFolder.all()).isEqualTo(1);
        assertThat(oneFolder.err()).contains("the import medium " + usb + "/. and the export medium " + usb
                + " are the same folder");
        assertThat(log).as("refused before anything was written").doesNotExist();
        completes(batch("root-ca", "--export", usb.toString()));

        byte[] before = Files.readAllBytes(log);
        TestCli.Result onRecords = batch("intermediate-ca", "--param", "ca=server-ca", "--param",
                "common-name=Server CA", "--export", dir.resolve("appliance/records/usb").toString());
        assertThat(onRecords.status()).as(onRecords.all()).isEqualTo(1);
        assertThat(onRecords.err()).contains("the export medium " + dir.resolve("appliance/records/usb")
                + " lies inside the records directory");
        Path link = Files.createSymbolicLink(dir.resolve("usb-link"), usb);
        TestCli.Result linked = batch("intermediate-ca", "--param", "ca=server-ca", "--param",
                "common-name=Server CA", "--import", link.toString(), "--export", usb.toString());
        assertThat(linked.status()).as(linked.all()).isEqualTo(1);
        assertThat(linked.err()).contains("are the same folder (" + usb.toRealPath() + ")");
        assertThat(Files.readAllBytes(log)).as("no trace in the log").isEqualTo(before);

        completes(batch("intermediate-ca", "--param", "ca=server-ca", "--param", "common-name=Server CA",
                "--export", usb.toString()));
    }
}
