package dev.ceremony.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ceremony token}: the group of token commands. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Inspect the PKCS#11 token.")
final class TokenCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
