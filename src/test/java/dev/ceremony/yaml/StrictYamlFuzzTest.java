package dev.ceremony.yaml;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ceremony.config.ConfigException;
import java.nio.file.Path;

/**
 * Whatever bytes a configuration holds, StrictYaml answers with a tree or a ConfigException,
 * never with another exception. Runs its seed inputs in every build; fuzz for real with
 * {@code JAZZER_FUZZ=1 mvn test -Dtest=StrictYamlFuzzTest}.
 */
class StrictYamlFuzzTest {

    private final StrictYaml yaml = new StrictYaml();
    private final Path file = Path.of("fuzz.yaml");

    @FuzzTest(maxDuration = "30s")
    void anyText_isATreeOrALocatedError(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            YamlMapping root = yaml.parse(file, text);
            for (String key : root.keys()) {
                root.required(key).path();
            }
        } catch (ConfigException expected) {
            if (expected.getMessage() == null || !expected.getMessage().startsWith("fuzz.yaml")) {
                throw new AssertionError("message does not name the file: " + expected.getMessage());
            }
        }
    }
}
