package dev.ceremony.engine;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The air gap: a ceremony is refused while any interface other than loopback is up, unless the
 * appliance configuration allows the network (demo or test use), which is then recorded.
 */
public final class NetworkCheck {

    public static final String NAME = "network";

    private final boolean allowNetwork;

    public NetworkCheck(boolean allowNetwork) {
        this.allowNetwork = allowNetwork;
    }

    public PreflightFinding check(List<NetworkLink> links) {
        List<NetworkLink> open = links.stream().filter(link -> link.up() && !link.loopback()).toList();
        if (open.isEmpty()) {
            return new PreflightFinding(NAME, PreflightFinding.Outcome.PASSED,
                    "no interface is up besides loopback (" + links.size() + " seen)");
        }
        String names = open.stream().map(NetworkLink::name).collect(Collectors.joining(", "));
        if (allowNetwork) {
            return new PreflightFinding(NAME, PreflightFinding.Outcome.OVERRIDDEN,
                    "interfaces up: " + names + "; allowed by preflight.allow-network in ceremony.yaml (not air-gapped)");
        }
        return new PreflightFinding(NAME, PreflightFinding.Outcome.REFUSED, "interfaces up: " + names
                + ". Unplug the cable or bring them down (ip link set DEV down); the ceremony runs air-gapped only");
    }
}
