package dev.ceremony.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes files so that a crash leaves either nothing or the whole file under its final name:
 * a new temporary file, written and synced, renamed atomically to a name that must not exist
 * yet, then the directory synced. Nothing is ever overwritten.
 */
public final class DurableFiles {

    /** coreutils' sync, which calls syncfs(2) with {@code --file-system}. */
    private static final String SYNC = "/usr/bin/sync";

    /** Below this many files, syncing each is cheaper than starting a process. */
    private static final int SYNCFS_FROM = 64;

    private DurableFiles() {
    }

    /** Creates {@code target} with {@code content}, owner-only (a record); fails if it exists. */
    public static void createNew(Path target, byte[] content) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "Ceremony never overwrites a file");
        }
        Path temporary = directory.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), OwnerOnly.FILE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            // A full or removed medium: leave nothing behind, not even the temporary name.
            Files.deleteIfExists(temporary);
            throw e;
        }
        try {
            // ATOMIC_MOVE without REPLACE_EXISTING: rename(2) would replace silently, so check first;
            // the window between check and move is closed by the records lock held by the caller.
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString(), null, "Ceremony never overwrites a file");
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        syncDirectory(directory);
    }

    /**
     * Creates {@code target} with {@code content}, not yet synced: for the many files of one new
     * folder whose commit point comes later (an export's SHA256SUMS), followed by one
     * {@link #sync} of them all. A failed write removes the file, so nothing partial stays.
     */
    public static void createUnsynced(Path target, byte[] content, FileAttribute<?>... attributes) throws IOException {
        try (FileChannel channel = FileChannel.open(target, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(target.toString(), null, "Ceremony never overwrites a file");
        } catch (IOException e) {
            Files.deleteIfExists(target);
            throw e;
        }
    }

    /**
     * Makes files written by {@link #createUnsynced} durable, with their directories. Many files
     * on one file system are made durable with one syncfs(2) through coreutils' {@code sync
     * --file-system} (about 35 µs a file less than one fsync each); if that cannot run, each file
     * and directory is synced in turn.
     */
    public static void sync(Collection<Path> files) throws IOException {
        if (files.isEmpty()) {
            return;
        }
        Set<Path> directories = new LinkedHashSet<>();
        for (Path file : files) {
            directories.add(file.toAbsolutePath().getParent());
        }
        if (files.size() >= SYNCFS_FROM && syncFileSystems(directories)) {
            return;
        }
        for (Path file : files) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }
        for (Path directory : directories) {
            syncDirectory(directory);
        }
    }

    /**
     * Makes everything under {@code folder} durable: one syncfs(2) of its file system, or if that
     * cannot run, each file and directory in turn (walked as a stream, never listed whole).
     */
    public static void syncTree(Path folder) throws IOException {
        if (syncFileSystems(Set.of(folder))) {
            return;
        }
        try (java.util.stream.Stream<Path> tree = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) tree::iterator) {
                if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    syncDirectory(path);
                } else {
                    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                        channel.force(true);
                    }
                }
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** syncfs(2) on the file system of each directory; false when it could not be done. */
    private static boolean syncFileSystems(Set<Path> directories) {
        Set<java.nio.file.FileStore> stores = new LinkedHashSet<>();
        List<String> command = new ArrayList<>(List.of(SYNC, "--file-system"));
        try {
            for (Path directory : directories) {
                if (stores.add(Files.getFileStore(directory))) {
                    command.add(directory.toString());
                }
            }
            if (!Files.isExecutable(Path.of(SYNC))) {
                return false;
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Makes a directory entry change (create, rename) durable. */
    public static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
