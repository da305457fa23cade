package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.bench.CsrFactory;
import dev.ceremony.testing.ChildJvm;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ceremony killed while it imports or exports leaves a quarantine or export folder it never
 * completed. Its next run, or its abort, removes them; one it cannot reach is named in the
 * transcript and by {@code status}. No zero-length file is left beside a finished export.
 */
@SoftHsm
class IncompleteFoldersTest {

    @TempDir
    Path dir;

    private Path config;
    private Path usb;
    private Map<String, String> environment;

    @Test
    void killedImportsAndExports_areRemovedByTheNextRunOrTheAbort_orNamedWhenOutOfSight(TestToken testToken)
            throws Exception {
        config = testToken.writeApplianceConfig(dir.resolve("appliance"), List.of("preflight:", "  allow-network: true"));
        usb = Files.createDirectories(dir.resolve("usb"));
        environment = Map.of("CEREMONY_PIN", testToken.userPin(), "CEREMONY_DEBUG_LOG", dir.resolve("debug.log")
                .toString());
        TestCli cli = new TestCli(dir, environment);
        assertThat(cli.run(args("root-ca").toArray(String[]::new)).status()).isZero();
        assertThat(cli.run(args("intermediate-ca", "--param", "ca=device-ca", "--param",
                "common-name=Leftover Device CA").toArray(String[]::new)).status()).isZero();
        Path quarantine = dir.resolve("appliance/records/quarantine");

        // One more leaf than an export chunk, so that the export prints its progress half way.
        Path first = requests("first");
        List<String> sign = signFrom(first);
        ChildJvm.killAt(environment, "  refused first-000500.txt", sign);
        assertThat(folders(quarantine)).as("the killed import left its folder").hasSize(1);
        ChildJvm.killAt(environment, "  exporting: 1000 of 1001", sign);
        assertThat(folders(quarantine)).as("the next run removed the killed import's folder; its own is whole")
                .hasSize(1);
        assertThat(folders(usb).stream().filter(f -> f.getFileName().toString().startsWith("sign-csrs-")))
                .as("the killed export's folder, without SHA256SUMS").hasSize(1)
                .allMatch(f -> !Files.exists(f.resolve("SHA256SUMS")));

        TestCli.Result resumed = cli.run(sign.toArray(String[]::new));

        assertThat(resumed.status()).as(resumed.all()).isZero();
        assertThat(resumed.out()).contains("Removed the incomplete export folder");
        assertFinishedExportsOnly();
        assertThat(newestTranscript()).contains("INCOMPLETE QUARANTINE FOLDER REMOVED: " + quarantine)
                .contains("INCOMPLETE EXPORT FOLDER REMOVED: " + usb);

        // Killed while exporting, then aborted with the export medium out of sight: named, not lost.
        List<String> signAgain = signFrom(requests("second"));
        ChildJvm.killAt(environment, "  exporting: 1000 of 1001", signAgain);
        Path incomplete = folders(usb).stream().filter(f -> !Files.exists(f.resolve("SHA256SUMS"))).findFirst()
                .orElseThrow();
        Path unplugged = Files.move(usb, dir.resolve("usb-unplugged"));

        TestCli.Result aborted = cli.run("run", "sign-csrs", "--abort", "the export medium failed", "--operator",
                "Alice Admin", "--witness", "Wendy Witness", "--config", config.toString());

        assertThat(aborted.status()).as(aborted.all()).isZero();
        assertThat(aborted.out().replaceAll("\\s+", " ")).contains("Could not remove the incomplete export folder " + incomplete);
        assertThat(newestTranscript())
                .contains("INCOMPLETE EXPORT FOLDER LEFT, remove it by hand: " + incomplete + " (its medium (" + usb
                        + ") is not in sight)");
        assertThat(status(cli)).contains("the incomplete export folder " + incomplete + " of ceremony sign-csrs-")
                .contains("its medium is not in sight");

        Files.move(unplugged, usb);
        assertThat(status(cli)).contains("the incomplete export folder " + incomplete + " of ceremony sign-csrs-")
                .doesNotContain("its medium is not in sight");
        deleteTree(incomplete);
        assertThat(status(cli)).doesNotContain("incomplete export folder");
    }

    private String status(TestCli cli) {
        TestCli.Result status = cli.run("status", "--config", config.toString());
        assertThat(status.status()).as(status.all()).isZero();
        return status.out().replaceAll("\\s+", " ");
    }

    /** Every folder on the export medium has its SHA256SUMS, and no file in it is empty. */
    private void assertFinishedExportsOnly() throws Exception {
        for (Path folder : folders(usb)) {
            assertThat(folder.resolve("SHA256SUMS")).as(folder + " is finished").exists();
            try (Stream<Path> files = Files.walk(folder)) {
                assertThat(files.filter(Files::isRegularFile).toList()).allSatisfy(file ->
                        assertThat(Files.size(file)).as(file + " is not empty").isPositive());
            }
        }
    }

    private Path requests(String prefix) throws Exception {
        Path folder = dir.resolve(prefix);
        CsrFactory.main(new String[] {"1001", folder.toString(), prefix});
        Files.writeString(folder.resolve(prefix + "-000500.txt"), "not a request\n");
        return folder;
    }

    private List<String> signFrom(Path requests) {
        return args("sign-csrs", "--import", requests.toString(), "--param", "profile=mqtt-device", "--param",
                "issuer=device-ca");
    }

    private List<String> args(String script, String... more) {
        return TestCli.batchRun(script, usb, config, more);
    }

    private String newestTranscript() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("appliance/records/transcripts"))) {
            Path newest = files.max((a, b) -> {
                try {
                    return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).orElseThrow();
            return Files.readString(newest).replaceAll("\\s+", " ");
        }
    }

    private static List<Path> folders(Path parent) throws Exception {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(parent)) {
            return listing.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static void deleteTree(Path folder) throws Exception {
        try (Stream<Path> tree = Files.walk(folder)) {
            for (Path path : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
