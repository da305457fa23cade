package dev.ceremony.engine;

import dev.ceremony.text.Printable;

/** One network interface of the machine as the kernel reports it. */
public record NetworkLink(String name, boolean up, boolean loopback) {

    public NetworkLink {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a network interface needs a name");
        }
        name = Printable.escape(name);
    }
}
