package dev.ceremony.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.config.ConfigException;
import dev.ceremony.engine.CeremonyScript;
import dev.ceremony.engine.Role;
import dev.ceremony.engine.ScriptStep;
import dev.ceremony.engine.StepAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptReaderTest {

    private static final Path SCRIPTS = Path.of(System.getProperty("ceremony.project.dir", "."))
            .resolve("ceremony-scripts");

    private final ScriptReader reader = new ScriptReader(new StrictYaml());

    @TempDir
    Path dir;

    @BeforeEach
    void copyProfiles() throws IOException {
        Files.createDirectories(dir.resolve("profiles"));
        try (Stream<Path> profiles = Files.list(SCRIPTS.resolve("profiles"))) {
            for (Path profile : profiles.toList()) {
                Files.copy(profile, dir.resolve("profiles").resolve(profile.getFileName()));
            }
        }
    }

    @Test
    void theNineShippedScripts_readCleanly_andCarryTheSha256OfTheirBytes() throws Exception {
        List<String> ids = List.of("root-ca", "intermediate-ca", "sign-csrs", "intermediate-rotation", "revoke",
                "crl-renewal", "quorum-setup", "quorum-check", "quorum-reshare");
        for (String id : ids) {
            Path file = SCRIPTS.resolve(id + ".yaml");
            CeremonyScript script = reader.read(file);
            assertThat(script.id()).isEqualTo(id);
            assertThat(script.roles()).containsKey(Role.ADMINISTRATOR);
            assertThat(script.steps().get(0).action()).as(id + " starts with the preflight").isEqualTo(StepAction.PREFLIGHT);
            assertThat(script.sha256()).isEqualTo(
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        }
        try (Stream<Path> listed = Files.list(SCRIPTS)) {
            assertThat(listed.filter(file -> file.toString().endsWith(".yaml")).map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(ids.stream().map(id -> id + ".yaml").toList());
        }
    }

    @Test
    void theRootCeremony_generatesTwoKeys_beforeItSignsWithThem() {
        CeremonyScript root = reader.read(SCRIPTS.resolve("root-ca.yaml"));
        assertThat(root.steps()).extracting(ScriptStep::action).containsExactly(StepAction.PREFLIGHT,
                StepAction.GENERATE_KEY, StepAction.GENERATE_KEY, StepAction.SELF_SIGN_ROOT,
                StepAction.CERTIFY_AUDIT_KEY, StepAction.EXPORT, StepAction.SHOW_FINGERPRINTS);
        assertThat(root.tokenSteps()).hasSize(4);
        assertThat(root.steps().get(2).arguments()).isEqualTo(
                Map.of("key", "root", "spec", "${root-key-spec}", "label", "root-ca"));
        assertThat(root.steps().get(2).references()).containsExactly("root-key-spec");
        assertThat(root.steps().get(2).confirmBy()).containsExactlyInAnyOrder(Role.ADMINISTRATOR, Role.WITNESS);
        assertThat(root.parameters().get(1).accept("ec-p256")).isEqualTo("ec-p256");
        assertThatThrownBy(() -> root.parameters().get(1).accept("ec-p521"))
                .hasMessage("parameter 'root-key-spec': 'ec-p521' is not one of ec-p384, ec-p256, rsa-4096, rsa-3072");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an action outside the closed set      | action: self-sign-root                | action: sign-root                 | 52 | steps[3].action: 'sign-root' is not one of preflight, confirm, generate-key
            an unknown field in a step            | action: self-sign-root                | action: self-sign-root\\n    shell: rm -rf / | 53 | unknown field 'shell' in steps[3]; allowed here: id, instruction, action, confirm, arguments
            a role the script does not declare    | confirm: [administrator, witness]     | confirm: [administrator, custodian] | 28 | step 'preflight' asks the custodian to confirm, but the script declares no such role
            a reference to no parameter           | common-name: ${root-common-name}      | common-name: ${root-name}         | 50 | step 'self-sign-root' refers to ${root-name}, which is not a parameter of the script
            a key no earlier step generates       | key: audit\\n      issuer: root        | key: signer\\n      issuer: root   | 59 | step 'certify-audit-key' uses the key 'signer', which no earlier step generates
            a missing required argument           | spec: ${root-key-spec}\\n      label: root-ca | spec: ${root-key-spec} | 42 | step 'generate-root-key': action generate-key needs the argument 'label'
            a field a step does not have        | label: root-ca                      | label: root-ca\\n    x: y          | 50 | unknown field 'x' in steps[2]
            an argument the action does not take  | label: root-ca                        | label: root-ca\\n      usage: sign  | 42 | step 'generate-root-key': action generate-key takes no argument 'usage'; it takes key, spec, label
            a key type Ceremony does not make     | spec: ec-p256                         | spec: ec-p521                     | 34 | step 'generate-audit-key', argument 'spec': 'ec-p521' is not one of ec-p256, ec-p384, rsa-3072, rsa-4096
            a profile that does not exist         | profile: root-ca                      | profile: rooot-ca                 | 56 | there is no profile 'rooot-ca'
            a default that does not fit its type  | default: 3650                         | default: ten years                | 23 | parameter 'root-validity-days': the default 'ten years' is not a whole number
            a step id used twice                  | id: fingerprints                      | id: export                        | 68 | step id 'export' is used twice
            an empty confirmation list            | confirm: [administrator]\\n    arguments:\\n      key: audit | confirm: []\\n    arguments:\\n      key: audit | 34 | step 'generate-audit-key' names no role to confirm it
            """)
    void aBrokenScript_isRefused_withWhatIsWrongAndWhere(String what, String from, String to, int line, String message)
            throws IOException {
        String original = Files.readString(SCRIPTS.resolve("root-ca.yaml"));
        String search = from.strip().replace("\\n", "\n");
        assertThat(original).as(what).contains(search);
        Path file = dir.resolve("root-ca.yaml");
        Files.writeString(file, original.replaceFirst(java.util.regex.Pattern.quote(search),
                java.util.regex.Matcher.quoteReplacement(to.strip().replace("\\n", "\n"))));

        assertThatThrownBy(() -> reader.read(file)).as(what).isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":" + line + ":")
                .hasMessageContaining(message.strip());
    }

    @Test
    void aScriptNamedAfterAnotherFile_isRefused() throws IOException {
        Path file = dir.resolve("my-root.yaml");
        Files.copy(SCRIPTS.resolve("root-ca.yaml"), file);
        assertThatThrownBy(() -> reader.read(file))
                .hasMessageContaining("the script 'root-ca' must live in a file named root-ca.yaml");
    }
}
