package dev.ceremony.cli;

import picocli.CommandLine.Command;

/** {@code ceremony audit}: the group of audit-log commands. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Check audit logs.")
final class AuditCommand extends CommandGroup {
}
