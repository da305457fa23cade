package dev.ceremony.cli;

import picocli.CommandLine.Command;

/** {@code ceremony csr}: the group of certificate-request commands. */
@Command(name = "csr", mixinStandardHelpOptions = true, description = "Inspect certificate signing requests.")
final class CsrCommand extends CommandGroup {
}
