package dev.ceremony.cli;

import picocli.CommandLine.Command;

/** {@code ceremony token}: the group of token commands. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Inspect the PKCS#11 token.")
final class TokenCommand extends CommandGroup {
}
