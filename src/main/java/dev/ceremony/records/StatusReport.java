package dev.ceremony.records;

import dev.ceremony.quorum.CustodianQuorum;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code ceremony status} shows: the CAs and their expiry, the CRLs and their nextUpdate,
 * counts, the last ceremony and the head of the audit log, the quorums that guard the token's
 * PINs (empty: the PINs are typed), and the warnings.
 */
public record StatusReport(List<Ca> cas, List<Crl> crls, long issued, long revoked, Optional<Log> log,
        List<CustodianQuorum> quorums, List<String> warnings) {

    public StatusReport {
        quorums = List.copyOf(quorums);
        cas = List.copyOf(cas);
        crls = List.copyOf(crls);
        warnings = List.copyOf(warnings);
    }

    /** A stored CA certificate. */
    public record Ca(String name, String subject, Instant notAfter, long daysLeft) {
    }

    /** The latest CRL of a CA; empty number when the CA has signed none yet. */
    public record Crl(String ca, Optional<BigInteger> number, Optional<Instant> nextUpdate, long daysLeft) {
    }

    /** The audit log: its last ceremony, head, unsealed tail and whether it verified. */
    public record Log(String lastCeremony, String lastTime, String head, int unsealed, boolean valid, String problem) {
    }
}
