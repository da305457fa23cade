package dev.ceremony.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestToken;
import dev.ceremony.testing.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The records (audit log, journal, certificates, quarantine, transcripts) are the owner's alone
 * whatever the umask: directories 0700, files 0600. Exports stay as readable as any new file, and
 * {@code status} warns when the records are open to others.
 */
@SoftHsm
class RecordsPermissionsTest {

    @TempDir
    Path dir;

    @Test
    void ceremonies_writeRecordsForTheOwnerOnly_exportsStayReadable_andStatusWarnsWhenRecordsAreOpened(
            TestToken testToken) throws Exception {
        Path config = testToken.writeApplianceConfig(dir.resolve("appliance"), List.of("preflight:",
                "  allow-network: true"));
        Path out = Files.createDirectories(dir.resolve("usb"));
        Path requests = Files.createDirectories(dir.resolve("requests"));
        assertThat(Tool.run(requests, "openssl", "req", "-new", "-nodes", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-keyout", dir.resolve("device.key").toString(), "-out", "device-1.csr",
                "-subj", "/CN=device-1").exitCode()).isZero();
        TestCli cli = new TestCli(dir, Map.of("CEREMONY_PIN", testToken.userPin()));
        run(cli, config, out, "root-ca");
        run(cli, config, out, "intermediate-ca", "--param", "ca=device-ca", "--param", "common-name=Device CA");
        run(cli, config, out, "sign-csrs", "--import", requests.toString(), "--param", "profile=mqtt-device",
                "--param", "issuer=device-ca");

        Path records = dir.resolve("appliance/records");
        SoftAssertions soft = new SoftAssertions();
        List<Path> recordPaths = tree(records);
        assertThat(recordPaths).as("the records hold the log, the journal, certificates, quarantine and transcripts")
                .anyMatch(path -> path.endsWith("audit.jsonl"))
                .anyMatch(path -> path.toString().contains("/quarantine/"))
                .anyMatch(path -> path.toString().contains("/transcripts/"))
                .anyMatch(path -> path.toString().contains("/ca/"));
        for (Path path : recordPaths) {
            soft.assertThat(mode(path)).as(path.toString()).isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
        }
        String newFile = mode(Files.createFile(out.resolve("reference")));
        List<Path> exported = tree(out).stream().filter(Files::isRegularFile).filter(f -> !f.endsWith("reference"))
                .toList();
        assertThat(exported).isNotEmpty();
        for (Path file : exported) {
            soft.assertThat(mode(file)).as(file.toString()).isEqualTo(newFile);
        }
        soft.assertAll();

        String quiet = cli.run("status", "--config", config.toString()).out();
        assertThat(quiet).doesNotContain("readable by others");
        Path journal = recordPaths.stream().filter(path -> path.getFileName().toString().startsWith("journal"))
                .findFirst().orElse(records.resolve("audit.jsonl"));
        Files.setPosixFilePermissions(records, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rw-r--r--"));

        TestCli.Result status = cli.run("status", "--config", config.toString());

        assertThat(status.status()).as(status.all()).isZero();
        assertThat(status.out()).containsPattern("(?s)Warnings\\n.*- the records are readable by others: "
                + records + " \\(rwxr-xr-x\\), " + journal + " \\(rw-r--r--\\)");
        assertThat(status.out()).contains("chmod -R go-rwx " + records);
    }

    private static void run(TestCli cli, Path config, Path out, String script, String... more) throws Exception {
        TestCli.Result result = cli.run(TestCli.batchRun(script, out, config, more).toArray(String[]::new));
        assertThat(result.status()).as(result.all()).isZero();
    }

    private static List<Path> tree(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.toList();
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
