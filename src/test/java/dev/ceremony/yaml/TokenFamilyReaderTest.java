package dev.ceremony.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.config.ConfigException;
import dev.ceremony.token.KeyAttribute;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.KeyStorage;
import dev.ceremony.token.TokenFamily;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TokenFamilyReaderTest {

    private static final Path HSM_CONFIG = Path.of(System.getProperty("ceremony.project.dir", ".")).resolve("hsm-config");

    private final TokenFamilyReader reader = new TokenFamilyReader(new StrictYaml());

    static Stream<Path> shippedFiles() throws IOException {
        try (Stream<Path> files = Files.list(HSM_CONFIG)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedFiles")
    void everyShippedFamily_isValid_andSaysWhetherItIsTested(Path file) throws IOException {
        TokenFamily family = reader.read(file);

        assertThat(family.library()).isAbsolute();
        assertThat(family.privateKeyTemplate().values()).containsAllEntriesOf(
                dev.ceremony.token.KeyTemplate.PRIVATE_KEY_FLOOR);
        String text = Files.readString(file);
        assertThat(text).contains("# Library:").contains("# Tested:");
        if (!family.name().equals("softhsm2")) {
            assertThat(family.tested()).isFalse();
            assertThat(text).contains("Only SoftHSM2 can be tested");
        }
    }

    @Test
    void shippedFamilies_coverTheFiveTokenKinds() throws IOException {
        assertThat(shippedFiles().map(f -> reader.read(f).name()))
                .containsExactlyInAnyOrder("softhsm2", "opensc-smartcard-hsm", "yubikey-piv", "yubihsm2", "thales-luna");
    }

    @Test
    void yubikeyPiv_hasFixedSlotsAndAnEightCharacterPin() {
        TokenFamily yubikey = reader.read(HSM_CONFIG.resolve("yubikey-piv.yaml"));

        assertThat(yubikey.keyStorage()).isEqualTo(KeyStorage.FIXED_SLOTS);
        assertThat(yubikey.pinMaxLength()).isEqualTo(8);
        assertThatThrownBy(() -> yubikey.requireCanGenerate(KeySpec.EC_P256))
                .hasMessageContaining("YubiKey PIV (ykcs11)")
                .hasMessageContaining("fixed slots");
    }

    @Test
    void softhsm_canGenerateEverySpec() {
        TokenFamily softhsm = reader.read(HSM_CONFIG.resolve("softhsm2.yaml"));

        for (KeySpec spec : KeySpec.values()) {
            softhsm.requireCanGenerate(spec);
        }
        assertThat(softhsm.tested()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            extractable private key  | CKA_EXTRACTABLE: false      | CKA_EXTRACTABLE: true    | templates.private-key: private-key template must set CKA_EXTRACTABLE: false (it sets true)
            missing sensitive        | CKA_SENSITIVE: true         | CKA_MODIFIABLE: false    | private-key template must set CKA_SENSITIVE: true (it is missing)
            decrypting private key   | CKA_DECRYPT: false          | CKA_DECRYPT: true        | must set CKA_DECRYPT: false
            unknown attribute        | CKA_DERIVE: false\\n  public-key | CKA_DERIVE: false\\n    CKA_FROBNICATE: true\\n  public-key | templates.private-key.CKA_FROBNICATE: unknown attribute 'CKA_FROBNICATE'
            wrong template for role  | CKA_VERIFY: true            | CKA_VERIFY: true\\n    CKA_SIGN: true | CKA_SIGN does not belong in a public-key template
            yes instead of true      | CKA_TOKEN: true\\n    CKA_PRIVATE: true | CKA_TOKEN: yes\\n    CKA_PRIVATE: true | templates.private-key.CKA_TOKEN: expected true or false
            unknown key type         | key-types: [EC-P256]        | key-types: [EC-P256, ED25519] | key-types[1]: unknown key type 'ED25519'; expected one of EC-P256, EC-P384, RSA-3072, RSA-4096
            repeated key type        | key-types: [EC-P256]        | key-types: [EC-P256, EC-P256] | key-types[1]: key type listed twice
            relative library         | library: /usr/lib/x.so      | library: lib/x.so        | library: the library path must be absolute
            unknown storage          | key-storage: free-labels    | key-storage: anywhere    | key-storage: 'anywhere' is not one of free-labels, fixed-slots
            min above max            | min-length: 4               | min-length: 300          | pin: min-length must be at least 1 and at most max-length
            """)
    void weakOrWrongFamily_isRefusedWithItsYamlPath(String name, String replace, String with, String expected,
            @TempDir Path dir) throws IOException {
        String valid = """
                family: test
                description: Test token
                library: /usr/lib/x.so
                library-source: nowhere
                tested: false
                key-storage: free-labels
                key-types: [EC-P256]
                pin:
                  min-length: 4
                  max-length: 8
                templates:
                  private-key:
                    CKA_TOKEN: true
                    CKA_PRIVATE: true
                    CKA_SENSITIVE: true
                    CKA_EXTRACTABLE: false
                    CKA_SIGN: true
                    CKA_DECRYPT: false
                    CKA_UNWRAP: false
                    CKA_DERIVE: false
                  public-key:
                    CKA_TOKEN: true
                    CKA_VERIFY: true
                    CKA_ENCRYPT: false
                    CKA_WRAP: false
                """;
        assertThat(reader.read(Files.writeString(dir.resolve("ok.yaml"), valid)).name()).isEqualTo("test");
        String broken = valid.replace(replace.replace("\\n", "\n"), with.replace("\\n", "\n"));
        assertThat(broken).isNotEqualTo(valid);
        Path file = Files.writeString(dir.resolve("family.yaml"), broken);

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("family.yaml")
                .hasMessageContaining(expected);
    }

    @Test
    void everyAttributeName_roundTrips() {
        for (KeyAttribute attribute : KeyAttribute.values()) {
            assertThat(KeyAttribute.parse(attribute.pkcs11Name())).isEqualTo(attribute);
        }
    }
}
