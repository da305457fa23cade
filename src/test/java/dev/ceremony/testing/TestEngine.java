package dev.ceremony.testing;

import dev.ceremony.FileAdapters;
import dev.ceremony.config.ApplianceConfig;
import dev.ceremony.engine.CeremonyRunner;
import dev.ceremony.engine.EngineSetup;
import dev.ceremony.engine.NetworkLink;
import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.pki.lint.Linter;
import dev.ceremony.yaml.ApplianceConfigReader;
import dev.ceremony.yaml.ProfileReader;
import dev.ceremony.yaml.StrictYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The engine wired as {@code main} wires it, on a test token and an appliance configuration file. */
public final class TestEngine {

    private static final Instant BUILT = Instant.parse("2026-01-01T00:00:00Z");

    private TestEngine() {
    }

    /** The engine with {@code linter}, the system clock and only the loopback link up. */
    public static CeremonyRunner runner(Path configFile, TestToken token, Linter linter) throws Exception {
        return runner(configFile, token, linter, Clock.systemUTC(),
                () -> List.of(new NetworkLink("lo", true, true)), BUILT);
    }

    public static CeremonyRunner runner(Path configFile, TestToken token, Linter linter, Clock clock,
            Supplier<List<NetworkLink>> network, Instant built) throws Exception {
        StrictYaml yaml = new StrictYaml();
        ApplianceConfig appliance = new ApplianceConfigReader(yaml).read(configFile);
        Map<String, CertificateProfile> profiles = new HashMap<>();
        try (var files = Files.list(appliance.profilesDirectory())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                CertificateProfile profile = new ProfileReader(yaml).read(file);
                profiles.put(profile.name(), profile);
            }
        }
        FileAdapters adapters = new FileAdapters();
        return new CeremonyRunner(new EngineSetup(appliance, token::open, adapters.store(appliance, clock),
                adapters.media(appliance), network, clock, built, profiles, linter, TestHierarchy.BC, Map.of()));
    }
}
