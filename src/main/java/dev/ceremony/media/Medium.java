package dev.ceremony.media;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A medium the appliance can see: a mounted removable volume or a configured directory.
 *
 * @param label and uuid empty for a plain directory or a volume without them
 * @param readOnly mounted read-only (import media should be; Ceremony does not rely on it)
 */
public record Medium(Path mountPoint, Optional<String> label, Optional<String> uuid, String device, String filesystem,
        boolean readOnly, long totalBytes, long freeBytes) {

    public Medium {
        Objects.requireNonNull(mountPoint, "mountPoint");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(filesystem, "filesystem");
    }

    /** How a role binding names this medium: UUID, else label, else its mount point. */
    public String identity() {
        return uuid.map(u -> "UUID=" + u).or(() -> label.map(l -> "LABEL=" + l))
                .orElse("PATH=" + mountPoint);
    }
}
