package dev.ceremony.engine;

import dev.ceremony.config.ApplianceConfig;
import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.pki.lint.Linter;
import java.security.Provider;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything the engine runs ceremonies with, wired once by {@code main}.
 *
 * @param buildTime when this program was built; a clock earlier than it is refused
 * @param profiles the certificate profiles by name
 * @param provenance SHA-256 of what runs, by what it is ({@code config}, {@code program}, {@code profile root-ca}, ...)
 * @param verifier the JCA provider that verifies every signature after signing (BouncyCastle)
 */
public record EngineSetup(ApplianceConfig config, TokenOpener tokens, CeremonyStore store, CeremonyMedia media,
        Supplier<List<NetworkLink>> network, Clock clock, Instant buildTime, Map<String, CertificateProfile> profiles,
        Linter linter, Provider verifier, Map<String, String> provenance) {

    public EngineSetup {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(buildTime, "buildTime");
        profiles = Map.copyOf(profiles);
        Objects.requireNonNull(linter, "linter");
        Objects.requireNonNull(verifier, "verifier");
        provenance = Map.copyOf(provenance);
    }
}
