package dev.ceremony.pki;

import java.math.BigInteger;

/** Where certificate and CRL serial numbers come from. */
@FunctionalInterface
public interface SerialSource {

    /** A fresh serial: positive, at most 20 octets encoded, with at least 64 random bits. */
    BigInteger next();
}
