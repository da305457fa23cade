package dev.ceremony.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line on one appliance of a test token (its ceremony.yaml in {@code dir/appliance},
 * the network allowed, the PIN in the environment), with batch runs in the names of Alice Admin and
 * Wendy Witness.
 */
public final class BatchCli {

    private final TestCli cli;
    private final Path config;
    private final Map<String, String> environment;

    public BatchCli(TestToken token, Path dir) throws IOException {
        this.config = token.writeApplianceConfig(dir.resolve("appliance"), List.of("preflight:",
                "  allow-network: true"));
        this.environment = Map.of("CEREMONY_PIN", token.userPin(), "CEREMONY_DEBUG_LOG",
                dir.resolve("debug.log").toString());
        this.cli = new TestCli(dir, environment);
    }

    /** A command of this appliance ({@code --config} added). */
    public TestCli.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString()));
        return cli.run(all.toArray(String[]::new));
    }

    /** A command that takes no configuration. */
    public TestCli.Result bare(String... args) {
        return cli.run(args);
    }

    /** {@code run SCRIPT --batch} with the two names and {@code more}. */
    public TestCli.Result batch(String script, String... more) {
        return run(batchArgs(script, more).toArray(String[]::new));
    }

    /**
     * The same ceremony in a child JVM, killed (SIGKILL) once it prints a line starting with
     * {@code marker}; returns what it printed.
     */
    public String batchKilledAt(String marker, String script, String... more) throws Exception {
        List<String> args = new ArrayList<>(batchArgs(script, more));
        args.addAll(List.of("--config", config.toString()));
        return ChildJvm.killAt(environment, marker, args);
    }

    private static List<String> batchArgs(String script, String... more) {
        List<String> args = new ArrayList<>(List.of("run", script, "--batch", "--operator", "Alice Admin", "--witness",
                "Wendy Witness"));
        args.addAll(List.of(more));
        return args;
    }

    /** Asserts that {@code result} is a completed ceremony. */
    public static void completes(TestCli.Result result) {
        assertThat(result.status()).as(result.all()).isZero();
        assertThat(result.out()).contains(" completed.");
    }
}
