package dev.ceremony.pki;

import java.time.Duration;

/**
 * How long each CRL is valid (thisUpdate to nextUpdate): the root's at most 12 months because
 * relying parties must fetch a fresh one at least yearly; the intermediates' shorter, since their
 * revocations (compromised devices, servers) matter sooner.
 */
public record CrlSchedule(int rootDays, int intermediateDays) {

    /** Longest root CRL validity: 12 months. */
    public static final int MAX_ROOT_DAYS = 365;

    /** Longest intermediate CRL validity. */
    public static final int MAX_INTERMEDIATE_DAYS = 365;

    /** The defaults: root 12 months, intermediates 30 days. */
    public static final CrlSchedule DEFAULT = new CrlSchedule(365, 30);

    public CrlSchedule {
        if (rootDays < 1 || rootDays > MAX_ROOT_DAYS) {
            throw new IllegalArgumentException("the root's CRL validity must be 1 to " + MAX_ROOT_DAYS + " days, not "
                    + rootDays);
        }
        if (intermediateDays < 1 || intermediateDays > MAX_INTERMEDIATE_DAYS) {
            throw new IllegalArgumentException("an intermediate's CRL validity must be 1 to " + MAX_INTERMEDIATE_DAYS
                    + " days, not " + intermediateDays);
        }
    }

    /** From thisUpdate to nextUpdate for an issuer. */
    public Duration validityFor(boolean root) {
        return Duration.ofDays(root ? rootDays : intermediateDays);
    }
}
