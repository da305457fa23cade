package dev.ceremony.media;

import java.util.Objects;

/** One file of an export folder: its path inside the folder ({@code a/b.pem}) and its bytes. */
public record ExportFile(String path, byte[] content) {

    public ExportFile {
        Objects.requireNonNull(path, "path");
        content = content.clone();
        for (String part : path.split("/", -1)) {
            if (!FileNames.isSafe(part)) {
                throw new IllegalArgumentException("'" + path + "' is not a safe export path");
            }
        }
    }

    /** How many bytes the file holds (without copying them). */
    public int size() {
        return content.length;
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}
