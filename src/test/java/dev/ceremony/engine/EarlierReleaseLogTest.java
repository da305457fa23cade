package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.testing.TestCli;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logs written by release f8ac22f, kept as test resources: this build verifies them, and reads
 * the ceremony the earlier build left unfinished with what a resume is held to (the script, its
 * SHA-256, the parameters and the plan's hash, with no plan format: an earlier plan text).
 */
class EarlierReleaseLogTest {

    private static final String DIR = "/compat/f8ac22f/";

    @TempDir
    Path dir;

    private static InputStream resource(String name) {
        InputStream in = EarlierReleaseLogTest.class.getResourceAsStream(DIR + name);
        return Objects.requireNonNull(in, DIR + name + " is missing from the test resources");
    }

    private Path copy(String name) throws IOException {
        Path file = dir.resolve(name.replaceFirst("\\.gz$", ""));
        try (InputStream in = name.endsWith(".gz") ? new GZIPInputStream(resource(name)) : resource(name)) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void logsOfTheEarlierRelease_verifyWithItsRoot() throws IOException {
        Path root = copy("root-ca.cert.pem");
        TestCli cli = new TestCli(dir);
        for (String log : new String[] {"audit.after-complete.jsonl", "audit.after-kill.jsonl.gz"}) {
            TestCli.Result verified = cli.run("audit", "verify", copy(log).toString(), "--root", root.toString());
            boolean killed = log.contains("kill");
            // The kill left records after the last seal: valid up to that seal, and nothing vouches for the rest.
            assertThat(verified.status()).as(log + ":\n" + verified.all()).isEqualTo(killed ? 3 : 0);
            assertThat(verified.out()).as(log).contains(killed ? "Result: VALID up to record 3288; 2004 record(s) "
                    + "after the last seal are not authenticated" : "Result: VALID\n")
                    .contains("issued by the root C=DE,O=Rehearsal Organisation,CN=Example IoT Root CA");
        }
    }

    @Test
    void theCeremonyTheEarlierReleaseLeftUnfinished_isReadWithWhatItStartedWith() throws IOException {
        Path log = copy("audit.after-kill.jsonl.gz");
        LogState state = LogState.read(Optional.of(Files.newInputStream(log)), LogState.RESUME);

        LogState.Unfinished unfinished = state.unfinished().orElseThrow();
        assertThat(unfinished.ceremony()).isEqualTo("sign-csrs-20261205T195545Z");
        assertThat(unfinished.script()).isEqualTo("sign-csrs");
        assertThat(unfinished.completedSteps()).containsExactlyInAnyOrder("preflight", "import", "review");
        StartedPlan started = unfinished.started();
        assertThat(started.planFormat()).as("an earlier plan text").isEmpty();
        assertThat(started.planSha256().hex())
                .isEqualTo("57dd02d4fa2a5c73ec2ef56dd3c2fe26a267da6982b5ebf76624ec9d78561e68");
        assertThat(started.scriptSha256())
                .contains("bd7cec8b5a594e3ee36631d059504381c47d9c4d55658685d2325f0b713127bc");
        assertThat(started.parameters()).isEqualTo(Map.of("profile", "mqtt-server", "issuer", "server-ca"));

        LogState ended = LogState.read(Optional.of(Files.newInputStream(copy("audit.after-complete.jsonl"))),
                LogState.RESUME);
        assertThat(ended.unfinished()).as("every ceremony of this log ended").isEmpty();
    }
}
