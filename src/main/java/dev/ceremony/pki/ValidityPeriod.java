package dev.ceremony.pki;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** notBefore and notAfter of a certificate, in whole seconds (X.509 times have no fractions). */
public record ValidityPeriod(Instant notBefore, Instant notAfter) {

    public ValidityPeriod {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        notBefore = notBefore.truncatedTo(ChronoUnit.SECONDS);
        notAfter = notAfter.truncatedTo(ChronoUnit.SECONDS);
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is not after notBefore " + notBefore);
        }
    }

    /** {@code days} days from {@code start}, as {@code openssl -days} counts them. */
    public static ValidityPeriod ofDays(Instant start, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("a validity of " + days + " days is not possible");
        }
        return new ValidityPeriod(start, start.truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(days)));
    }

    /** Length in whole days, rounded up. */
    public long days() {
        long seconds = Duration.between(notBefore, notAfter).getSeconds();
        return (seconds + 86_399) / 86_400;
    }
}
