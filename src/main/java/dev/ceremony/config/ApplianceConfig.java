package dev.ceremony.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The appliance configuration ({@code ceremony.yaml}): who the organisation is, which token holds
 * the CA keys, where the CA records and the audit log live, and how early {@code status} warns. Relative paths in the file are resolved against
 * the file's own directory before they get here.
 *
 * @param source the file this was read from
 */
public record ApplianceConfig(Path source, DnDefaults dnDefaults, TokenSettings token, Path recordsDirectory,
        Path auditLog, WarningWindows warnings) {

    /** The audit log's file name inside the records directory unless configured otherwise. */
    public static final String DEFAULT_AUDIT_LOG = "audit.jsonl";

    public ApplianceConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dnDefaults, "dnDefaults");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(recordsDirectory, "recordsDirectory");
        Objects.requireNonNull(auditLog, "auditLog");
        Objects.requireNonNull(warnings, "warnings");
        if (!recordsDirectory.isAbsolute() || !auditLog.isAbsolute()) {
            throw new IllegalArgumentException("records paths must be absolute once resolved: " + recordsDirectory);
        }
    }
}
