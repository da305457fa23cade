package dev.ceremony.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrictYamlTest {

    private static final Path FILE = Path.of("reviewed.yaml");
    private final StrictYaml yaml = new StrictYaml();

    @Test
    void plainDocument_keepsKeysInOrder_withPathsAndLines() {
        YamlMapping root = yaml.parse(FILE, "a: 1\nb:\n  c: text\n  d: [x, y]\n");

        assertThat(root.keys()).containsExactly("a", "b");
        YamlScalar c = root.mapping("b").required("c").asScalar();
        assertThat(c.path()).isEqualTo("b.c");
        assertThat(c.line()).isEqualTo(3);
        assertThat(c.asText()).isEqualTo("text");
        assertThat(root.mapping("b").sequence("d").items().get(1).path()).isEqualTo("b.d[1]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            duplicate key            | a: 1\\nb: 2\\na: 3\\n               | reviewed.yaml:3: a: duplicate key 'a' (first given on line 1)
            nested duplicate key     | a:\\n  x: 1\\n  x: 2\\n             | reviewed.yaml:3: a.x: duplicate key 'x'
            anchor                   | a: &base 1\\nb: 2\\n                | reviewed.yaml:1: YAML anchors (&base) are not allowed
            alias                    | a: 1\\nb: *a\\n                     | reviewed.yaml:2: YAML aliases (*a) are not allowed
            alias to anchor          | a: &x 1\\nb: *x\\n                  | reviewed.yaml:1: YAML anchors (&x)
            anchor on mapping        | a: &m\\n  b: 1\\nc: 2\\n            | YAML anchors (&m)
            tag                      | a: !!str 1\\n                       | reviewed.yaml:1: YAML tags (tag:yaml.org,2002:str) are not allowed
            custom tag               | a: !secret x\\n                     | YAML tags (!secret) are not allowed
            tagged mapping           | a: !!map {b: 1}\\n                  | YAML tags (tag:yaml.org,2002:map)
            quoted empty value       | a: ''\\n                            | a: has no value
            two documents            | a: 1\\n---\\nb: 2\\n                | only one YAML document is allowed
            empty value              | a:\\nb: 1\\n                        | reviewed.yaml:1: a: has no value
            tilde null               | a: ~\\n                             | a: has no value
            root is a list           | - a\\n- b\\n                        | expected a mapping
            root is a scalar         | hello\\n                            | expected a mapping
            broken syntax            | a: [1, 2\\n                         | not valid YAML
            """)
    void refusedDocument_isALocatedError(String name, String text, String expected) {
        assertThatThrownBy(() -> yaml.parse(FILE, text.replace("\\n", "\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void mergeKey_isNotExpanded_butSeenAsAnUnknownField() {
        YamlMapping other = yaml.parse(FILE, "other:\n  <<: {x: 2}\n").mapping("other");

        assertThatThrownBy(() -> other.allowOnly("x"))
                .hasMessageContaining("unknown field '<<' in other; allowed here: x");
    }

    @Test
    void emptyFile_isRefused(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");

        assertThatThrownBy(() -> yaml.read(empty)).hasMessageEndingWith("empty.yaml: the file is empty");
    }

    @Test
    void commentsOnly_isAnEmptyFile() {
        assertThatThrownBy(() -> yaml.parse(FILE, "# nothing here\n")).hasMessageContaining("the file is empty");
    }

    @Test
    void invalidUtf8_isRefused(@TempDir Path dir) throws IOException {
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});

        assertThatThrownBy(() -> yaml.read(latin1)).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void missingFile_isNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> yaml.read(dir.resolve("nope.yaml")))
                .hasMessageContaining("nope.yaml: the file does not exist");
    }

    @Test
    void oversizedFile_isRefused(@TempDir Path dir) throws IOException {
        Path big = Files.writeString(dir.resolve("big.yaml"), "a: " + "x".repeat(StrictYaml.MAX_BYTES) + "\n");

        assertThatThrownBy(() -> yaml.read(big)).hasMessageContaining("larger than 256 KiB");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"yes", "no", "on", "off", "True", "'true'", "\"false\"", "1"})
    void onlyTrueAndFalse_areBooleans(String word) {
        YamlMapping root = yaml.parse(FILE, "flag: " + word + "\n");

        assertThatThrownBy(() -> root.bool("flag")).hasMessageContaining("flag: expected true or false");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"0x10", "010", "-1", "1_000", "1.5", "'12'", "\"12\""})
    void onlyPlainDecimals_areWholeNumbers(String number) {
        YamlMapping root = yaml.parse(FILE, "n: " + number + "\n");

        assertThatThrownBy(() -> root.integer("n")).hasMessageContaining("n: expected a whole number");
    }

    @Test
    void numbersKeepTheirText_whenReadAsText() {
        YamlMapping root = yaml.parse(FILE, "serial: 0042\nother: 1e3\n");

        assertThat(root.string("serial")).isEqualTo("0042");
        assertThat(root.string("other")).isEqualTo("1e3");
    }

    @Test
    void missingRequiredField_namesItsPath() {
        YamlMapping root = yaml.parse(FILE, "token:\n  label: x\n");

        assertThatThrownBy(() -> root.mapping("token").string("serial"))
                .hasMessage("reviewed.yaml:2: token.serial: required field is missing");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            block mappings  | true  | 'k:'  | ''
            flow mappings   | false | '{k: ' | '}'
            flow sequences  | false | '['    | ']'
            """)
    void nestingAThousandLevelsDeep_isRefusedWithItsLineAndPath_andNoParserInternals(String name, boolean block,
            String open, String close) {
        StringBuilder text = new StringBuilder("top:");
        for (int level = 1; level <= 1000; level++) {
            text.append(block ? "\n" + "  ".repeat(level) : " ").append(open);
        }
        text.append(" 1").append(close.repeat(1000)).append('\n');

        assertThatThrownBy(() -> yaml.parse(FILE, text.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageMatching("(?s)reviewed\\.yaml:\\d+: top(\\.k|\\[0\\])+: nested more than "
                        + StrictYaml.MAX_DEPTH + " levels deep; .*")
                .hasMessageNotContaining("snakeyaml").hasMessageNotContaining("Jackson")
                .hasMessageNotContaining("Exception").hasMessageNotContaining("StreamReadConstraints");
    }
}
