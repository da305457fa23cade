package dev.ceremony.engine;

import dev.ceremony.audit.AuditTrail;
import dev.ceremony.media.ExportSession;
import dev.ceremony.media.ImportVerdict;
import dev.ceremony.media.MediaPlace;
import java.nio.file.Path;

/** Removable media as the engine sees them: import into quarantine, read back, export, free space. */
public interface CeremonyMedia {

    /**
     * Copies the requests on {@code medium} into a new quarantine folder, logging every verdict and
     * handing each to {@code verdicts} as it is made (a medium of any size is never listed in memory).
     */
    void importRequests(Path medium, Path quarantineRoot, String importId, AuditTrail audit,
            java.util.function.Consumer<ImportVerdict> verdicts);

    /** The bytes of a quarantined file. */
    byte[] read(Path quarantined);

    /** Creates a new export folder, to be written chunk by chunk and committed with its signed {@code SHA256SUMS}. */
    ExportSession beginExport(Path medium, String folder, AuditTrail audit);

    /**
     * What {@code folder} is on the file system, to tell media apart; a folder that does not exist
     * yet is placed where it would be.
     *
     * @throws dev.ceremony.media.MediaException when the file system cannot say
     */
    MediaPlace place(Path folder);

    /**
     * Removes an export folder a ceremony started and never committed; empty when it is gone, else
     * why it is still there (its medium is not in sight; it holds a SHA256SUMS after all).
     */
    java.util.Optional<String> removeIncompleteExport(Path folder);

    /** Bytes free for an export on {@code medium}; throws when it is not a usable directory. */
    long usableSpace(Path medium);
}
