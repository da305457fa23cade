package dev.ceremony.cli;

import dev.ceremony.tui.Backend;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The root command: without a subcommand it opens the terminal UI on the configured appliance. */
@Command(name = "ceremony", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Offline root-CA appliance: key ceremonies on a PKCS#11 token.",
            "Without a command, opens the terminal UI on the appliance configuration."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:success", "1:refused or failed", "2:usage error"})
final class CeremonyCommand implements Callable<Integer> {

    private final Services services;
    private final DebugLog debugLog;

    @Mixin
    private ConfigOption config;

    CeremonyCommand(Services services, DebugLog debugLog) {
        this.services = services;
        this.debugLog = debugLog;
    }

    @Override
    public Integer call() {
        return new TerminalUi(services, debugLog).open(config.resolve(services.environment()),
                new Backend.MediaDefaults(Optional.empty(), Optional.empty()), List.of());
    }
}
