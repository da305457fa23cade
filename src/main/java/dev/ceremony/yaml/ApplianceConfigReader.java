package dev.ceremony.yaml;

import dev.ceremony.config.ApplianceConfig;
import dev.ceremony.config.DnDefaults;
import dev.ceremony.config.TokenSettings;
import java.nio.file.Path;

/**
 * Reads {@code ceremony.yaml}. Relative paths are resolved against the directory of the file, so
 * a configuration and the hsm-config files beside it can be moved together.
 */
public final class ApplianceConfigReader {

    private final StrictYaml yaml;

    public ApplianceConfigReader(StrictYaml yaml) {
        this.yaml = yaml;
    }

    public ApplianceConfig read(Path file) {
        Path source = file.toAbsolutePath().normalize();
        YamlMapping root = yaml.read(source).allowOnly("dn-defaults", "token", "records");
        Path base = source.getParent();
        return new ApplianceConfig(source, dnDefaults(root.mapping("dn-defaults")), token(root.mapping("token"), base),
                base.resolve(root.mapping("records").allowOnly("directory").string("directory", ApplianceConfigReader::path))
                        .normalize());
    }

    private static DnDefaults dnDefaults(YamlMapping dn) {
        dn.allowOnly("country", "state-or-province", "locality", "organization", "organizational-unit");
        return new DnDefaults(
                dn.string("country", DnDefaults::country),
                dn.optionalString("state-or-province", DnDefaults::attribute),
                dn.optionalString("locality", DnDefaults::attribute),
                dn.string("organization", DnDefaults::attribute),
                dn.optionalString("organizational-unit", DnDefaults::attribute));
    }

    private static TokenSettings token(YamlMapping token, Path base) {
        token.allowOnly("hsm-config", "label", "serial");
        Path hsmConfig = base.resolve(token.string("hsm-config", ApplianceConfigReader::path)).normalize();
        return new TokenSettings(hsmConfig, token.string("label", TokenSettings::label),
                token.optionalString("serial", TokenSettings::serial));
    }

    /** A file-system path as written in YAML: not empty, no NUL. */
    static Path path(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("must be a path, not empty");
        }
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a path cannot contain a NUL character");
        }
        return Path.of(text);
    }
}
