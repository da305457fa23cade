package dev.ceremony.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestToken;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.Token;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key whose certificate was never stored (a crash between generation and issuance) must still
 * be found by label: here by a brand-new JVM running the real command line.
 */
@SoftHsm
class KeyFoundInNewJvmTest {

    @Test
    void keyWithoutCertificate_isFoundByANewJvm_withTheSamePublicKey(TestToken testToken, @TempDir Path dir)
            throws Exception {
        KeyHandle made;
        try (Token token = testToken.openLoggedIn()) {
            made = token.generateKeyPair(new KeyLabel("orphan-after-crash"), KeySpec.RSA_3072);
        }
        Path config = testToken.writeApplianceConfig(dir);
        Path pinFile = testToken.writePinFile(dir.resolve("secret"));

        Process child = dev.ceremony.testing.ChildJvm.start("dev.ceremony.Main", "token", "info", "--config",
                config.toString(), "--pin-file", pinFile.toString());
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.waitFor()).as(output).isZero();
        assertThat(output)
                .contains("orphan-after-crash")
                .contains("RSA 3072")
                .contains("SHA-256 " + made.publicKeySha256().orElseThrow())
                .contains("sensitive, always sensitive, not extractable, never extractable, local");

        Process tool = new ProcessBuilder("pkcs11-tool", "--module", TestToken.LIBRARY.toString(), "--token-label",
                testToken.label(), "--login", "--pin", testToken.userPin(), "--list-objects", "--type", "cert")
                .redirectErrorStream(true).start();
        String certificates = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tool.waitFor()).isZero();
        assertThat(certificates).as("no certificate was ever stored").doesNotContain("Certificate Object");
    }
}
