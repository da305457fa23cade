package dev.ceremony.engine;

import dev.ceremony.audit.AuditTrail;
import dev.ceremony.audit.SealSigner;
import dev.ceremony.media.ExportFile;
import dev.ceremony.media.ExportReceipt;
import dev.ceremony.media.ImportVerdict;
import java.nio.file.Path;
import java.util.List;

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

    /** Writes a new export folder, with {@code SHA256SUMS} and its signature last. */
    ExportReceipt export(Path medium, String folder, List<ExportFile> files, SealSigner signer, AuditTrail audit);

    /** Bytes free for an export on {@code medium}; throws when it is not a usable directory. */
    long usableSpace(Path medium);
}
