package dev.ceremony.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.config.ApplianceConfig;
import dev.ceremony.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApplianceConfigReaderTest {

    private static final String VALID = """
            dn-defaults:
              country: DE
              organization: Example IoT GmbH
              organizational-unit: Fleet PKI
            token:
              hsm-config: hsm/softhsm2.yaml
              label: ceremony
            records:
              directory: records
            """;

    private final ApplianceConfigReader reader = new ApplianceConfigReader(new StrictYaml());

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Files.createDirectories(dir.resolve("hsm"));
        if (!Files.exists(dir.resolve("hsm/softhsm2.yaml"))) {
            Files.writeString(dir.resolve("hsm/softhsm2.yaml"), "family: softhsm2\n");
        }
        return Files.writeString(dir.resolve("ceremony.yaml"), text);
    }

    @Test
    void validConfig_resolvesRelativePathsAgainstItsOwnDirectory() throws IOException {
        ApplianceConfig config = reader.read(write(VALID));

        assertThat(config.dnDefaults().country()).isEqualTo("DE");
        assertThat(config.dnDefaults().organization()).isEqualTo("Example IoT GmbH");
        assertThat(config.dnDefaults().organizationalUnit()).contains("Fleet PKI");
        assertThat(config.dnDefaults().locality()).isEmpty();
        assertThat(config.token().label()).isEqualTo("ceremony");
        assertThat(config.token().serial()).isEmpty();
        assertThat(config.token().hsmConfig()).isEqualTo(dir.toRealPath().resolve("hsm/softhsm2.yaml"));
        assertThat(config.recordsDirectory()).isEqualTo(dir.toRealPath().resolve("records"));
        assertThat(config.auditLog()).isEqualTo(dir.toRealPath().resolve("records/audit.jsonl"));
        assertThat(config.warnings()).isEqualTo(dev.ceremony.config.WarningWindows.DEFAULT);
    }

    @Test
    void auditLogAndWarningWindows_canBeSet() throws IOException {
        ApplianceConfig config = reader.read(write(VALID.replace("directory: records", "directory: records\n"
                + "  audit-log: /mnt/audit/ceremony.jsonl") + "warnings:\n  ca-expiry-days: 120\n  crl-days: 3\n"));

        assertThat(config.auditLog()).isEqualTo(Path.of("/mnt/audit/ceremony.jsonl"));
        assertThat(config.warnings()).isEqualTo(new dev.ceremony.config.WarningWindows(120, 3));
    }

    @Test
    void mediaDirectoriesAndImportLimits_canBeSet() throws IOException {
        ApplianceConfig config = reader.read(write(VALID + "media:\n  directories: [usb, /mnt/export]\n"
                + "  import-max-files: 50\n  import-max-total-bytes: 1000000\n"));

        assertThat(config.media().directories()).containsExactly(dir.toRealPath().resolve("usb"), Path.of("/mnt/export"));
        assertThat(config.media().importLimits().maxFiles()).isEqualTo(50);
        assertThat(config.media().importLimits().maxTotalBytes()).isEqualTo(1_000_000);
        assertThatThrownBy(() -> reader.read(write(VALID + "media:\n  import-max-files: 0\n")))
                .hasMessageContaining("media: import limits must be at least 1");
    }

    @Test
    void preflight_isAirGappedWithATwoMinuteDrift_unlessSet_andRefusesWhatItCannotUse() throws IOException {
        assertThat(reader.read(write(VALID)).preflight()).isEqualTo(dev.ceremony.config.PreflightSettings.DEFAULT);
        assertThat(dev.ceremony.config.PreflightSettings.DEFAULT.allowNetwork()).isFalse();

        ApplianceConfig demo = reader.read(write(VALID + "preflight:\n  allow-network: true\n  max-clock-drift-seconds: 300\n"));

        assertThat(demo.preflight().allowNetwork()).isTrue();
        assertThat(demo.preflight().maxClockDrift()).isEqualTo(java.time.Duration.ofMinutes(5));
        assertThatThrownBy(() -> reader.read(write(VALID + "preflight:\n  allow-network: yes\n")))
                .hasMessageContaining("preflight.allow-network: expected true or false");
        assertThatThrownBy(() -> reader.read(write(VALID + "preflight:\n  max-clock-drift-seconds: 0\n")))
                .hasMessageContaining("preflight: the maximum clock drift must be 1 to 3600 seconds, not 0");
        assertThatThrownBy(() -> reader.read(write(VALID + "preflight:\n  allow-wifi: true\n")))
                .hasMessageContaining("unknown field 'allow-wifi' in preflight");
    }

    @Test
    void warningWindowOutOfRange_namesItsSection() throws IOException {
        Path file = write(VALID + "warnings:\n  crl-days: 400\n");

        assertThatThrownBy(() -> reader.read(file)).hasMessageContaining("warnings: the CRL warning must be 0 to 365 days");
    }

    @Test
    void shippedExample_isValid() {
        Path example = Path.of(System.getProperty("ceremony.project.dir", ".")).resolve("ceremony.example.yaml");

        ApplianceConfig config = reader.read(example);

        assertThat(config.token().hsmConfig()).exists();
        assertThat(config.recordsDirectory()).isEqualTo(Path.of("/var/lib/ceremony/records"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top-level field  | directory: records       | directory: records\\nrecrods: x         | :10: recrods: unknown field 'recrods'; allowed here: dn-defaults, token, records
            unknown nested field     | label: ceremony          | label: ceremony\\n  pin: 1234               | :8: token.pin: unknown field 'pin' in token; allowed here: hsm-config, label, serial
            lower-case country       | country: DE              | country: de                                 | :2: dn-defaults.country: 'de' is not a two-letter upper-case country code
            three-letter country     | country: DE              | country: DEU                                | dn-defaults.country: 'DEU' is not a two-letter
            missing organization     | organization: Example IoT GmbH | organizational-level: 2              | :3: dn-defaults.organizational-level: unknown field
            organization too long    | organization: Example IoT GmbH | organization: XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX | dn-defaults.organization: is longer than 64 characters
            organization edge space  | organization: Example IoT GmbH | organization: ' Example'              | dn-defaults.organization: ' Example' starts or ends with white space
            token label too long     | label: ceremony          | label: abcdefghijabcdefghijabcdefghijabc    | :7: token.label: token label 'abcdefghijabcdefghijabcdefghijabc' is longer than 32 characters
            token label non-ascii    | label: ceremony          | label: zeremonie-ä                          | token.label: token label 'zeremonie-ä' may only hold printable ASCII
            token label empty        | label: ceremony          | label: ''                                   | token.label: has no value
            serial too long          | label: ceremony          | label: ceremony\\n  serial: 12345678901234567 | :8: token.serial: token serial '12345678901234567' is longer than 16
            records directory empty  | directory: records       | directory: ' '                              | records.directory: must be a path, not empty
            records as number        | directory: records       | directory: 12                               | NO ERROR
            """)
    void invalidConfig_isRefusedWithFileLineAndYamlPath(String name, String replace, String with, String expected)
            throws IOException {
        Path file = write(VALID.replace(replace, with.replace("\\n", "\n")));
        if (expected.equals("NO ERROR")) {
            assertThat(reader.read(file).recordsDirectory().getFileName()).hasToString("12");
            return;
        }

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file.toAbsolutePath().normalize().toString())
                .hasMessageContaining(expected);
    }

    @ParameterizedTest
    @CsvSource({"dn-defaults", "token", "records"})
    void missingSection_isNamed(String section) throws IOException {
        String without = VALID.replaceAll("(?s)" + section + ":\\n(  [^\\n]*\\n)+", "");
        Path file = write(without);

        assertThatThrownBy(() -> reader.read(file))
                .hasMessageContaining(section + ": required field is missing");
    }

    @Test
    void sectionOfTheWrongShape_saysWhatWasExpected() throws IOException {
        Path file = write(VALID.replaceAll("(?s)token:\\n(  [^\\n]*\\n)+", "token: softhsm\n"));

        assertThatThrownBy(() -> reader.read(file))
                .hasMessageContaining(":5: token: expected a mapping (key: value lines), found the text 'softhsm'");
    }

    @Test
    void missingHsmConfigFile_isNamedWithTheLineAndFieldThatPointToIt() throws IOException {
        Path file = write(VALID.replace("hsm/softhsm2.yaml", "hsm/yubihsm2.yaml"));

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file.toAbsolutePath().normalize() + ":6: token.hsm-config: there is no file "
                        + dir.toRealPath().resolve("hsm/yubihsm2.yaml"));
    }

    @Test
    void serial_isKeptAsWritten() throws IOException {
        Path file = write(VALID.replace("label: ceremony", "label: ceremony\n  serial: 0042"));

        assertThat(reader.read(file).token().serial()).isEqualTo(Optional.of("0042"));
    }
}
