package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.FileAdapters;
import dev.ceremony.audit.AuditVerifier;
import dev.ceremony.config.ApplianceConfig;
import dev.ceremony.pki.CertificateDrafter;
import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.pki.lint.LintRule;
import dev.ceremony.pki.lint.Linter;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestHierarchy;
import dev.ceremony.testing.TestEngine;
import dev.ceremony.testing.TestToken;
import dev.ceremony.yaml.ApplianceConfigReader;
import dev.ceremony.yaml.ProfileReader;
import dev.ceremony.yaml.ScriptReader;
import dev.ceremony.yaml.StrictYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reviewed request the sign step refuses anyway (a fault: here a lint rule that only the real
 * serial can decide) ends the ceremony as "completed with N reviewed request(s) not signed",
 * naming it in the outcome, the log and the transcript: never as a plain success.
 */
@SoftHsm
class SignStepFaultTest {

    @TempDir
    Path dir;

    @Test
    void aReviewedRequestTheSignStepRefusesAnyway_endsTheCeremonyCompletedWithItNotSigned(TestToken token)
            throws Exception {
        ConstrainedHierarchy ca = new ConstrainedHierarchy(dir, token);
        Path requests = dir.resolve("import");
        ca.csr(requests, "good", "/CN=mqtt.brokers.example.com", "DNS:mqtt.brokers.example.com");
        ca.csr(requests, "victim", "/CN=victim.brokers.example.com", "DNS:victim.brokers.example.com");
        // A rule that only the real serial can decide: the review's draft carries the placeholder serial.
        LintRule realSerialOnly = LintRule.of("test-real-serial", "Refuses victim's certificate once it has its "
                + "real serial.", c -> !c.tbs().getSerialNumber().getValue().equals(CertificateDrafter.DRY_RUN_SERIAL)
                        && c.tbs().getSubject().toString().contains("CN=victim.brokers.example.com")
                        ? List.of("this serial is refused by the test") : List.of());
        List<LintRule> rules = new ArrayList<>(Linter.standard().rules());
        rules.add(realSerialOnly);
        People people = new People(token);

        RunOutcome outcome = runner(ca.config, new Linter(rules), token).run(signCsrs(requests, ca.out), people);

        assertThat(outcome.ending()).as(String.join("\n", people.said)).isEqualTo(RunOutcome.Ending.COMPLETED);
        assertThat(outcome.success()).isFalse();
        assertThat(outcome.notSigned()).containsExactly("victim.csr");
        assertThat(outcome.summary()).isEqualTo("completed with 1 reviewed request(s) not signed: victim.csr");
        assertThat(people.said).contains("Review: 2 accepted, 0 refused, under profile mqtt-server for issuer "
                + "C=DE,O=Ceremony Test Org,CN=Gate Server CA.")
                .anyMatch(line -> line.startsWith("  NOT SIGNED victim.csr (") && line.contains("[test-real-serial]"))
                .anyMatch(line -> line.startsWith("Signed 1 certificate(s) with ")
                        && line.endsWith("; 1 reviewed request(s) not signed: victim.csr."));
        String log = Files.readString(dir.resolve("appliance/records/audit.jsonl"));
        assertThat(log).contains("\"outcome\":\"completed with 1 reviewed request(s) not signed\","
                + "\"not-signed\":[\"victim.csr\"]").contains("\"type\":\"refusal\"")
                .contains("\"source\":\"victim.csr\"");
        String text = Files.readString(outcome.transcript().orElseThrow());
        assertThat(text).contains("Outcome          completed with 1 reviewed request(s) not signed")
                .contains("Issued 1 certificate(s):").contains("Reviewed and not signed 1:")
                .contains("victim.csr").contains("[test-real-serial]");
        assertThat(new AuditVerifier(TestHierarchy.BC).verify(Files.readAllBytes(dir.resolve(
                "appliance/records/audit.jsonl")), Optional.empty(), Optional.empty()).valid()).isTrue();
    }

    private static RunRequest signCsrs(Path requests, Path out) {
        CeremonyScript script = new ScriptReader(new StrictYaml()).read(TestToken.projectDir()
                .resolve("ceremony-scripts/sign-csrs.yaml"));
        return new RunRequest(ResolvedScript.of(script, Map.of("profile", "mqtt-server", "issuer", "server-ca")),
                RunMode.BATCH, Map.of(Role.ADMINISTRATOR, "Alice", Role.WITNESS, "Wendy"), Optional.of(requests),
                Optional.of(out), Optional.empty(), List.of());
    }

    /** The engine on this appliance, with {@code linter} in place of the standard one. */
    private static CeremonyRunner runner(Path config, Linter linter, TestToken token) throws Exception {
        return TestEngine.runner(config, token, linter);
    }

}
