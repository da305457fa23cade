package dev.ceremony.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.testing.TestCli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --approved-plan} reads a hash as officers type it from the signed plan (checked against
 * the plan by the ceremony tests); text that is no hash is a usage error saying what is wrong.
 */
class ApprovedPlanOptionTest {

    @TempDir
    Path dir;

    @Test
    void textThatIsNoPlanHash_isAUsageErrorSayingWhy() {
        TestCli.Result result = new TestCli(dir).run("run", "root-ca", "--batch", "--approved-plan", "57dd 02d4 xyz",
                "--config", dir.resolve("no-such.yaml").toString());
        assertThat(result.status()).as(result.all()).isEqualTo(2);
        assertThat(result.err()).contains("--approved-plan: '57dd 02d4 xyz' is not a plan's SHA-256: it takes 64 hex "
                + "digits (spaces and colons between them are ignored)").contains("not all hex digits");
    }
}
