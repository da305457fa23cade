package dev.ceremony.testing;

import dev.ceremony.pkcs11.JdkCryptoki;
import dev.ceremony.pkcs11.Pkcs11TokenDriver;
import dev.ceremony.token.Pin;
import dev.ceremony.token.Token;
import dev.ceremony.token.TokenFamily;
import dev.ceremony.yaml.StrictYaml;
import dev.ceremony.yaml.TokenFamilyReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/** A SoftHSM2 token made for one test class: its label, PINs and files. */
public record TestToken(String label, String userPin, String soPin, Path directory, Path softhsmConf,
        List<String> allLabels) {

    /** The SoftHSM2 library on Debian. */
    public static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");

    /** The repository's checkout, where hsm-config/ lives. */
    public static Path projectDir() {
        return Path.of(System.getProperty("ceremony.project.dir", "."));
    }

    /** The shipped SoftHSM2 family, read from hsm-config/softhsm2.yaml. */
    public TokenFamily family() {
        return new TokenFamilyReader(new StrictYaml()).read(projectDir().resolve("hsm-config/softhsm2.yaml"));
    }

    public Pin pin() {
        return Pin.of(userPin.toCharArray());
    }

    /** Opens this token through the real JDK wrapper, logged out. */
    public Token open() {
        return new Pkcs11TokenDriver(JdkCryptoki::load, 2).open(family(), label, Optional.empty());
    }

    /** Opens this token and logs in. */
    public Token openLoggedIn() {
        Token token = open();
        try (Pin pin = pin()) {
            token.login(pin, identity -> false);
        }
        return token;
    }

    /** Writes a ceremony.yaml for this token into {@code dir}, and returns its path. */
    public Path writeApplianceConfig(Path dir) throws IOException {
        return writeApplianceConfig(dir, List.of());
    }

    /** The same configuration with {@code extra} YAML lines at its end (e.g. a preflight section). */
    public Path writeApplianceConfig(Path dir, List<String> extra) throws IOException {
        Files.createDirectories(dir);
        Path config = dir.resolve("ceremony.yaml");
        Files.writeString(config, String.join("\n",
                "dn-defaults:",
                "  country: DE",
                "  organization: Ceremony Test Org",
                "token:",
                "  hsm-config: " + projectDir().resolve("hsm-config/softhsm2.yaml").toAbsolutePath(),
                "  label: " + label,
                "  use: rehearsal",
                "records:",
                "  directory: records",
                "scripts:",
                "  directory: " + projectDir().resolve("ceremony-scripts").toAbsolutePath(),
                "policy:",
                "  permitted-domains: [example.com]",
                "  device-uri-domain: fleet.example.com",
                String.join("\n", extra),
                ""));
        return config;
    }

    /** Writes the user PIN into an owner-only file in {@code dir}. */
    public Path writePinFile(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("pin");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, userPin + "\n");
        return file;
    }
}
