package dev.ceremony.files;

import dev.ceremony.audit.AuditChain;
import dev.ceremony.audit.AuditTrail;
import dev.ceremony.audit.SealSigner;
import dev.ceremony.media.ExportFile;
import dev.ceremony.media.ExportReceipt;
import dev.ceremony.media.ExportSession;
import dev.ceremony.media.FileNames;
import dev.ceremony.media.MediaException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Writes an export folder onto a medium, chunk by chunk: every file created new; at the commit all
 * of them synced together, then {@code SHA256SUMS} last, as the commit point, with
 * {@code SHA256SUMS.sig} by the audit key. A full or removed medium stops the export with the file
 * named, leaves no partial file, is written to the audit log, and can be retried on another medium:
 * nothing is signed again but the checksum list.
 */
public final class Exporter {

    /** How one file reaches the medium; the seam through which tests fill a medium. */
    @FunctionalInterface
    public interface FileWriter {
        void createNew(Path target, byte[] content) throws IOException;
    }

    private final FileWriter writer;

    public Exporter(FileWriter writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /** Writes {@code files} into the new folder {@code name} on {@code medium}, and commits. */
    public ExportReceipt export(Path medium, String name, List<ExportFile> files, SealSigner signer, AuditTrail audit) {
        try (Session session = begin(medium, name, audit)) {
            session.write(files);
            return session.commit(signer);
        }
    }

    /** Creates the new folder {@code name} on {@code medium}, to be written chunk by chunk. */
    public Session begin(Path medium, String name, AuditTrail audit) {
        if (!FileNames.isSafe(name)) {
            throw new IllegalArgumentException("export folder name '" + name + "' is not safe on FAT media");
        }
        if (!Files.isDirectory(medium, LinkOption.NOFOLLOW_LINKS)) {
            throw new MediaException("the export medium " + medium + " is not a mounted directory");
        }
        Path folder = medium.resolve(name);
        try {
            Files.createDirectory(folder);
            DurableFiles.syncDirectory(medium);
        } catch (FileAlreadyExistsException e) {
            throw new MediaException("the export folder " + folder + " already exists; Ceremony never overwrites an "
                    + "export. Use a new folder or another medium");
        } catch (IOException e) {
            throw failure(audit, medium, folder, e);
        }
        return new Session(medium, folder, audit);
    }

    /**
     * An export folder being written. The lines of {@code SHA256SUMS} wait in a private temporary
     * file (never on the medium), so that only one chunk of files is ever held in memory.
     */
    public final class Session implements ExportSession {
        private final Path medium;
        private final Path folder;
        private final AuditTrail audit;
        private final Path sums;
        private final Writer sumsOut;
        private final Set<Path> directories = new HashSet<>();
        private int files;
        private boolean open = true;

        private Session(Path medium, Path folder, AuditTrail audit) {
            this.medium = medium;
            this.folder = folder;
            this.audit = audit;
            try {
                this.sums = Files.createTempFile("ceremony-sha256sums-", ".txt");
                this.sumsOut = Files.newBufferedWriter(sums, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new MediaException("cannot create a temporary file for the export's SHA256SUMS: "
                        + e.getMessage(), e);
            }
        }

        @Override
        public void write(List<ExportFile> chunk) {
            List<ExportFile> sorted = new ArrayList<>(chunk);
            sorted.sort(Comparator.comparing(ExportFile::path));
            for (ExportFile file : sorted) {
                Path parent = folder.resolve(file.path()).getParent();
                if (directories.add(parent)) {
                    try {
                        Files.createDirectories(parent);
                    } catch (IOException e) {
                        throw failure(audit, medium, parent, e);
                    }
                }
            }
            // The files are independent of one another: written on every core, listed in path order.
            String[] lines = new String[sorted.size()];
            try {
                IntStream.range(0, sorted.size()).parallel().forEach(i -> {
                    ExportFile file = sorted.get(i);
                    byte[] content = file.content();
                    Path target = folder.resolve(file.path());
                    try {
                        writer.createNew(target, content);
                    } catch (IOException e) {
                        throw new WriteFailure(target, e);
                    }
                    lines[i] = AuditChain.sha256Bytes(content) + "  " + file.path() + "\n";
                });
            } catch (WriteFailure e) {
                throw failure(audit, medium, e.target, e.cause);
            }
            try {
                for (String line : lines) {
                    sumsOut.write(line);
                }
            } catch (IOException e) {
                throw new MediaException("cannot write the temporary SHA256SUMS " + sums + ": " + e.getMessage(), e);
            }
            files += sorted.size();
        }

        @Override
        public ExportReceipt commit(SealSigner signer) {
            byte[] sumsBytes;
            try {
                sumsOut.close();
                sumsBytes = Files.readAllBytes(sums);
            } catch (IOException e) {
                throw new MediaException("cannot read the temporary SHA256SUMS " + sums + ": " + e.getMessage(), e);
            }
            try {
                DurableFiles.syncTree(folder);
            } catch (IOException e) {
                throw failure(audit, medium, folder, e);
            }
            // The signature first, then SHA256SUMS under its name in one rename: a kill at any moment
            // leaves either a whole, signed export or a folder without SHA256SUMS, never an empty one.
            Path sums = folder.resolve("SHA256SUMS");
            Path pending = folder.resolve(".SHA256SUMS.partial");
            try {
                Path signature = folder.resolve("SHA256SUMS.sig");
                writer.createNew(signature, signer.sign(sumsBytes));
                writer.createNew(pending, sumsBytes);
                DurableFiles.sync(List.of(signature, pending));
                Files.move(pending, sums, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                DurableFiles.syncDirectory(folder);
            } catch (IOException e) {
                throw failure(audit, medium, sums, e);
            }
            String sumsSha256 = AuditChain.sha256Bytes(sumsBytes);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("folder", folder.toString());
            data.put("files", (long) files);
            data.put("sha256sums-sha256", sumsSha256);
            audit.append(dev.ceremony.audit.AuditTypes.EXPORT_WRITTEN, data);
            audit.sync();
            close();
            return new ExportReceipt(folder, sumsSha256, files);
        }

        @Override
        public void close() {
            if (!open) {
                return;
            }
            open = false;
            try {
                sumsOut.close();
                Files.deleteIfExists(sums);
            } catch (IOException e) {
                throw new MediaException("cannot remove the temporary SHA256SUMS " + sums + ": " + e.getMessage(), e);
            }
        }
    }

    /** A file that could not be written, carried out of the parallel writers. */
    private static final class WriteFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Path target;
        private final IOException cause;

        WriteFailure(Path target, IOException cause) {
            super(cause);
            this.target = target;
            this.cause = cause;
        }
    }

    private static MediaException failure(AuditTrail audit, Path medium, Path file, IOException e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("medium", medium.toString());
        data.put("file", file.toString());
        data.put("reason", String.valueOf(e.getMessage()));
        audit.append("export-failed", data);
        audit.sync();
        return new MediaException("cannot write " + file + " (" + e.getMessage() + "). The export stopped there and "
                + "left no partial file; the folder has no SHA256SUMS, so it is incomplete. Export again onto another "
                + "medium: nothing needs to be signed again.", e);
    }
}
