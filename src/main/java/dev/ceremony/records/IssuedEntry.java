package dev.ceremony.records;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One certificate in the index of issued certificates.
 *
 * @param issuerKeyId hex SKI of the issuing CA (names the issuer even across rotations)
 * @param publicKeySha256 hex SHA-256 of the subject's SubjectPublicKeyInfo
 * @param subjectName the device id or server name the profile keyed on (the CN)
 */
public record IssuedEntry(
        BigInteger serial,
        String issuerKeyId,
        String profile,
        String subject,
        String subjectName,
        List<String> alternativeNames,
        String publicKeySha256,
        Instant notBefore,
        Instant notAfter,
        boolean renewal,
        Optional<Revocation> revocation) {

    public IssuedEntry {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(issuerKeyId, "issuerKeyId");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(subjectName, "subjectName");
        alternativeNames = List.copyOf(alternativeNames);
        Objects.requireNonNull(publicKeySha256, "publicKeySha256");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(revocation, "revocation");
    }

    /** When and why a certificate was revoked. */
    public record Revocation(Instant date, RevocationReason reason) {
        public Revocation {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Valid at {@code now}: inside its validity and not revoked. */
    public boolean validAt(Instant now) {
        return revocation.isEmpty() && !now.isBefore(notBefore) && now.isBefore(notAfter);
    }

    public IssuedEntry revoked(Revocation revoked) {
        return new IssuedEntry(serial, issuerKeyId, profile, subject, subjectName, alternativeNames, publicKeySha256,
                notBefore, notAfter, renewal, Optional.of(revoked));
    }
}
