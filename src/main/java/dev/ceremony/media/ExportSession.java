package dev.ceremony.media;

import dev.ceremony.audit.SealSigner;
import java.util.List;

/**
 * One export folder being written: files are handed over in chunks, each created new and never
 * held after its chunk; {@link #commit} makes them durable and writes {@code SHA256SUMS} and its
 * signature last, as the commit point. A session closed without a commit leaves a folder without
 * {@code SHA256SUMS}, which every reader treats as incomplete.
 */
public interface ExportSession extends AutoCloseable {

    /** Writes these files into the folder (paths relative to it, each new). */
    void write(List<ExportFile> files);

    /** Syncs everything written, then writes {@code SHA256SUMS} and {@code SHA256SUMS.sig}. */
    ExportReceipt commit(SealSigner signer);

    /** Lets go of what the session holds; after a commit, nothing. */
    @Override
    void close();
}
