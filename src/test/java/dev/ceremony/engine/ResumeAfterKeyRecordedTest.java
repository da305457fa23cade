package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.audit.AuditTypes;
import dev.ceremony.testing.ChildJvm;
import dev.ceremony.testing.ShownFacts;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestToken;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.Token;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ceremony killed after its new key was generated and recorded, before the step's own record,
 * resumes with that key: the key is shown as the interrupted run's, used, and neither generated
 * again nor refused as a stranger on the token.
 */
@SoftHsm
class ResumeAfterKeyRecordedTest {

    @TempDir
    Path dir;

    @Test
    void aKeyRecordedByTheKilledRun_isUsedOnResume_notGeneratedAgain(TestToken testToken) throws Exception {
        Path config = testToken.writeApplianceConfig(dir.resolve("appliance"), List.of("preflight:",
                "  allow-network: true"));
        Map<String, String> environment = Map.of("CEREMONY_PIN", testToken.userPin(), "CEREMONY_DEBUG_LOG",
                dir.resolve("debug.log").toString());
        TestCli cli = new TestCli(dir, environment);
        List<String> root = args(config, "root-ca");
        TestCli.Result rooted = cli.run(root.toArray(String[]::new));
        assertThat(rooted.status()).as(rooted.all()).isZero();
        List<String> intermediate = args(config, "intermediate-ca", "--param", "ca=device-ca", "--param",
                "common-name=Recorded Device CA");
        // The fingerprint is printed once the key-generated record is synced, before the step's record.
        ChildJvm.killAt(environment, "  SHA-256 of public key 'device-ca'", intermediate);

        TestCli.Result resumed = cli.run(intermediate.toArray(String[]::new));

        assertThat(resumed.status()).as(resumed.all()).isZero();
        assertThat(resumed.out().replaceAll("\\s+", " ")).contains("Key 'device-ca' was generated and recorded "
                + "by the interrupted run; used, not generated again.");
        Path log = dir.resolve("appliance/records/audit.jsonl");
        assertThat(ShownFacts.newest(log, "generate-key")).startsWith("The key the interrupted run generated on the "
                + "token and recorded, to be used:");
        assertThat(Files.readAllLines(log).stream().filter(line -> line.contains("\"type\":\""
                + AuditTypes.KEY_GENERATED + "\"") && line.contains("\"label\":\"device-ca\"")).count())
                .as("generated once").isEqualTo(1);
        try (Token token = testToken.openLoggedIn()) {
            assertThat(token.listKeys()).extracting(KeyHandle::label).containsExactlyInAnyOrder("audit-signer",
                    "root-ca", "device-ca");
        }
        TestCli.Result audit = cli.run("audit", "verify", log.toString());
        assertThat(audit.status()).as(audit.all()).isZero();
    }

    private List<String> args(Path config, String script, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", script, "--batch", "--operator", "Alice Admin", "--witness",
                "Wendy Witness", "--export", Files.createDirectories(dir.resolve("usb")).toString(), "--config",
                config.toString()));
        args.addAll(List.of(more));
        return args;
    }
}
