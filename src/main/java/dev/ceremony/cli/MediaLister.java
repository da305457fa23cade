package dev.ceremony.cli;

import dev.ceremony.media.Medium;
import java.nio.file.Path;
import java.util.List;

/** Lists the media the appliance can see; {@code Main} passes the system's. */
@FunctionalInterface
public interface MediaLister {
    List<Medium> find(List<Path> configuredDirectories);
}
