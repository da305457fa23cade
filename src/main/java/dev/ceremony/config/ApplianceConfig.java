package dev.ceremony.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The appliance configuration ({@code ceremony.yaml}): who the organisation is, which token holds
 * the CA keys, where the CA records and the audit log live, how early {@code status} warns,
 * and what the preflight of a ceremony allows. Relative paths in the file are resolved against
 * the file's own directory before they get here.
 *
 * @param source the file this was read from
 */
public record ApplianceConfig(Path source, DnDefaults dnDefaults, TokenSettings token, Path recordsDirectory,
        Path auditLog, Optional<Path> mirrorDirectory, WarningWindows warnings, MediaSettings media,
        Path scriptsDirectory, IssuancePolicy policy, PreflightSettings preflight) {

    /** Where the live image installs the ceremony scripts and profiles. */
    public static final Path SYSTEM_SCRIPTS = Path.of("/usr/share/ceremony/ceremony-scripts");

    /** The folder of certificate profiles inside the scripts directory. */
    public Path profilesDirectory() {
        return scriptsDirectory.resolve("profiles");
    }

    /** The mirror copy of the audit log: same file name, in the mirror directory. */
    public Optional<Path> mirrorAuditLog() {
        return mirrorDirectory.map(directory -> directory.resolve(auditLog.getFileName()));
    }

    /** The audit log's file name inside the records directory unless configured otherwise. */
    public static final String DEFAULT_AUDIT_LOG = "audit.jsonl";

    public ApplianceConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dnDefaults, "dnDefaults");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(recordsDirectory, "recordsDirectory");
        Objects.requireNonNull(auditLog, "auditLog");
        Objects.requireNonNull(mirrorDirectory, "mirrorDirectory");
        if (mirrorDirectory.isPresent() && mirrorDirectory.get().equals(recordsDirectory)) {
            throw new IllegalArgumentException("the mirror must be another directory than the records");
        }
        Objects.requireNonNull(warnings, "warnings");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(scriptsDirectory, "scriptsDirectory");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(preflight, "preflight");
        if (!recordsDirectory.isAbsolute() || !auditLog.isAbsolute()) {
            throw new IllegalArgumentException("records paths must be absolute once resolved: " + recordsDirectory);
        }
    }
}
