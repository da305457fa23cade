package dev.ceremony.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Makes fresh SoftHSM2 tokens for a test class.
 *
 * <p>SoftHSM reads the file named by SOFTHSM2_CONF once per process, when the library is
 * initialised, and the JDK's PKCS#11 wrapper has no C_InitToken, so a token cannot be made
 * in-process after the library is loaded. Surefire therefore forks one JVM per test class
 * ({@code reuseForks=false}) with SOFTHSM2_CONF pointing at a file under target/; before anything
 * in that JVM loads the library, this extension rewrites the file to name a new token directory
 * and initialises the tokens in it with {@code softhsm2-util}.
 */
public final class SoftHsmExtension implements BeforeAllCallback, ParameterResolver {

    /** System property recording which class owns this JVM's SoftHSM configuration. */
    private static final String OWNER = "ceremony.softhsm.owner";
    private static final String USER_PIN = "4711-user-pin";
    private static final String SO_PIN = "0815-so-pin";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SoftHsmExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Class<?> testClass = context.getRequiredTestClass();
        String owner = System.getProperty(OWNER);
        if (owner != null && !owner.equals(testClass.getName())) {
            throw new IllegalStateException("SoftHSM was already set up in this JVM for " + owner
                    + "; Surefire must fork one JVM per test class (reuseForks=false)");
        }
        if (owner != null) {
            return; // nested classes share the outer class's tokens
        }
        System.setProperty(OWNER, testClass.getName());
        String confVariable = System.getenv("SOFTHSM2_CONF");
        if (confVariable == null) {
            throw new IllegalStateException("SOFTHSM2_CONF is not set; run the tests through Maven (bin/test)");
        }
        Path conf = Path.of(confVariable);
        Path work = Path.of(System.getProperty("ceremony.test.work", "target/test-work"));
        Path directory = work.resolve("softhsm").resolve(testClass.getSimpleName() + "-" + UUID.randomUUID());
        Path tokens = directory.resolve("tokens");
        Files.createDirectories(tokens);
        Files.createDirectories(conf.getParent());
        Files.writeString(conf, "directories.tokendir = " + tokens.toAbsolutePath() + "\n"
                + "objectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
        List<String> labels = Arrays.asList(testClass.getAnnotation(SoftHsm.class).labels());
        for (String label : labels) {
            initToken(label);
        }
        context.getStore(NAMESPACE).put(TestToken.class,
                new TestToken(labels.get(0), USER_PIN, SO_PIN, directory, conf, List.copyOf(labels)));
    }

    private static void initToken(String label) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", label,
                "--so-pin", SO_PIN, "--pin", USER_PIN).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("softhsm2-util --init-token failed: " + output);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestToken.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext current = context;
        while (current != null) {
            TestToken token = current.getStore(NAMESPACE).get(TestToken.class, TestToken.class);
            if (token != null) {
                return token;
            }
            current = current.getParent().orElse(null);
        }
        throw new ParameterResolutionException("no SoftHSM token: annotate the test class with @SoftHsm");
    }
}
