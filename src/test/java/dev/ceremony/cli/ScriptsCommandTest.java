package dev.ceremony.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ceremony scripts}: one line per script; a broken script is named with what is wrong and where. */
class ScriptsCommandTest {

    private static final Path SCRIPTS = Path.of(System.getProperty("ceremony.project.dir", "."))
            .resolve("ceremony-scripts");

    @TempDir
    Path dir;

    @Test
    void theShippedScripts_areListedOneLineEach() throws Exception {
        Path config = new TestToken("unused", "unused-pin", "unused-so", dir, dir.resolve("softhsm2.conf"), List.of())
                .writeApplianceConfig(dir.resolve("etc"));

        TestCli.Result result = new TestCli(dir).run("scripts", "--config", config.toString());

        assertThat(result.status()).as(result.all()).isZero();
        assertThat(result.out().lines()).hasSize(9);
        assertThat(result.out()).containsPattern(
                "(?m)^root-ca +Create the root CA and the audit key \\(7 steps, 4 on the token\\)  sha256 [0-9a-f]{16}…$")
                .contains("sign-csrs ").contains("intermediate-rotation ").contains("crl-renewal ")
                .containsPattern("(?m)^quorum-setup +.*\\(3 steps, 2 on the token\\)");
    }

    @Test
    void aBrokenScript_isNamedWithItsProblem_theOthersStillListed_andTheStatusIs1() throws Exception {
        Path revoke = dir.resolve("scripts/revoke.yaml");

        TestCli.Result result = scriptsAfterEditing("revoke.yaml", "action: issue-crl", "action: sign-crl");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.out().lines()).hasSize(8);
        assertThat(result.err()).contains(revoke + ":").contains("steps[2].action: 'sign-crl' is not one of");
    }

    @Test
    void aBrokenProfile_isNamedWithFileLineAndField_withTheScriptsThatUseIt_andTheStatusIs1() throws Exception {
        Path profile = dir.resolve("scripts/profiles/root-ca.yaml");

        TestCli.Result result = scriptsAfterEditing("profiles/root-ca.yaml", "default-days: 3650",
                "default-days: ten years");

        assertThat(result.status()).as(result.all()).isEqualTo(1);
        assertThat(result.err()).contains(profile + ":7: validity.default-days: expected a whole number")
                .contains("used by root-ca");
    }

    /** {@code ceremony scripts} on a copy of the shipped scripts in which {@code from} became {@code to} in {@code file}. */
    private TestCli.Result scriptsAfterEditing(String file, String from, String to) throws Exception {
        Path scripts = dir.resolve("scripts");
        Files.createDirectories(scripts.resolve("profiles"));
        try (Stream<Path> files = Files.walk(SCRIPTS)) {
            for (Path shipped : files.filter(Files::isRegularFile).toList()) {
                Files.copy(shipped, scripts.resolve(SCRIPTS.relativize(shipped).toString()));
            }
        }
        Path edited = scripts.resolve(file);
        Files.writeString(edited, Files.readString(edited).replace(from, to));
        Path config = new TestToken("unused", "unused-pin", "unused-so", dir, dir.resolve("softhsm2.conf"), List.of())
                .writeApplianceConfig(dir.resolve("etc"));
        Files.writeString(config, Files.readString(config).replace(SCRIPTS.toAbsolutePath().toString(), scripts.toString()));
        return new TestCli(dir).run("scripts", "--config", config.toString());
    }
}
