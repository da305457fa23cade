package dev.ceremony.cli;

import dev.ceremony.audit.AuditChain;
import dev.ceremony.config.ApplianceConfig;
import dev.ceremony.engine.CeremonyRunner;
import dev.ceremony.engine.CeremonyScript;
import dev.ceremony.engine.EngineSetup;
import dev.ceremony.engine.ScriptParameter;
import dev.ceremony.pki.lint.Linter;
import dev.ceremony.token.TokenFamily;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Puts a ceremony together for a face (the {@code run} command, the TUI): the script by its id,
 * and the engine on the configured token, records, media and clock, with the provenance hashes.
 */
final class Ceremonies {

    private final Services services;

    Ceremonies(Services services) {
        this.services = services;
    }

    /** The script {@code id} from the appliance's scripts folder, read and checked. */
    CeremonyScript script(ApplianceConfig appliance, String id) {
        Path scriptFile = appliance.scriptsDirectory().resolve(id + ".yaml");
        if (!ScriptParameter.NAME.matcher(id).matches() || !Files.isRegularFile(scriptFile)) {
            throw new CommandFailure("there is no ceremony script '" + id + "' in " + appliance.scriptsDirectory()
                    + "; 'ceremony scripts' lists them");
        }
        return services.scripts().read(scriptFile);
    }

    /** The engine for this appliance. */
    CeremonyRunner runner(ApplianceConfig appliance) {
        ProfileFiles profiles = ProfileFiles.read(appliance.profilesDirectory());
        Clock clock = Clock.systemUTC();
        EngineSetup setup = new EngineSetup(appliance, () -> services.driver().open(family(appliance),
                appliance.token().label(), appliance.token().serial()), services.adapters().store(appliance, clock),
                services.adapters().media(appliance), services.network()::links, clock, buildTime(),
                profiles.profiles(), Linter.standard(), services.verifier(), provenance(appliance, profiles));
        return new CeremonyRunner(setup);
    }

    private TokenFamily family(ApplianceConfig appliance) {
        return services.families().read(appliance.token().hsmConfig());
    }

    /** SHA-256 of the configuration, the profiles and the running program, for the provenance record. */
    private Map<String, String> provenance(ApplianceConfig appliance, ProfileFiles profiles) {
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put("config", sha256(appliance.source()));
        profiles.sha256().forEach((name, sha) -> hashes.put("profile " + name, sha));
        hashes.put("program", program().map(Ceremonies::sha256).orElse("not a jar (running from classes)"));
        hashes.put("program-version", versionProperty("version").orElse("unknown"));
        return hashes;
    }

    private static Optional<Path> program() {
        try {
            Path location = Path.of(Ceremonies.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static String sha256(Path file) {
        try {
            return AuditChain.sha256Bytes(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new CommandFailure("cannot read " + file + " to hash it: " + e.getMessage());
        }
    }

    /** When this program was built; a clock before it is refused. */
    private static Instant buildTime() {
        return versionProperty("build-time").flatMap(text -> {
            try {
                return Optional.of(Instant.parse(text));
            } catch (java.time.format.DateTimeParseException e) {
                return Optional.empty();
            }
        }).orElse(Instant.EPOCH);
    }

    private static Optional<String> versionProperty(String name) {
        Properties properties = new Properties();
        try (InputStream in = Ceremonies.class.getResourceAsStream("/ceremony-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(properties.getProperty(name));
    }
}
