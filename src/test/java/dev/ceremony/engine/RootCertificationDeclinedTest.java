package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.audit.AuditTypes;
import dev.ceremony.pki.lint.Linter;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestEngine;
import dev.ceremony.testing.TestToken;
import dev.ceremony.yaml.ScriptReader;
import dev.ceremony.yaml.StrictYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A root ceremony whose audit-key certification is declined, after the self-signature, stops (it
 * is not aborted), so that running it again finishes it with the same root.
 */
@SoftHsm
class RootCertificationDeclinedTest {

    @TempDir
    Path dir;

    @Test
    void aDeclinedAuditKeyCertification_stopsTheRootCeremonyInsteadOfAborting_andTheRerunFinishesIt(
            TestToken testToken) throws Exception {
        Path config = testToken.writeApplianceConfig(dir.resolve("appliance"));
        CeremonyRunner runner = TestEngine.runner(config, testToken, Linter.standard());
        Path log = dir.resolve("appliance/records/audit.jsonl");

        RunOutcome declined = runner.run(rootCa(), new People(testToken, "certify-audit-key"));

        assertThat(declined.ending()).isEqualTo(RunOutcome.Ending.STOPPED);
        assertThat(declined.reason().orElseThrow()).contains("did not confirm step 'certify-audit-key'")
                .contains("Run root-ca again instead");
        assertThat(count(log, AuditTypes.ABORT)).isZero();
        RunOutcome finished = runner.run(rootCa(), new People(testToken, ""));
        assertThat(finished.ending()).isEqualTo(RunOutcome.Ending.COMPLETED);
        assertThat(count(log, AuditTypes.AUDIT_CERTIFICATE)).isEqualTo(1);
        assertThat(count(log, AuditTypes.KEY_GENERATED)).as("one root key, one audit key").isEqualTo(2);
    }

    private RunRequest rootCa() throws Exception {
        CeremonyScript script = new ScriptReader(new StrictYaml()).read(TestToken.projectDir()
                .resolve("ceremony-scripts/root-ca.yaml"));
        return new RunRequest(ResolvedScript.of(script, Map.of()), RunMode.INTERACTIVE, Map.of(Role.ADMINISTRATOR,
                "Alice", Role.WITNESS, "Wendy"), Optional.empty(), Optional.of(Files.createDirectories(
                        dir.resolve("export"))), Optional.empty(), List.of());
    }

    private static long count(Path log, String type) throws Exception {
        return Files.readAllLines(log).stream().filter(line -> line.contains("\"type\":\"" + type + "\"")).count();
    }
}
