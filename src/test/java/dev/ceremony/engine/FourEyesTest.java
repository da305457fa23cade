package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.yaml.ScriptReader;
import dev.ceremony.yaml.StrictYaml;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The witness is someone other than the administrator in every mode: a run request naming one
 * person for both, however the name was typed, is refused before anything runs.
 */
class FourEyesTest {

    private static final Path SCRIPTS = Path.of(System.getProperty("ceremony.project.dir", "."))
            .resolve("ceremony-scripts");

    private static RunRequest request(RunMode mode, String administrator, String witness) {
        ResolvedScript script = ResolvedScript.of(new ScriptReader(new StrictYaml()).read(SCRIPTS.resolve("root-ca.yaml")),
                Map.of());
        return new RunRequest(script, mode, Map.of(Role.ADMINISTRATOR, administrator, Role.WITNESS, witness),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', value = {
        "Al        | Al",
        "Alice Lee | '  alice  LEE '",
        "Zo\u00eb       | Zoe\u0308",
        "Ann\u00a0Lee  | ann lee",
        "\uff21nn       | ann",
    })
    void oneNameForAdministratorAndWitness_isRefusedInEveryMode(String administrator, String witness) {
        for (RunMode mode : RunMode.values()) {
            assertThatThrownBy(() -> request(mode, administrator, witness))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("are the same name (case and spacing aside); the witness is someone other "
                            + "than the administrator");
        }
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', value = {"Al | Alan", "Ann Lee | Annlee"})
    void twoNames_makeARequest(String administrator, String witness) {
        assertThat(request(RunMode.BATCH, administrator, witness).participants()).containsEntry(Role.WITNESS, witness);
    }
}
