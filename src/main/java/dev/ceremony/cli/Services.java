package dev.ceremony.cli;

import dev.ceremony.token.FinalTryConfirmation;
import dev.ceremony.token.TokenDriver;
import dev.ceremony.yaml.ApplianceConfigReader;
import dev.ceremony.yaml.ScriptReader;
import dev.ceremony.yaml.TokenFamilyReader;
import java.util.Map;
import java.util.Objects;

/** What the commands need from the rest of the program; built once by {@code Main}. */
record Services(
        ApplianceConfigReader configs,
        TokenFamilyReader families,
        ScriptReader scripts,
        TokenDriver driver,
        Map<String, String> environment,
        PinSource pins,
        FinalTryConfirmation finalTry,
        java.security.Provider verifier,
        RecordsOpener records,
        MediaLister media,
        NetworkLister network,
        CeremonyAdapters adapters) {

    Services {
        Objects.requireNonNull(configs, "configs");
        Objects.requireNonNull(families, "families");
        Objects.requireNonNull(scripts, "scripts");
        Objects.requireNonNull(driver, "driver");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(pins, "pins");
        Objects.requireNonNull(finalTry, "finalTry");
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(adapters, "adapters");
    }
}
