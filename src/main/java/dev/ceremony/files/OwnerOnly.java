package dev.ceremony.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Permissions of the records (audit log, journal, certificates, quarantine, transcripts): the
 * directories 0700 and the files 0600, whatever the umask. Exports on media stay readable.
 */
public final class OwnerOnly {

    /** rw------- for a new record file. */
    public static final FileAttribute<Set<PosixFilePermission>> FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    /** rwx------ for a new records directory. */
    public static final FileAttribute<Set<PosixFilePermission>> DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnly() {
    }

    /** Creates {@code directory} and its missing parents, each new one 0700. */
    public static Path createDirectories(Path directory) throws IOException {
        return Files.createDirectories(directory, DIRECTORY);
    }

    /**
     * Each path under {@code root} (itself included) that group or others may access, with its mode
     * such as {@code rw-r--r--}, in walk order; empty where the file system has no such bits.
     */
    public static Map<Path, String> openToOthers(Path root) throws IOException {
        Map<Path, String> open = new LinkedHashMap<>();
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : (Iterable<Path>) tree::iterator) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
                if (permissions.stream().anyMatch(OTHERS::contains)) {
                    open.put(path, PosixFilePermissions.toString(permissions));
                }
            }
        } catch (UnsupportedOperationException e) {
            return Map.of();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        return open;
    }
}
