package dev.ceremony.config;

import java.time.Duration;

/**
 * What the preflight of every ceremony allows: whether the network may be up (demo or test use
 * only; the override is recorded), and how far the machine's clock may be from the time a witness
 * reads from an outside source.
 */
public record PreflightSettings(boolean allowNetwork, Duration maxClockDrift) {

    /** Air-gapped, and the clock within two minutes of the witness's watch. */
    public static final PreflightSettings DEFAULT = new PreflightSettings(false, Duration.ofMinutes(2));

    public PreflightSettings {
        if (maxClockDrift.compareTo(Duration.ofSeconds(1)) < 0 || maxClockDrift.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("the maximum clock drift must be 1 to 3600 seconds, not "
                    + maxClockDrift.toSeconds());
        }
    }
}
