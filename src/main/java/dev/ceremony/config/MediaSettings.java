package dev.ceremony.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Media the configuration names beside the removable volumes found under /media and /run/media,
 * and the limits of one import.
 */
public record MediaSettings(List<Path> directories, int importMaxFiles, long importMaxTotalBytes) {

    /** No extra directories; 10,000 files and 64 MiB per import. */
    public static final MediaSettings DEFAULT = new MediaSettings(List.of(), 10_000, 64L * 1024 * 1024);

    public MediaSettings {
        directories = List.copyOf(directories);
        if (importMaxFiles < 1 || importMaxTotalBytes < 1) {
            throw new IllegalArgumentException("import limits must be at least 1");
        }
    }

    /** The limits of one import: these counts, and at most 64 KiB per file. */
    public dev.ceremony.media.ImportLimits importLimits() {
        return new dev.ceremony.media.ImportLimits(importMaxFiles, importMaxTotalBytes,
                dev.ceremony.media.ImportLimits.MAX_FILE_BYTES);
    }
}
