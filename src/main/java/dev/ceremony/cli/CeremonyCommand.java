package dev.ceremony.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command. The terminal UI will run here; until it exists, this prints the usage. */
@Command(name = "ceremony", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Offline root-CA appliance: key ceremonies on a PKCS#11 token.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:success", "1:refused or failed", "2:usage error"})
final class CeremonyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
