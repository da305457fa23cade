package dev.ceremony.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts a main class of this build in a new JVM, with the test classpath and the PKCS#11 flags. */
public final class ChildJvm {

    private ChildJvm() {
    }

    public static Process start(String mainClass, String... args) throws IOException {
        return start(Map.of(), mainClass, args);
    }

    /** The same, with {@code environment} added to this JVM's. */
    public static Process start(Map<String, String> environment, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.crypto.cryptoki",
                "--add-exports", "jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED",
                "-Dceremony.project.dir=" + TestToken.projectDir(),
                "-cp", System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * Runs {@code dev.ceremony.Main} with {@code args} and kills it (SIGKILL) once a line starts with
     * {@code marker}; asserts it got there and died of the kill. Returns what it printed.
     */
    public static String killAt(Map<String, String> environment, String marker, List<String> args)
            throws IOException, InterruptedException {
        Process child = start(environment, "dev.ceremony.Main", args.toArray(String[]::new));
        StringBuilder seen = new StringBuilder();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                seen.append(line).append('\n');
                if (line.startsWith(marker)) {
                    child.destroyForcibly();
                    break;
                }
            }
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(seen.toString()).as("the child reached the step").contains(marker);
        assertThat(child.exitValue()).as("killed, not finished: " + seen).isEqualTo(137);
        return seen.toString();
    }
}
