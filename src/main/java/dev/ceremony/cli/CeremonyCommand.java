package dev.ceremony.cli;

import picocli.CommandLine.Command;

/** The root command. The terminal UI will run here; until it exists, this prints the usage. */
@Command(name = "ceremony", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Offline root-CA appliance: key ceremonies on a PKCS#11 token.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:success", "1:refused or failed", "2:usage error"})
final class CeremonyCommand extends CommandGroup {
}
