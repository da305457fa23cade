package dev.ceremony.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * What kind of file a path is, in words, for refusing everything but a regular file before it is
 * opened: opening a FIFO blocks until a writer comes, and a device or socket is no request.
 */
public final class FileKinds {

    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private FileKinds() {
    }

    /** The kind of a file that is not regular, from its unix mode: "FIFO (named pipe)", "socket"... */
    public static String special(int mode) {
        return switch (mode & S_IFMT) {
            case S_IFIFO -> "FIFO (named pipe)";
            case S_IFSOCK -> "socket";
            case S_IFCHR -> "character device";
            case S_IFBLK -> "block device";
            default -> "special file";
        };
    }

    /**
     * Why {@code file} is not a regular file to read (it is a directory, a FIFO, a device, a socket,
     * or, with {@link LinkOption#NOFOLLOW_LINKS}, a symbolic link), or empty when it is one.
     *
     * @throws IOException when its attributes cannot be read (it does not exist, for one)
     */
    public static Optional<String> notRegular(Path file, LinkOption... options) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, options);
        if (attributes.isRegularFile()) {
            return Optional.empty();
        }
        if (attributes.isSymbolicLink()) {
            return Optional.of("it is a symbolic link; links are never followed");
        }
        if (attributes.isDirectory()) {
            return Optional.of("it is a directory, not a regular file");
        }
        try {
            return Optional.of("it is a " + special((Integer) Files.getAttribute(file, "unix:mode", options))
                    + ", not a regular file");
        } catch (UnsupportedOperationException e) {
            return Optional.of("it is not a regular file");
        }
    }
}
