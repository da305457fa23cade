package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.yaml.ScriptReader;
import dev.ceremony.yaml.StrictYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Giving a script's parameters values: defaults, checks, and every reference replaced and checked again. */
class ResolvedScriptTest {

    private static final Path SCRIPTS = Path.of(System.getProperty("ceremony.project.dir", "."))
            .resolve("ceremony-scripts");

    private final ScriptReader reader = new ScriptReader(new StrictYaml());

    private CeremonyScript script(String id) {
        return reader.read(SCRIPTS.resolve(id + ".yaml"));
    }

    @Test
    void defaultsFillWhatIsNotGiven_andEveryReferenceIsReplaced() {
        ResolvedScript resolved = ResolvedScript.of(script("root-ca"), Map.of("root-key-spec", "rsa-4096"));

        assertThat(resolved.values()).containsExactly(Map.entry("root-common-name", "Example IoT Root CA"),
                Map.entry("root-key-spec", "rsa-4096"), Map.entry("root-validity-days", "3650"));
        assertThat(resolved.script().steps()).allSatisfy(step -> assertThat(step.references()).isEmpty());
        assertThat(resolved.script().steps().get(2).arguments()).containsEntry("spec", "rsa-4096");
        assertThat(resolved.script().steps().get(3).arguments()).containsEntry("common-name", "Example IoT Root CA")
                .containsEntry("validity-days", "3650");
        assertThat(resolved.script().sha256()).isEqualTo(script("root-ca").sha256());
    }

    @Test
    void aParameterWithoutDefault_mustBeGiven_andSaysWhatItIsFor() {
        assertThatThrownBy(() -> ResolvedScript.of(script("intermediate-ca"), Map.of("ca", "server-ca")))
                .hasMessage("parameter 'common-name' needs a value (--param common-name=VALUE): "
                        + "Common name, one per generation (e.g. Example Server CA 2026)");
    }

    @Test
    void aValueOutsideItsType_orAParameterTheScriptDoesNotHave_isRefused() {
        assertThatThrownBy(() -> ResolvedScript.of(script("sign-csrs"),
                Map.of("profile", "root-ca", "issuer", "server-ca")))
                .hasMessage("parameter 'profile': 'root-ca' is not one of mqtt-server, mqtt-device");
        assertThatThrownBy(() -> ResolvedScript.of(script("crl-renewal"), Map.of("next-update-days", "-1")))
                .hasMessageContaining("'-1' is not a whole number");
        assertThatThrownBy(() -> ResolvedScript.of(script("revoke"),
                Map.of("issuer", "device-ca", "serial", "1f", "reson", "superseded")))
                .hasMessage("the script revoke has no parameter reson; its parameters are issuer, serial, reason");
    }

    @Test
    void aValueThatLooksLikeAReference_isRefused_soNoArgumentEscapesItsCheck() {
        assertThatThrownBy(() -> ResolvedScript.of(script("intermediate-ca"),
                Map.of("ca", "device-ca", "common-name", "${key-spec}")))
                .hasMessage("parameter 'common-name': a value may not contain ${...}");
    }

    @Test
    void aResolvedArgument_isCheckedAsTheLiteralItBecame(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("key-only.yaml");
        Files.writeString(file, String.join("\n",
                "id: key-only",
                "title: One key",
                "description: Generates one key under a name the officers choose",
                "roles:",
                "  administrator: Officer",
                "parameters:",
                "  - name: key-name",
                "    type: text",
                "    description: Name of the key",
                "steps:",
                "  - id: generate",
                "    instruction: Generate the key.",
                "    action: generate-key",
                "    confirm: [administrator]",
                "    arguments:",
                "      key: ${key-name}",
                "      spec: ec-p256",
                "      label: ${key-name}",
                ""));
        CeremonyScript script = reader.read(file);

        assertThat(ResolvedScript.of(script, Map.of("key-name", "signer")).script().steps().get(0).arguments())
                .containsEntry("key", "signer");
        assertThatThrownBy(() -> ResolvedScript.of(script, Map.of("key-name", "Root Key")))
                .as("a text parameter is fine as text, but not as the key name it becomes")
                .hasMessage("step 'generate', argument 'key': 'Root Key' is not a name: lower-case letters, digits and "
                        + "inner hyphens, e.g. server-ca");
    }
}
