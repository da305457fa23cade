package dev.ceremony.pki;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/** One entry of a CRL: serial, revocation date and RFC 5280 reason code (0 = unspecified, left out). */
public record RevokedCertificate(BigInteger serial, Instant date, int reasonCode) {

    public RevokedCertificate {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(date, "date");
        if (reasonCode < 0 || reasonCode > 10 || reasonCode == 7) {
            throw new IllegalArgumentException("CRL reason code " + reasonCode + " does not exist");
        }
    }
}
