package dev.ceremony.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Removes a folder a ceremony started and never completed (an export without SHA256SUMS, an
 * interrupted import's quarantine), or says why it cannot. Links inside are removed, never followed.
 */
final class UnfinishedFolder {

    private UnfinishedFolder() {
    }

    /** Empty when {@code folder} is gone (or was already), else why it is still there. */
    static Optional<String> remove(Path folder) {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            Path parent = folder.toAbsolutePath().getParent();
            return parent != null && Files.isDirectory(parent) ? Optional.empty()
                    : Optional.of("its medium (" + parent + ") is not in sight");
        }
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("it is not a directory");
        }
        try {
            List<Path> tree;
            try (Stream<Path> walk = Files.walk(folder)) {
                tree = walk.sorted(Comparator.reverseOrder()).toList();
            }
            for (Path path : tree) {
                Files.delete(path);
            }
            DurableFiles.syncDirectory(folder.toAbsolutePath().getParent());
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("it cannot be removed: " + e.getMessage());
        } catch (UncheckedIOException e) {
            return Optional.of("it cannot be removed: " + e.getCause().getMessage());
        }
    }
}
