package dev.ceremony.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.testing.TestCli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch mode keeps the four-eyes rule of the terminal UI: one person is not both operator and witness. */
class OperatorAndWitnessTest {

    @TempDir
    Path dir;

    @Test
    void oneNameForOperatorAndWitness_isAUsageErrorBeforeAnythingIsRead() {
        for (String mode : new String[] {"--batch", "--abort=mistake"}) {
            TestCli.Result result = new TestCli(dir).run("run", "root-ca", mode, "--operator", "Al", "--witness",
                    " AL ", "--config", dir.resolve("no-such.yaml").toString());
            assertThat(result.status()).as(result.all()).isEqualTo(2);
            assertThat(result.err()).contains("--operator and --witness: the administrator 'Al' and the witness 'AL' "
                    + "are the same name (case and spacing aside); the witness is someone other than the administrator");
        }
    }
}
