package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestToken;
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
 * A wrong SO PIN at quorum-setup: the user PIN's quorum is already in force, the SO shares just
 * handed out are declared void, and the same command with the right SO PIN resumes at the SO
 * step, the user custodians logging in with their new shares.
 */
@SoftHsm
class QuorumResumeTest {

    @Test
    void aWrongSoPin_voidsTheSoShares_andTheRunResumesWithTheUserQuorumInForce(TestToken token, @TempDir Path dir)
            throws Exception {
        Path config = token.writeApplianceConfig(dir.resolve("appliance"), List.of("preflight:", "  allow-network: true"));
        TestCli cli = new TestCli(dir, Map.of("CEREMONY_PIN", token.userPin(), "CEREMONY_DEBUG_LOG",
                dir.resolve("debug.log").toString()));
        List<String> people = List.of("--config", config.toString(), "--operator", "Alice Admin", "--witness",
                "Wendy Witness");
        assertThat(cli.run(Stream.concat(Stream.of("run", "root-ca", "--batch", "--export",
                Files.createDirectories(dir.resolve("out")).toString()), people.stream()).toArray(String[]::new))
                .status()).isZero();
        Path secret = Files.createDirectories(dir.resolve("secret"));
        Path wrong = secret.resolve("wrong-so-pin");
        Files.createFile(wrong, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(wrong, "not-the-so-pin\n");
        Path right = secret.resolve("so-pin");
        Files.createFile(right, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(right, token.soPin() + "\n");
        Path first = Files.createDirectories(secret.resolve("first"));
        List<String> setup = new ArrayList<>(List.of("run", "quorum-setup", "--batch", "--param",
                "custodians=Ann, Bob", "--param", "threshold=2", "--param", "so-custodians=Sam, Sue", "--param",
                "so-threshold=2"));
        setup.addAll(people);

        List<String> failing = new ArrayList<>(setup);
        failing.addAll(List.of("--share-out", first.toString(), "--so-pin-file", wrong.toString()));
        TestCli.Result refused = cli.run(failing.toArray(String[]::new));
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.all()).contains("rejected the current SO PIN").contains("just handed out are void");
        String log = Files.readString(config.getParent().resolve("records/audit.jsonl"));
        assertThat(log).contains("\"type\":\"pin-changed\",\"pin\":\"so\"").contains("\"outcome\":\"refused\"");

        List<Path> user;
        try (Stream<Path> files = Files.list(first)) {
            user = files.filter(f -> f.getFileName().toString().startsWith("user-")).sorted().toList();
        }
        Path second = Files.createDirectories(secret.resolve("second"));
        List<String> resumed = new ArrayList<>(setup);
        resumed.addAll(List.of("--share-out", second.toString(), "--so-pin-file", right.toString(), "--share-file",
                user.get(1).toString(), "--share-file", user.get(0).toString()));
        TestCli.Result done = cli.run(resumed.toArray(String[]::new));
        assertThat(done.status()).as(done.all()).isZero();
        assertThat(done.out()).contains("Resuming ceremony quorum-setup").contains("The token took the new SO PIN");
        TestCli.Result status = cli.run("status", "--config", config.toString());
        assertThat(status.out()).contains("custodians: Ann, Bob").contains("custodians: Sam, Sue");
    }
}
