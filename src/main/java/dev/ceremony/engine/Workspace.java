package dev.ceremony.engine;

import dev.ceremony.audit.CeremonyLog;
import dev.ceremony.records.CaRecords;
import java.util.List;

/** The audit log and the CA records a ceremony writes to, opened together and brought level. */
public interface Workspace extends AutoCloseable {

    CeremonyLog log();

    /** The records; every change is written to the log first. */
    CaRecords records();

    /** What opening repaired in the records from the log (empty after a clean shutdown). */
    List<String> repairs();

    @Override
    void close();
}
