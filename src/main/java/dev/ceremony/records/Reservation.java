package dev.ceremony.records;

import java.math.BigInteger;
import java.util.Objects;

/** A serial reserved before the token signs: with its issuer, profile and the SHA-256 of the TBS. */
public record Reservation(BigInteger serial, String issuerKeyId, String profile, String tbsSha256) {

    public Reservation {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(issuerKeyId, "issuerKeyId");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(tbsSha256, "tbsSha256");
    }
}
