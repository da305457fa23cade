package dev.ceremony.files;

import dev.ceremony.audit.AuditChain;
import dev.ceremony.audit.AuditTrail;
import dev.ceremony.audit.AuditTypes;
import dev.ceremony.media.ImportLimits;
import dev.ceremony.media.ImportVerdict;
import dev.ceremony.media.MediaException;
import dev.ceremony.text.Printable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Imports CSR files from a medium into a new quarantine folder, one verdict per entry. The medium
 * is only read, and nothing on it is parsed: only regular files with a plain name and one link are
 * copied, byte for byte, and everything else is refused with its reason while the rest goes on.
 * Each copy and each refusal is written to the audit log with the file's SHA-256.
 */
public final class MediaImporter {

    /** The checksum file a medium may carry, in {@code sha256sum} format. */
    public static final String SUMS = "SHA256SUMS";

    /** Extensions of files taken as certificate requests. */
    public static final Set<String> EXTENSIONS = Set.of(".csr", ".req", ".pem", ".der");

    private static final int MAX_SUMS_BYTES = 1024 * 1024;

    private final ImportLimits limits;

    public MediaImporter(ImportLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Imports from {@code medium} into {@code quarantineRoot/importId}, which must not exist yet.
     *
     * @throws MediaException when the medium as a whole cannot be used
     */
    public List<ImportVerdict> importFrom(Path medium, Path quarantineRoot, String importId, AuditTrail audit) {
        List<ImportVerdict> verdicts = new ArrayList<>();
        importFrom(medium, quarantineRoot, importId, audit, verdicts::add);
        return verdicts;
    }

    /**
     * The same, handing each verdict to {@code verdicts} as it is made; what is held is the sorted
     * list of the medium's file names and the quarantined copies to sync.
     */
    public void importFrom(Path medium, Path quarantineRoot, String importId, AuditTrail audit,
            java.util.function.Consumer<ImportVerdict> verdicts) {
        Path source = realDirectory(medium);
        Path quarantine = quarantineRoot.resolve(importId);
        try {
            OwnerOnly.createDirectories(quarantineRoot);
            Path root = quarantineRoot.toRealPath();
            if (root.startsWith(source) || source.startsWith(root)) {
                throw new MediaException("the medium " + source + " holds the records (or lies inside them); the "
                        + "records medium is never used for import");
            }
            Files.createDirectory(quarantine, OwnerOnly.DIRECTORY);
            DurableFiles.syncDirectory(root);
        } catch (IOException e) {
            throw new MediaException("cannot create the quarantine folder " + quarantine + ": " + e.getMessage(), e);
        }
        Optional<Map<String, String>> sums = sums(source);
        java.util.TreeSet<String> entries = new java.util.TreeSet<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(source)) {
            for (Path entry : listing) {
                entries.add(entry.getFileName().toString());
            }
        } catch (IOException e) {
            throw new MediaException("cannot list the medium " + source + ": " + e.getMessage(), e);
        }
        int files = 0;
        long total = 0;
        List<Path> copies = new ArrayList<>();
        for (String name : entries) {
            if (name.equals(SUMS)) {
                continue;
            }
            ImportVerdict verdict = importOne(name, source.resolve(name), quarantine, sums, files, total);
            if (verdict.accepted()) {
                files++;
                total += sizeOf(quarantine.resolve(name));
                copies.add(quarantine.resolve(name));
            }
            record(audit, source, verdict);
            verdicts.accept(verdict);
        }
        sums.ifPresent(listed -> listed.keySet().stream().filter(name -> !entries.contains(name)).forEach(name -> {
            ImportVerdict verdict = ImportVerdict.refused(Printable.escape(name), "listed-missing",
                    SUMS + " lists this file, but the medium does not hold it");
            record(audit, source, verdict);
            verdicts.accept(verdict);
        }));
        try {
            DurableFiles.sync(copies);
        } catch (IOException e) {
            throw new MediaException("cannot sync the quarantine folder " + quarantine + ": " + e.getMessage(), e);
        }
        audit.sync();
    }

    private ImportVerdict importOne(String name, Path path, Path quarantine, Optional<Map<String, String>> sums,
            int files, long total) {
        String shown = Printable.escape(name);
        if (!Printable.isPrintable(name) || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return ImportVerdict.refused(shown, "name-control", "the name holds control or invisible characters");
        }
        if (name.startsWith(".")) {
            return ImportVerdict.refused(shown, "name-hidden", "the name starts with a dot (a hidden file)");
        }
        if (name.contains("/") || name.contains("\\")) {
            return ImportVerdict.refused(shown, "name-separator", "the name holds a path separator");
        }
        if (EXTENSIONS.stream().noneMatch(ext -> name.toLowerCase(Locale.ROOT).endsWith(ext))) {
            return ImportVerdict.refused(shown, "not-a-request", "only .csr, .req, .pem and .der files are imported");
        }
        BasicFileAttributes before;
        int mode;
        int links;
        try {
            before = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            links = (Integer) Files.getAttribute(path, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            return ImportVerdict.refused(shown, "unreadable", "its attributes cannot be read: " + e.getMessage());
        }
        if (before.isSymbolicLink()) {
            return ImportVerdict.refused(shown, "symlink", "it is a symbolic link; links are never followed");
        }
        if (before.isDirectory()) {
            return ImportVerdict.refused(shown, "directory", "it is a directory; folders are not searched");
        }
        if (!before.isRegularFile()) {
            return ImportVerdict.refused(shown, "special-file", "it is a " + FileKinds.special(mode)
                    + ", not a regular file");
        }
        if (links != 1) {
            return ImportVerdict.refused(shown, "hard-link", "it has " + links + " hard links; a request is imported "
                    + "only from a file with one name");
        }
        if (before.size() > limits.maxFileBytes()) {
            return ImportVerdict.refused(shown, "too-large", "it is " + before.size() + " bytes; at most "
                    + limits.maxFileBytes() + " are imported");
        }
        if (files >= limits.maxFiles()) {
            return ImportVerdict.refused(shown, "too-many", "the import already holds " + limits.maxFiles() + " files, "
                    + "the configured most");
        }
        if (total + before.size() > limits.maxTotalBytes()) {
            return ImportVerdict.refused(shown, "too-much", "it would take the import over " + limits.maxTotalBytes()
                    + " bytes, the configured most");
        }
        byte[] bytes;
        try {
            bytes = read(path);
            BasicFileAttributes after = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!Objects.equals(before.fileKey(), after.fileKey()) || after.size() != bytes.length
                    || !after.lastModifiedTime().equals(before.lastModifiedTime())) {
                return ImportVerdict.refused(shown, "changed", "the file changed while it was read");
            }
        } catch (IOException e) {
            return ImportVerdict.refused(shown, "unreadable", "it cannot be read: " + e.getMessage());
        }
        if (bytes.length > limits.maxFileBytes()) {
            return ImportVerdict.refused(shown, "too-large", "it grew past " + limits.maxFileBytes() + " bytes");
        }
        String sha256 = AuditChain.sha256Bytes(bytes);
        if (sums.isPresent()) {
            String listed = sums.get().get(name);
            if (listed == null) {
                return ImportVerdict.refused(shown, "not-listed", "the medium's " + SUMS + " does not list it");
            }
            if (!listed.equals(sha256)) {
                return ImportVerdict.refused(shown, "checksum-mismatch", "its SHA-256 " + sha256 + " is not the "
                        + listed + " that " + SUMS + " lists");
            }
        }
        Path copy = quarantine.resolve(name);
        try {
            DurableFiles.createUnsynced(copy, bytes, OwnerOnly.FILE);
        } catch (IOException e) {
            throw new MediaException("cannot write the quarantine copy " + copy + ": " + e.getMessage(), e);
        }
        return ImportVerdict.imported(shown, sha256, copy.toString());
    }

    private byte[] read(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size() + 1, limits.maxFileBytes() + 1L));
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read until full or end of file
            }
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    /** The medium's SHA256SUMS, if it carries one: name to hash. A damaged one makes the whole medium unusable. */
    private static Optional<Map<String, String>> sums(Path medium) {
        Path file = medium.resolve(SUMS);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_SUMS_BYTES) {
                throw new MediaException("the medium's " + SUMS + " is not a regular file of at most 1 MiB");
            }
            Map<String, String> sums = new LinkedHashMap<>();
            int number = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                if (!line.matches("[0-9a-fA-F]{64} [ *].+")) {
                    throw new MediaException("the medium's " + SUMS + " line " + number + " is not '<sha256>  <name>'; "
                            + "nothing is imported from a medium whose checksums cannot be read");
                }
                sums.put(line.substring(66), line.substring(0, 64).toLowerCase(Locale.ROOT));
            }
            return Optional.of(sums);
        } catch (IOException e) {
            throw new MediaException("the medium's " + SUMS + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static Path realDirectory(Path medium) {
        try {
            if (Files.isSymbolicLink(medium) || !Files.isDirectory(medium, LinkOption.NOFOLLOW_LINKS)) {
                throw new MediaException(medium + " is not a directory (a mounted medium)");
            }
            return medium.toRealPath();
        } catch (IOException e) {
            throw new MediaException("the medium " + medium + " cannot be opened: " + e.getMessage(), e);
        }
    }

    private static void record(AuditTrail audit, Path medium, ImportVerdict verdict) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("medium", medium.toString());
        data.put("name", verdict.name());
        if (verdict.accepted()) {
            data.put("sha256", verdict.sha256().orElseThrow());
            data.put("quarantine", verdict.quarantined().orElseThrow());
            audit.append(AuditTypes.MEDIA_FILE_IMPORTED, data);
        } else {
            data.put("rule", verdict.rule().orElseThrow());
            data.put("reason", verdict.reason().orElseThrow());
            audit.append("media-file-refused", data);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
