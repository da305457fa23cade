package dev.ceremony.files;

import dev.ceremony.audit.AuditTrail;
import dev.ceremony.audit.SealSigner;
import dev.ceremony.engine.CeremonyMedia;
import dev.ceremony.media.ExportFile;
import dev.ceremony.media.ExportSession;
import dev.ceremony.media.ImportLimits;
import dev.ceremony.media.ImportVerdict;
import dev.ceremony.media.MediaException;
import dev.ceremony.media.MediaPlace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** Removable media as mounted directories: quarantine import, read-back, export, free space. */
public final class FileCeremonyMedia implements CeremonyMedia {

    /** A quarantined request is a few KiB; anything this large was not imported by Ceremony. */
    private static final long MAX_REQUEST_BYTES = 1L << 20;

    private final MediaImporter importer;
    private final Exporter exporter = new Exporter((target, content) -> DurableFiles.createUnsynced(target, content));

    public FileCeremonyMedia(ImportLimits limits) {
        this.importer = new MediaImporter(limits);
    }

    @Override
    public void importRequests(Path medium, Path quarantineRoot, String importId, AuditTrail audit,
            java.util.function.Consumer<ImportVerdict> verdicts) {
        importer.importFrom(medium, quarantineRoot, importId, audit, verdicts);
    }

    @Override
    public byte[] read(Path quarantined) {
        try {
            if (!Files.isRegularFile(quarantined, LinkOption.NOFOLLOW_LINKS) || Files.size(quarantined) > MAX_REQUEST_BYTES) {
                throw new MediaException("the quarantined file " + quarantined + " is missing or not a small regular file");
            }
            return Files.readAllBytes(quarantined);
        } catch (IOException e) {
            throw new MediaException("cannot read the quarantined file " + quarantined + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ExportSession beginExport(Path medium, String folder, AuditTrail audit) {
        return exporter.begin(medium, folder, audit);
    }

    @Override
    public MediaPlace place(Path folder) {
        Path existing = folder.toAbsolutePath();
        Path real = null;
        List<Path> below = new ArrayList<>();
        while (real == null) {
            try {
                real = existing.toRealPath();
            } catch (NoSuchFileException e) {
                below.add(0, existing.getFileName());
                existing = existing.getParent();
            } catch (IOException e) {
                throw new MediaException("cannot tell where " + folder + " is: " + e.getMessage(), e);
            }
        }
        for (Path name : below) {
            real = real.resolve(name);
        }
        real = real.normalize();
        List<Object> identities = new ArrayList<>();
        for (Path up = real; up != null; up = up.getParent()) {
            identities.add(identity(up));
        }
        return new MediaPlace(folder, real, identities);
    }

    /** The file system's key of {@code folder} (device and inode), else its path. */
    private static Object identity(Path folder) {
        try {
            Object key = Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return key != null ? key : folder;
        } catch (IOException e) {
            return folder;
        }
    }

    @Override
    public java.util.Optional<String> removeIncompleteExport(Path folder) {
        if (Files.exists(folder.resolve("SHA256SUMS"), LinkOption.NOFOLLOW_LINKS)) {
            return java.util.Optional.of("it holds a SHA256SUMS, so it may be a whole export the log never recorded: "
                    + "check it with 'sha256sum -c SHA256SUMS', then keep or remove it");
        }
        return UnfinishedFolder.remove(folder);
    }

    @Override
    public long usableSpace(Path medium) {
        if (!Files.isDirectory(medium, LinkOption.NOFOLLOW_LINKS) || !Files.isWritable(medium)) {
            throw new MediaException(medium + " is not a writable directory; is the medium mounted read-write?");
        }
        try {
            return Files.getFileStore(medium).getUsableSpace();
        } catch (IOException e) {
            throw new MediaException("cannot read the free space of " + medium + ": " + e.getMessage(), e);
        }
    }
}
