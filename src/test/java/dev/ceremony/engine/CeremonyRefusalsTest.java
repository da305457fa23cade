package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.FileAdapters;
import dev.ceremony.audit.AuditVerifier;
import dev.ceremony.config.ApplianceConfig;
import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.pki.lint.Linter;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestHierarchy;
import dev.ceremony.testing.TestEngine;
import dev.ceremony.testing.TestToken;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.Token;
import dev.ceremony.yaml.ApplianceConfigReader;
import dev.ceremony.yaml.ProfileReader;
import dev.ceremony.yaml.ScriptReader;
import dev.ceremony.yaml.StrictYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What stops a ceremony before or while it runs: preflight refusals (network, clock), batch mode
 * on a production token, a missing witness, and a person who declines, whose abort leaves no key
 * debris. Driven through the engine with a stand-in for the people at the keyboard.
 */
@SoftHsm
class CeremonyRefusalsTest {

    private static final Instant BUILT = Instant.parse("2026-11-22T00:00:00Z");

    @TempDir
    Path dir;

    /** A runner on the test token, marked production or rehearsal in its configuration. */
    private CeremonyRunner runner(TestToken token, boolean production, Clock clock,
            Supplier<List<NetworkLink>> network) throws Exception {
        Path configFile = token.writeApplianceConfig(dir.resolve("appliance"));
        if (production) {
            Files.writeString(configFile, Files.readString(configFile).replace("  use: rehearsal\n", "  use: production\n"));
        }
        return TestEngine.runner(configFile, token, Linter.standard(), clock, network, BUILT);
    }

    private RunRequest rootCa(RunMode mode, Map<Role, String> people) throws java.io.IOException {
        CeremonyScript script = new ScriptReader(new StrictYaml()).read(TestToken.projectDir()
                .resolve("ceremony-scripts/root-ca.yaml"));
        // Its own folder: the temporary directory would hold the records, which no medium may.
        return new RunRequest(ResolvedScript.of(script, Map.of()), mode, people, Optional.empty(),
                Optional.of(Files.createDirectories(dir.resolve("usb-export"))), Optional.empty(),
                List.of("rehearsal of the refusals"));
    }

    private static final Map<Role, String> BOTH = Map.of(Role.ADMINISTRATOR, "Alice", Role.WITNESS, "Wendy");

    private static final Supplier<List<NetworkLink>> OFFLINE = () -> List.of(new NetworkLink("lo", true, true));

    @Test
    void anInteractiveRun_withOneFolderForImportAndExport_isRefusedBeforeAnythingIsWritten(TestToken testToken)
            throws Exception {
        RunRequest root = rootCa(RunMode.INTERACTIVE, BOTH);
        Path usb = root.exportTo().orElseThrow();
        RunRequest oneFolder = new RunRequest(root.script(), RunMode.INTERACTIVE, BOTH, Optional.of(usb.resolve(".")),
                Optional.of(usb), Optional.empty(), List.of());
        assertThatThrownBy(() -> runner(testToken, false, Clock.systemUTC(), OFFLINE).run(oneFolder,
                new People(testToken))).isInstanceOf(StepRefused.class).hasMessageContaining("the import medium "
                        + usb + "/. and the export medium " + usb + " are the same folder");
        assertThat(dir.resolve("appliance/records/audit.jsonl")).doesNotExist();
    }

    @Test
    void refusals_stopBeforeTheToken_andADeclinedStep_abortsWithoutKeyDebris(TestToken testToken) throws Exception {
        Supplier<List<NetworkLink>> cabled = () -> List.of(new NetworkLink("lo", true, true),
                new NetworkLink("eth0", true, false));
        RunOutcome online = runner(testToken, false, Clock.systemUTC(), cabled)
                .run(rootCa(RunMode.INTERACTIVE, BOTH), new People(testToken, ""));
        assertThat(online.ending()).as("a preflight refusal ends the ceremony: nothing is left to resume")
                .isEqualTo(RunOutcome.Ending.REFUSED);
        assertThat(online.reason().orElseThrow()).contains("preflight network").contains("eth0");

        Clock early = Clock.fixed(BUILT.minusSeconds(86_400), ZoneOffset.UTC);
        RunOutcome stale = runner(testToken, false, early, OFFLINE)
                .run(rootCa(RunMode.INTERACTIVE, BOTH), new People(testToken, ""));
        assertThat(stale.reason().orElseThrow()).contains("earlier than this software's build");

        assertThatThrownBy(() -> runner(testToken, true, Clock.systemUTC(), OFFLINE)
                .run(rootCa(RunMode.BATCH, BOTH), new People(testToken, "")))
                .isInstanceOf(StepRefused.class).hasMessageContaining("batch mode may not run root-ca on a production");
        assertThatThrownBy(() -> runner(testToken, false, Clock.systemUTC(), OFFLINE)
                .run(rootCa(RunMode.BATCH, Map.of(Role.ADMINISTRATOR, "Alice")), new People(testToken, "")))
                .isInstanceOf(StepRefused.class).hasMessageContaining("asks the witness to confirm steps; name them "
                        + "(--witness NAME)");
        try (Token token = testToken.openLoggedIn()) {
            assertThat(token.listKeys()).as("no refusal touched the token").isEmpty();
        }
        assertThat(dir.resolve("appliance/records/audit.jsonl")).doesNotExist();

        CeremonyRunner runner = runner(testToken, false, Clock.systemUTC(), OFFLINE);
        People declining = new People(testToken, "self-sign-root");
        RunOutcome declined = runner.run(rootCa(RunMode.INTERACTIVE, BOTH), declining);
        assertThat(declined.ending()).isEqualTo(RunOutcome.Ending.ABORTED);
        assertThat(declined.reason().orElseThrow()).contains("did not confirm step 'self-sign-root'");
        assertThat(declining.said).anyMatch(line -> line.startsWith("Destroyed key 'root-ca'"));
        try (Token token = testToken.openLoggedIn()) {
            assertThat(token.listKeys()).extracting(KeyHandle::label).as("only the log's audit key stays")
                    .containsExactly("audit-signer");
        }
        String log = Files.readString(dir.resolve("appliance/records/audit.jsonl"));
        assertThat(log).contains("\"type\":\"key-destroyed\"").contains("\"type\":\"abort\"")
                .contains("\"outcome\":\"aborted\"");

        RunOutcome again = runner.run(rootCa(RunMode.INTERACTIVE, BOTH), new People(testToken, ""));
        assertThat(again.ending()).as(again.toString()).isEqualTo(RunOutcome.Ending.COMPLETED);
        assertThat(Files.readString(dir.resolve("appliance/records/audit.jsonl"))).contains("\"type\":\"key-reused\"");
        assertThat(new AuditVerifier(TestHierarchy.BC).verify(Files.readAllBytes(dir.resolve(
                "appliance/records/audit.jsonl")), Optional.empty(), Optional.empty()).valid()).isTrue();
    }
}
