package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.pkcs11.FaultyCryptoki;
import dev.ceremony.pkcs11.JdkCryptoki;
import dev.ceremony.testing.ShareFiles;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestToken;
import dev.ceremony.token.Pin;
import dev.ceremony.token.Token;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quorum-setup order on a wrong SO PIN: the current SO PIN is proven by an SO login before any
 * SO share is shown, so a wrong one (or one at its final try, which is never tried) stops the step
 * with no SO share handed out, written or recorded; the user PIN's quorum is already in force, and
 * the same command with the right SO PIN resumes at the SO step and hands out each SO share once.
 */
@SoftHsm
class QuorumResumeTest {

    @TempDir
    Path dir;

    private FaultyCryptoki seam;

    private TestCli.Result run(TestToken token, long extraFlags, List<String> args) {
        seam = null;
        TestCli cli = new TestCli(dir, Map.of("CEREMONY_PIN", token.userPin(), "CEREMONY_DEBUG_LOG",
                dir.resolve("debug.log").toString()), library -> {
                    seam = new FaultyCryptoki(JdkCryptoki.load(library), extraFlags, null);
                    return seam;
                });
        return cli.run(args.toArray(String[]::new));
    }

    private Path secretFile(String name, String content) throws IOException {
        Path file = dir.resolve("secret").resolve(name);
        Files.createDirectories(file.getParent());
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content + "\n");
        return file;
    }

    /** The log's records of {@code type} for the SO PIN. */
    private static List<String> soRecords(Path log, String type) throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.contains("\"type\":\"" + type + "\",\"pin\":\"so\"")).toList();
        }
    }

    @Test
    void aWrongSoPin_stopsQuorumSetupBeforeAnySoShareIsShown_andTheResumeHandsEachShareOutOnce(TestToken token)
            throws Exception {
        Path config = token.writeApplianceConfig(dir.resolve("appliance"), List.of("preflight:", "  allow-network: true"));
        Path log = config.getParent().resolve("records/audit.jsonl");
        List<String> people = List.of("--config", config.toString(), "--operator", "Alice Admin", "--witness",
                "Wendy Witness");
        List<String> root = new ArrayList<>(List.of("run", "root-ca", "--batch", "--export",
                Files.createDirectories(dir.resolve("out")).toString()));
        root.addAll(people);
        assertThat(run(token, 0, root).status()).isZero();
        Path wrong = secretFile("wrong-so-pin", "not-the-so-pin");
        Path right = secretFile("so-pin", token.soPin());
        List<String> setup = new ArrayList<>(List.of("run", "quorum-setup", "--batch", "--param",
                "custodians=Ann, Bob", "--param", "threshold=2", "--param", "so-custodians=Sam, Sue", "--param",
                "so-threshold=2"));
        setup.addAll(people);

        // The user PIN's quorum is set; the wrong SO PIN is tried once, by an SO login, and stops the step.
        Path first = Files.createDirectories(dir.resolve("secret/first"));
        List<String> failing = new ArrayList<>(setup);
        failing.addAll(List.of("--share-out", first.toString(), "--so-pin-file", wrong.toString()));
        TestCli.Result refused = run(token, 0, failing);
        assertThat(refused.status()).as(refused.all()).isEqualTo(1);
        assertThat(refused.all()).contains("rejected the current SO PIN")
                .contains("No share of the SO PIN of token '" + token.label() + "' was handed out")
                .doesNotContain("void");
        assertThat(seam.soLogins).as("SO logins: the one proof").hasValue(1);
        assertThat(seam.setPins).as("C_SetPIN: the user PIN's only").hasValue(1);
        List<Path> user = ShareFiles.named(first, "user-");
        assertThat(user).hasSize(2);
        assertThat(ShareFiles.named(first, "so-")).as("SO share files written").isEmpty();
        assertThat(soRecords(log, "share-handed-out")).isEmpty();
        assertThat(soRecords(log, "quorum-set")).isEmpty();
        assertThat(soRecords(log, "pin-changed")).isEmpty();
        assertThat(Files.readString(log)).contains("\"type\":\"refusal\",\"step\":\"share-so-pin\"");

        // At the SO PIN's final try the SO PIN is not even tried.
        Path second = Files.createDirectories(dir.resolve("secret/second"));
        List<String> finalTry = new ArrayList<>(setup);
        finalTry.addAll(List.of("--share-out", second.toString(), "--so-pin-file", right.toString(), "--share-file",
                user.get(0).toString(), "--share-file", user.get(1).toString()));
        TestCli.Result spared = run(token, FaultyCryptoki.SO_PIN_FINAL_TRY, finalTry);
        assertThat(spared.status()).as(spared.all()).isEqualTo(1);
        assertThat(spared.all()).contains("FINAL TRY").contains("No share of the SO PIN");
        assertThat(seam.soLogins).as("SO logins at FINAL_TRY").hasValue(0);
        assertThat(ShareFiles.named(second, "so-")).isEmpty();
        assertThat(soRecords(log, "share-handed-out")).isEmpty();

        // The right SO PIN: the run resumes at the SO step and hands out each SO share exactly once.
        Path third = Files.createDirectories(dir.resolve("secret/third"));
        List<String> resumed = new ArrayList<>(setup);
        resumed.addAll(List.of("--share-out", third.toString(), "--so-pin-file", right.toString(), "--share-file",
                user.get(1).toString(), "--share-file", user.get(0).toString()));
        TestCli.Result done = run(token, 0, resumed);
        assertThat(done.status()).as(done.all()).isZero();
        assertThat(done.out()).contains("Resuming ceremony quorum-setup").contains("The current SO PIN is right")
                .contains("The token took the new SO PIN");
        assertThat(seam.soLogins).as("SO logins: the proof, then the change").hasValue(2);
        assertThat(ShareFiles.named(third, "user-")).as("user shares handed out again").isEmpty();
        List<Path> so = ShareFiles.named(third, "so-");
        assertThat(so).hasSize(2);
        assertThat(soRecords(log, "share-handed-out")).hasSize(2)
                .anyMatch(line -> line.contains("\"index\":1,\"custodian\":\"Sam\""))
                .anyMatch(line -> line.contains("\"index\":2,\"custodian\":\"Sue\""));
        assertThat(soRecords(log, "quorum-set")).hasSize(1);
        assertThat(soRecords(log, "pin-changed")).singleElement().asString().contains("\"outcome\":\"changed\"");
        TestCli.Result status = new TestCli(dir).run("status", "--config", config.toString());
        assertThat(status.out()).contains("custodians: Ann, Bob").contains("custodians: Sam, Sue");

        // The token: the SO shares give its SO PIN, and the old SO PIN is refused.
        try (Token opened = token.open(); Pin userPin = Pin.of(ShareFiles.pinOf(user).toCharArray());
                Pin soPin = Pin.of(ShareFiles.pinOf(so).toCharArray());
                Pin oldSo = Pin.of(token.soPin().toCharArray())) {
            opened.login(userPin, identity -> false);
            opened.proveSoPin(soPin, userPin);
            assertThatThrownBy(() -> opened.proveSoPin(oldSo, userPin)).hasMessageContaining("rejected the current SO PIN");
        }
    }
}
