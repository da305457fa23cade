package dev.ceremony.cli;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option, with the defaults of the CLI contract. */
public final class ConfigOption {

    /** Where the live image keeps the appliance configuration. */
    public static final Path SYSTEM_CONFIG = Path.of("/etc/ceremony/ceremony.yaml");

    /** Environment variable that names the configuration when --config is not given. */
    public static final String ENVIRONMENT = "CEREMONY_CONFIG";

    @Option(names = "--config", paramLabel = "FILE",
            description = "Appliance configuration (default: $" + ENVIRONMENT + ", then /etc/ceremony/ceremony.yaml).")
    private Path config;

    /** The configuration file to read: --config, else $CEREMONY_CONFIG, else the system file. */
    Path resolve(Map<String, String> environment) {
        if (config != null) {
            return config;
        }
        String fromEnvironment = environment.get(ENVIRONMENT);
        return fromEnvironment == null || fromEnvironment.isBlank() ? SYSTEM_CONFIG : Path.of(fromEnvironment);
    }
}
