package dev.ceremony.cli;

import dev.ceremony.engine.NetworkLink;
import java.util.List;

/** Lists the machine's network interfaces; {@code Main} passes the kernel's. */
@FunctionalInterface
public interface NetworkLister {
    List<NetworkLink> links();
}
