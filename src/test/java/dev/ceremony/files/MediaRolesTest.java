package dev.ceremony.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.media.ImportLimits;
import dev.ceremony.media.MediaException;
import dev.ceremony.media.MediaRole;
import dev.ceremony.media.MediaRoles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each pair of media roles on real folders: one folder for both, however its path is written
 * ({@code .}, {@code ..}, a symbolic link), or one inside the other either way, is refused; two
 * folders side by side are not.
 */
class MediaRolesTest {

    @TempDir
    Path dir;

    private final FileCeremonyMedia media = new FileCeremonyMedia(new ImportLimits(10, 1 << 20, ImportLimits.MAX_FILE_BYTES));

    /** The second role's folder, written {@code how} relative to the first role's {@code first}. */
    private Path second(Path first, String how) throws Exception {
        return switch (how) {
            case "dot" -> Path.of(first + "/./");
            case "dot-dot" -> first.resolve("../" + first.getFileName());
            case "symlink" -> Files.createSymbolicLink(dir.resolve("link"), first);
            case "inside" -> first.resolve("sub/folder");
            case "holds" -> Files.createSymbolicLink(dir.resolve("up"), first.getParent()).resolve(".");
            case "apart" -> Files.createDirectories(dir.resolve("media/other"));
            default -> throw new IllegalArgumentException(how);
        };
    }

    @ParameterizedTest(name = "{0} and {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "IMPORT | EXPORT  | dot     | are the same folder",
        "IMPORT | EXPORT  | dot-dot | are the same folder",
        "IMPORT | EXPORT  | symlink | are the same folder",
        "IMPORT | EXPORT  | inside  | the export medium %2$s lies inside the import medium %1$s",
        "IMPORT | EXPORT  | holds   | the import medium %1$s lies inside the export medium %2$s",
        "IMPORT | RECORDS | dot     | are the same folder",
        "IMPORT | RECORDS | symlink | are the same folder",
        "IMPORT | RECORDS | inside  | the records directory (records.directory in ceremony.yaml) %2$s lies inside the import medium",
        "IMPORT | RECORDS | holds   | the import medium %1$s lies inside the records directory",
        "EXPORT | RECORDS | dot-dot | are the same folder",
        "EXPORT | RECORDS | symlink | are the same folder",
        "EXPORT | RECORDS | inside  | lies inside the export medium %1$s",
        "EXPORT | RECORDS | holds   | the export medium %1$s lies inside the records directory",
        "IMPORT | MIRROR  | symlink | are the same folder",
        "IMPORT | MIRROR  | inside  | the mirror (records.mirror in ceremony.yaml) %2$s lies inside the import medium",
        "EXPORT | MIRROR  | dot     | are the same folder",
        "EXPORT | MIRROR  | holds   | the export medium %1$s lies inside the mirror",
        "RECORDS | MIRROR | dot-dot | are the same folder",
        "RECORDS | MIRROR | inside  | the mirror (records.mirror in ceremony.yaml) %2$s lies inside the records directory",
        "RECORDS | MIRROR | holds   | the records directory (records.directory in ceremony.yaml) %1$s lies inside the mirror",
    })
    void twoRolesOnOneFolder_orOneInsideTheOther_areRefused(MediaRole role, MediaRole other, String how,
            String message) throws Exception {
        Path first = Files.createDirectories(dir.resolve("media/first"));
        Path second = second(first, how);
        assertThatThrownBy(() -> new MediaRoles(Map.of(role, media.place(first), other, media.place(second))))
                .isInstanceOf(MediaException.class).hasMessageContaining(message.formatted(first, second))
                .hasMessageContaining("each part of a ceremony has a medium of its own");
    }

    @ParameterizedTest(name = "{0} and {1}")
    @CsvSource(delimiter = '|', value = {"IMPORT | EXPORT", "IMPORT | RECORDS", "EXPORT | RECORDS", "IMPORT | MIRROR",
        "EXPORT | MIRROR", "RECORDS | MIRROR"})
    void twoFoldersSideBySide_takeTwoRoles(MediaRole role, MediaRole other) throws Exception {
        Path first = Files.createDirectories(dir.resolve("media/first"));
        Path prefix = Files.createDirectories(dir.resolve("media/first-and-more"));
        assertThat(new MediaRoles(Map.of(role, media.place(first), other, media.place(prefix))).places()).hasSize(2);
        assertThat(new MediaRoles(Map.of(role, media.place(first), other, media.place(second(first, "apart"))))
                .places()).hasSize(2);
    }
}
