package dev.ceremony.files;

import dev.ceremony.media.Medium;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds media: the volumes mounted under /media and /run/media (from /proc/mounts), with label and
 * UUID from /dev/disk/by-label and /dev/disk/by-uuid, plus the directories named in the
 * configuration or on the command line.
 */
public final class MediaFinder {

    /** Where desktop automounters and the live image mount removable volumes. */
    public static final List<Path> REMOVABLE_ROOTS = List.of(Path.of("/media"), Path.of("/run/media"));

    private final Path mounts;
    private final Path byLabel;
    private final Path byUuid;
    private final List<Path> removableRoots;

    /** The system's own tables. */
    public static MediaFinder system() {
        return new MediaFinder(Path.of("/proc/mounts"), Path.of("/dev/disk/by-label"), Path.of("/dev/disk/by-uuid"),
                REMOVABLE_ROOTS);
    }

    public MediaFinder(Path mounts, Path byLabel, Path byUuid, List<Path> removableRoots) {
        this.mounts = mounts;
        this.byLabel = byLabel;
        this.byUuid = byUuid;
        this.removableRoots = List.copyOf(removableRoots);
    }

    /** Every removable volume mounted now, then the given directories (each only once). */
    public List<Medium> find(List<Path> directories) {
        Map<String, String> labels = links(byLabel);
        Map<String, String> uuids = links(byUuid);
        List<Medium> media = new ArrayList<>();
        List<Path> seen = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(mounts);
        } catch (IOException e) {
            lines = List.of();
        }
        for (String line : lines) {
            String[] fields = line.split(" ");
            if (fields.length < 4) {
                continue;
            }
            Path mountPoint = Path.of(unescape(fields[1]));
            if (removableRoots.stream().noneMatch(root -> mountPoint.startsWith(root) && !mountPoint.equals(root))) {
                continue;
            }
            String device = unescape(fields[0]);
            boolean readOnly = List.of(fields[3].split(",")).contains("ro");
            media.add(medium(mountPoint, Optional.ofNullable(labels.get(device)), Optional.ofNullable(uuids.get(device)),
                    device, fields[2], readOnly));
            seen.add(mountPoint);
        }
        for (Path directory : directories) {
            Path absolute = directory.toAbsolutePath().normalize();
            if (!seen.contains(absolute) && Files.isDirectory(absolute)) {
                media.add(medium(absolute, Optional.empty(), Optional.empty(), "(directory)", "(directory)",
                        !Files.isWritable(absolute)));
                seen.add(absolute);
            }
        }
        return media;
    }

    private static Medium medium(Path mountPoint, Optional<String> label, Optional<String> uuid, String device,
            String filesystem, boolean readOnly) {
        long total = 0;
        long free = 0;
        try {
            FileStore store = Files.getFileStore(mountPoint);
            total = store.getTotalSpace();
            free = store.getUsableSpace();
        } catch (IOException e) {
            // A medium pulled out just now: it is listed with no sizes, and using it will fail with its reason.
        }
        return new Medium(mountPoint, label, uuid, device, filesystem, readOnly, total, free);
    }

    /** Name of each link in a /dev/disk/by-* folder, keyed by the device it points to. */
    private static Map<String, String> links(Path folder) {
        Map<String, String> names = new HashMap<>();
        if (!Files.isDirectory(folder)) {
            return names;
        }
        try (var entries = Files.list(folder)) {
            for (Path link : entries.toList()) {
                if (Files.isSymbolicLink(link)) {
                    Path target = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
                    names.put(target.toString(), unescape(link.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            return names;
        }
        return names;
    }

    /** /proc/mounts writes space, tab, newline and backslash as octal escapes (\040 …); udev writes \x20. */
    static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 3 < text.length() && text.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(text.substring(i + 1, i + 4), 8));
                i += 3;
            } else if (c == '\\' && i + 3 < text.length() && text.charAt(i + 1) == 'x'
                    && text.substring(i + 2, i + 4).matches("[0-9a-fA-F]{2}")) {
                out.append((char) Integer.parseInt(text.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
