package dev.ceremony.engine;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Where the appliance keeps its memory: the audit log, the records, quarantine and transcripts. */
public interface CeremonyStore {

    /** The audit log to read from its start, or empty before the first ceremony. */
    Optional<java.io.InputStream> openLog();

    /**
     * Starts the audit log (the root ceremony): its first record holds the audit public key and
     * {@code data}; the file must not exist yet.
     */
    Workspace create(String ceremony, byte[] auditKeyInfo, Map<String, Object> data);

    /**
     * The CA certificates the records hold as they are on disk, read without locking, repairing or
     * creating anything; none before the first ceremony. Plans are resolved against them.
     */
    CaCertificates caCertificates();

    /** Opens the existing log and the records, repairing the records from the log. */
    Workspace open();

    /** The folder under which imports are quarantined, one folder per import. */
    Path quarantine();

    /**
     * Removes the quarantine folder of an import that never completed; empty when it is gone, else
     * why it is still there.
     */
    Optional<String> removeIncompleteImport(Path folder);

    /** Writes a ceremony's transcript as a new file and returns where it went. */
    Path writeTranscript(String ceremony, String text);

    /**
     * The officer's console sessions logged since the last ceremony (the live image's session
     * writes a line to {@code console-drops.log} in the records directory at each drop to the
     * console), handed over once: the file moves to {@code console-drops/<ceremony>.log}, so no
     * later ceremony records them again. Empty when there were none.
     */
    java.util.List<String> takeConsoleDrops(String ceremony);
}
