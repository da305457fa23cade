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

    /** Opens the existing log and the records, repairing the records from the log. */
    Workspace open();

    /** The folder under which imports are quarantined, one folder per import. */
    Path quarantine();

    /** Writes a ceremony's transcript as a new file and returns where it went. */
    Path writeTranscript(String ceremony, String text);
}
