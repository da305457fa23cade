package dev.ceremony.records;

import dev.ceremony.pki.CaSigner;
import dev.ceremony.pki.CrlIssuer;
import dev.ceremony.pki.RevokedCertificate;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * A CRL as it will be signed, before its number is reserved: what the people who confirm the step
 * are shown.
 */
public record CrlDraft(CaSigner ca, BigInteger number, List<RevokedCertificate> revoked, CrlIssuer.Window window) {

    public CrlDraft {
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(window, "window");
        revoked = List.copyOf(revoked);
    }
}
