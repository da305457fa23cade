package dev.ceremony.media;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A folder as given, and what it is on the file system: its real path (links, {@code .} and
 * {@code ..} resolved) and the identities of the folder and of each folder above it, itself first.
 * An identity is what tells folders apart however they are reached (on Linux the device and inode,
 * so a bind mount or a second link is the same folder); for a folder that does not exist yet it is
 * its real path.
 */
public record MediaPlace(Path given, Path real, List<Object> identities) {

    public MediaPlace {
        Objects.requireNonNull(given, "given");
        Objects.requireNonNull(real, "real");
        identities = List.copyOf(identities);
        if (identities.isEmpty()) {
            throw new IllegalArgumentException("a place has at least its own identity");
        }
    }

    /** True when this and {@code other} are one folder. */
    public boolean sameAs(MediaPlace other) {
        return identities.get(0).equals(other.identities.get(0));
    }

    /** True when this folder lies somewhere below {@code other}. */
    public boolean inside(MediaPlace other) {
        return identities.subList(1, identities.size()).contains(other.identities.get(0));
    }
}
