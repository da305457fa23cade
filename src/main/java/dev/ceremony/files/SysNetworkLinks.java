package dev.ceremony.files;

import dev.ceremony.engine.NetworkLink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The machine's network interfaces from {@code /sys/class/net/<name>/flags}: IFF_UP (0x1) and
 * IFF_LOOPBACK (0x8), as the kernel reports them; an interface whose flags cannot be read counts
 * as up, so the air-gap check fails closed.
 */
public final class SysNetworkLinks {

    /** Where Linux lists the interfaces. */
    public static final Path SYSTEM = Path.of("/sys/class/net");

    private static final int IFF_UP = 0x1;
    private static final int IFF_LOOPBACK = 0x8;

    private final Path directory;

    public SysNetworkLinks(Path directory) {
        this.directory = directory;
    }

    public List<NetworkLink> read() {
        List<NetworkLink> links = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.sorted().toList()) {
                links.add(link(entry));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the network interfaces in " + directory, e);
        }
        return links;
    }

    private static NetworkLink link(Path entry) {
        String name = entry.getFileName().toString();
        try {
            String text = Files.readString(entry.resolve("flags")).strip();
            int flags = Integer.decode(text);
            return new NetworkLink(name, (flags & IFF_UP) != 0, (flags & IFF_LOOPBACK) != 0);
        } catch (IOException | NumberFormatException e) {
            return new NetworkLink(name, true, false);
        }
    }
}
