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
 * The import, export and records media are distinct folders in every run, however their paths are
 * written; a run that names one folder for two is refused before the log is touched, and the next
 * ceremony runs. (Each pair of roles on real folders: {@code files.MediaRolesTest}.)
 */
@SoftHsm
class DistinctMediaTest {

    @TempDir
    Path dir;

    @Test
    void oneFolderForTwoRoles_isRefusedWithoutATrace_andTheNextCeremonyRuns(TestToken token) throws Exception {
        BatchCli cli = new BatchCli(token, dir);
        Path usb = Files.createDirectories(dir.resolve("usb"));
        Path log = dir.resolve("appliance/records/audit.jsonl");

        TestCli.Result oneFolder = cli.batch("root-ca", "--import", usb + "/.", "--export", usb + "/");
        assertThat(oneFolder.status()).as(oneFolder.all()).isEqualTo(1);
        assertThat(oneFolder.err()).contains("the import medium " + usb + "/. and the export medium " + usb
                + " are the same folder");
        assertThat(log).as("refused before anything was written").doesNotExist();
        completes(cli.batch("root-ca", "--export", usb.toString()));

        Path mirrored = token.writeApplianceConfig(dir.resolve("mirrored"));
        Files.writeString(mirrored, Files.readString(mirrored).replace("  directory: records\n",
                "  directory: records\n  mirror: records/./copy\n"));
        TestCli.Result nestedMirror = new TestCli(dir).run("run", "root-ca", "--batch", "--operator", "Alice Admin",
                "--witness", "Wendy Witness", "--export", usb.toString(), "--config", mirrored.toString());
        assertThat(nestedMirror.status()).as(nestedMirror.all()).isEqualTo(1);
        assertThat(nestedMirror.err()).contains("the mirror (records.mirror in ceremony.yaml) " + dir.resolve(
                "mirrored/records/copy") + " lies inside the records directory");
        assertThat(dir.resolve("mirrored/records/audit.jsonl")).doesNotExist();

        byte[] before = Files.readAllBytes(log);
        TestCli.Result onRecords = cli.batch("intermediate-ca", "--param", "ca=server-ca", "--param",
                "common-name=Server CA", "--export", dir.resolve("appliance/records/usb").toString());
        assertThat(onRecords.status()).as(onRecords.all()).isEqualTo(1);
        assertThat(onRecords.err()).contains("the export medium " + dir.resolve("appliance/records/usb")
                + " lies inside the records directory");
        Path link = Files.createSymbolicLink(dir.resolve("usb-link"), usb);
        TestCli.Result linked = cli.batch("intermediate-ca", "--param", "ca=server-ca", "--param",
                "common-name=Server CA", "--import", link.toString(), "--export", usb.toString());
        assertThat(linked.status()).as(linked.all()).isEqualTo(1);
        assertThat(linked.err()).contains("are the same folder (" + usb.toRealPath() + ")");
        assertThat(Files.readAllBytes(log)).as("no trace in the log").isEqualTo(before);

        completes(cli.batch("intermediate-ca", "--param", "ca=server-ca", "--param", "common-name=Server CA",
                "--export", usb.toString()));
    }
}
