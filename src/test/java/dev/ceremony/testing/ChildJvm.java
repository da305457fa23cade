package dev.ceremony.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
}
