package dev.ceremony.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestToken;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.Token;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ceremony token info} and the CLI's error handling, on a real SoftHSM token. */
@SoftHsm(labels = {"cli-token", "other-token"})
class TokenInfoCommandTest {

    @TempDir
    static Path dir;

    private static Path config;
    private static Path pinFile;
    private static KeyHandle rootKey;

    private final Map<String, String> environment = new HashMap<>(Map.of(
            DebugLog.ENVIRONMENT, dir.resolve("debug.log").toString()));

    record Result(int status, String out, String err) {
    }

    @BeforeAll
    static void setUp(TestToken testToken) throws IOException {
        config = testToken.writeApplianceConfig(dir.resolve("etc"));
        pinFile = testToken.writePinFile(dir.resolve("secrets"));
        try (Token token = testToken.openLoggedIn()) {
            rootKey = token.generateKeyPair(new KeyLabel("root-2026"), KeySpec.EC_P384);
            token.generateKeyPair(new KeyLabel("audit-2026"), KeySpec.EC_P256);
        }
    }

    private Result run(String... args) {
        TestCli.Result result = new TestCli(dir, environment).run(args);
        return new Result(result.status(), result.out(), result.err());
    }

    @Test
    void tokenInfo_showsIdentityPinStateAndKeysWithAttributes(TestToken testToken) {
        Result result = run("token", "info", "--config", config.toString(), "--pin-file", pinFile.toString());

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("label          cli-token")
                .contains("manufacturer   SoftHSM project")
                .contains("model          SoftHSM v2")
                .containsPattern("serial +[0-9a-f]{16}")
                .contains("family         SoftHSM2 software token")
                .contains("library        /usr/lib/softhsm/libsofthsm2.so")
                .contains("state          ok")
                .contains("Keys (2)")
                .contains("  root-2026\n")
                .contains("""
                          root-2026
                            type         EC P-384
                            id           %s
                            public key   SHA-256 %s
                            attributes   sensitive, always sensitive, not extractable, never extractable, local
                            usage        sign
                        """.formatted(rootKey.id().hex(), rootKey.publicKeySha256().orElseThrow()))
                .doesNotContain(testToken.userPin());
        assertThat(result.out().indexOf("audit-2026")).isLessThan(result.out().indexOf("root-2026"));
    }

    @Test
    void withoutAPin_identityIsShown_andKeysAreNotListed() {
        Result result = run("token", "info", "--config", config.toString());

        assertThat(result.status()).isZero();
        assertThat(result.out()).contains("label          cli-token").contains("not listed     no PIN given");
    }

    @Test
    void pinFromTheEnvironment_isUsed(TestToken testToken) {
        environment.put(PinSource.ENVIRONMENT, testToken.userPin());

        Result result = run("token", "info", "--config", config.toString());

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).contains("Keys (2)");
    }

    @Test
    void configFromTheEnvironment_isUsed() {
        environment.put(ConfigOption.ENVIRONMENT, config.toString());

        Result result = run("token", "info");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).contains("label          cli-token");
    }

    @Test
    void wrongPin_exitsOne_withTheFlags_andNoStackTrace(TestToken testToken) throws IOException {
        Path wrong = dir.resolve("wrong-pin");
        Files.createFile(wrong, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(wrong, "not-the-pin\n");

        Result result = run("token", "info", "--config", config.toString(), "--pin-file", wrong.toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).startsWith("ceremony: token 'cli-token' rejected the PIN")
                .contains("count low").doesNotContain("\tat ").doesNotContain("not-the-pin");
        assertThat(dir.resolve("debug.log")).content().contains("rejected the PIN").doesNotContain("not-the-pin")
                .doesNotContain(testToken.userPin());
        // a good login clears the flag again, for the other tests
        assertThat(run("token", "info", "--config", config.toString(), "--pin-file", pinFile.toString()).status())
                .isZero();
    }

    @Test
    void pinFileReadableByOthers_isRefused() throws IOException {
        Path open = dir.resolve("open-pin");
        Files.writeString(open, "whatever\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));

        Result result = run("token", "info", "--config", config.toString(), "--pin-file", open.toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains("can be read by other users; run 'chmod 600 " + open + "'");
    }

    @Test
    void missingConfig_namesTheFile() {
        Result result = run("token", "info", "--config", dir.resolve("absent.yaml").toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains("absent.yaml: the file does not exist");
    }

    @Test
    void tokenLabelThatIsNotPresent_listsTheTokensThatAre() throws IOException {
        Path elsewhere = Files.writeString(dir.resolve("etc/wrong-label.yaml"),
                Files.readString(config).replace("label: cli-token", "label: no-such-token"));

        Result result = run("token", "info", "--config", elsewhere.toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains("no token labelled 'no-such-token'")
                .contains("'cli-token' (serial ").contains("'other-token' (serial ");
    }

    @Test
    void help_listsOnlyTheCommandsThatExist() {
        Result root = run("--help");
        Result token = run("token", "--help");

        assertThat(root.status()).isZero();
        String commands = root.out().substring(root.out().indexOf("Commands:"));
        assertThat(commands.lines().skip(1).takeWhile(line -> !line.isBlank()).filter(line -> line.startsWith("  ")
                && !line.startsWith("   ")).map(line -> line.strip().split(" ")[0]))
                .containsExactly("token", "audit", "status", "scripts", "run", "demo", "csr");
        assertThat(token.out()).contains("info");
    }

    @Test
    void usageErrors_exitTwo() {
        Result tui = run();
        assertThat(tui.status()).as("without a command the TUI opens, on the appliance's configuration")
                .isEqualTo(1);
        assertThat(tui.err()).contains("ceremony.yaml");
        assertThat(run("sign-everything").status()).isEqualTo(2);
        assertThat(run("token", "info", "--no-such-option").status()).isEqualTo(2);
        assertThat(run("token").status()).isEqualTo(2);
    }

    @Test
    void version_namesTheJava() {
        Result result = run("--version");

        assertThat(result.status()).isZero();
        assertThat(result.out()).startsWith("ceremony ").contains("Java " + System.getProperty("java.version"));
    }
}
