package dev.ceremony.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.testing.ChildJvm;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestHierarchy;
import dev.ceremony.testing.TestToken;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.Token;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM appends and seals in a loop and is killed with SIGKILL at random moments, 20 times.
 * After every kill the log verifies up to its last complete record, and the next writer repairs a
 * torn line and goes on.
 */
@SoftHsm
class AuditCrashTest {

    private static final int KILLS = 20;

    @Test
    void killedWriters_neverLeaveALogThatFailsToVerify(TestToken testToken, @TempDir Path dir) throws Exception {
        try (Token token = testToken.openLoggedIn()) {
            token.generateKeyPair(new KeyLabel("crash-audit"), KeySpec.EC_P256);
        }
        Path log = dir.resolve("audit.jsonl");
        AuditVerifier verifier = new AuditVerifier(TestHierarchy.BC);
        Random random = new Random(20261122L);
        int previousRecords = 0;
        int torn = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = ChildJvm.start("dev.ceremony.testing.AuditCrashWriter", log.toString(), testToken.label(),
                    testToken.userPin(), "crash-audit");
            BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String first = output.readLine();
            assertThat(first).as("the writer started").isEqualTo("ready");
            Thread.sleep(random.nextInt(250));
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

            VerificationReport report = verifier.verify(Files.readAllBytes(log), Optional.empty(), Optional.empty());
            assertThat(report.valid()).as("after kill %d: %s", kill, report).isTrue();
            assertThat(report.records()).as("records only ever grow").isGreaterThan(previousRecords);
            if (report.tornTailBytes().isPresent()) {
                torn++;
            }
            previousRecords = report.records();
        }
        String text = Files.readString(log);
        long repairs = text.lines().filter(line -> line.contains("\"type\":\"repair\"")).count();
        assertThat(repairs).as("every torn tail but possibly the last was repaired by the next writer")
                .isGreaterThanOrEqualTo(Math.max(0, torn - 1));
        System.out.println("audit crash test: " + KILLS + " kills, " + torn + " torn tails, " + repairs + " repairs, "
                + previousRecords + " records");
    }
}
