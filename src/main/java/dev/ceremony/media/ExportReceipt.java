package dev.ceremony.media;

import java.nio.file.Path;
import java.util.Objects;

/** Where an export went, how many files it holds, and the SHA-256 of its {@code SHA256SUMS}. */
public record ExportReceipt(Path folder, String sumsSha256, int files) {

    public ExportReceipt {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(sumsSha256, "sumsSha256");
    }
}
