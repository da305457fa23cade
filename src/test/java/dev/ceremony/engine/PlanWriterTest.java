package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.config.DnDefaults;
import dev.ceremony.pki.CertificateDrafter;
import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.pki.lint.Linter;
import dev.ceremony.testing.TestToken;
import dev.ceremony.yaml.ProfileReader;
import dev.ceremony.yaml.ScriptReader;
import dev.ceremony.yaml.StrictYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A plan is a function of the script, its parameters, the profiles and the configuration: never of time. */
class PlanWriterTest {

    private static final DnDefaults DN = new DnDefaults("DE", Optional.empty(), Optional.empty(), "Plan Test Org",
            Optional.empty());

    /** A clock that moves on by 0.7 s every time it is read (across second boundaries), as a slow machine's would. */
    private static final class Ticking extends Clock {
        private Instant now;

        Ticking(Instant start) {
            now = start;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            now = now.plusMillis(700);
            return now;
        }
    }

    private static PlanWriter writer(Clock clock) throws Exception {
        Map<String, CertificateProfile> profiles = new HashMap<>();
        try (var files = Files.list(TestToken.projectDir().resolve("ceremony-scripts/profiles"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                CertificateProfile profile = new ProfileReader(new StrictYaml()).read(file);
                profiles.put(profile.name(), profile);
            }
        }
        return new PlanWriter(profiles, DN, new CertificateDrafter(Linter.standard(), clock, Duration.ofMinutes(5)));
    }

    private static ResolvedScript script(String id, Map<String, String> parameters) {
        return ResolvedScript.of(new ScriptReader(new StrictYaml()).read(TestToken.projectDir()
                .resolve("ceremony-scripts/" + id + ".yaml")), parameters);
    }

    @Test
    void thePlan_isTheSame_whateverTheClockSaysAndHowLongDraftingTakes() throws Exception {
        Map<String, Map<String, String>> scripts = Map.of(
                "root-ca", Map.of(),
                "intermediate-ca", Map.of("ca", "device-ca", "common-name", "Plan Device CA"),
                "intermediate-rotation", Map.of("ca", "server-ca", "common-name", "Plan Server CA 2", "generation", "2"),
                "sign-csrs", Map.of("profile", "mqtt-device", "issuer", "device-ca"),
                "revoke", Map.of("issuer", "device-ca", "serial", "4fa103"),
                "crl-renewal", Map.of());
        for (Map.Entry<String, Map<String, String>> entry : scripts.entrySet()) {
            CeremonyPlan fixed = writer(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC))
                    .plan(script(entry.getKey(), entry.getValue()), CaCertificates.none());
            CeremonyPlan ticking = writer(new Ticking(Instant.parse("2027-03-01T23:59:59.995Z")))
                    .plan(script(entry.getKey(), entry.getValue()), CaCertificates.none());

            assertThat(ticking.text()).as(entry.getKey()).isEqualTo(fixed.text());
            assertThat(ticking.sha256()).isEqualTo(fixed.sha256());
            assertThat(fixed.passes()).as(entry.getKey() + ": " + fixed.findings()).isTrue();
        }
    }

    @Test
    void aChangedParameter_changesThePlan_andTheTemplatesShowWhatWillBeSigned() throws Exception {
        PlanWriter writer = writer(Clock.systemUTC());
        CeremonyPlan plan = writer.plan(script("root-ca", Map.of("root-common-name", "Plan Root")), CaCertificates.none());
        CeremonyPlan other = writer.plan(script("root-ca", Map.of("root-common-name", "Plan Root 2")), CaCertificates.none());

        assertThat(other.sha256()).isNotEqualTo(plan.sha256());
        assertThat(plan.text()).contains("subject        C=DE,O=Plan Test Org,CN=Plan Root")
                .contains("validity       3650 days").contains("basic constr.  CA, no path length limit (critical)")
                .contains("ext. key usage document-signing").contains("every certificate template passes");
        assertThat(plan.text().lines()).allMatch(line -> line.length() <= PlanWriter.WIDTH);
    }
}
