package dev.ceremony.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The appliance configuration ({@code ceremony.yaml}): who the organisation is, which token holds
 * the CA keys, and where the CA records live. Relative paths in the file are resolved against
 * the file's own directory before they get here.
 *
 * @param source the file this was read from
 */
public record ApplianceConfig(Path source, DnDefaults dnDefaults, TokenSettings token, Path recordsDirectory) {

    public ApplianceConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dnDefaults, "dnDefaults");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(recordsDirectory, "recordsDirectory");
        if (!recordsDirectory.isAbsolute()) {
            throw new IllegalArgumentException("records directory must be absolute once resolved: " + recordsDirectory);
        }
    }
}
