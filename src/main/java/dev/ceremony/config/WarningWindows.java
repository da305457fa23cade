package dev.ceremony.config;

/**
 * How early {@code status} warns: when a CA certificate expires, or a CRL must be re-signed,
 * within this many days.
 */
public record WarningWindows(int caExpiryDays, int crlDays) {

    /** Warn 90 days before a CA expires and 7 days before a CRL's nextUpdate. */
    public static final WarningWindows DEFAULT = new WarningWindows(90, 7);

    public WarningWindows {
        if (caExpiryDays < 0 || caExpiryDays > 3650) {
            throw new IllegalArgumentException("the CA expiry warning must be 0 to 3650 days, not " + caExpiryDays);
        }
        if (crlDays < 0 || crlDays > 365) {
            throw new IllegalArgumentException("the CRL warning must be 0 to 365 days, not " + crlDays);
        }
    }
}
