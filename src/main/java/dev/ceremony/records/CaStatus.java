package dev.ceremony.records;

import dev.ceremony.audit.AuditEntry;
import dev.ceremony.audit.AuditTypes;
import dev.ceremony.quorum.CustodianQuorum;
import dev.ceremony.quorum.PinRole;
import dev.ceremony.quorum.QuorumLog;
import dev.ceremony.audit.AuditVerifier;
import dev.ceremony.audit.VerificationReport;
import dev.ceremony.config.WarningWindows;
import dev.ceremony.pki.KeyIds;
import dev.ceremony.text.Printable;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.io.InputStream;
import java.time.Instant;
import java.util.function.Supplier;
import dev.ceremony.audit.LogLines;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;

/** Computes {@link StatusReport} from the records and the audit log. Reads only; changes nothing. */
public final class CaStatus {

    private final AuditVerifier verifier;
    private final WarningWindows windows;

    public CaStatus(AuditVerifier verifier, WarningWindows windows) {
        this.verifier = verifier;
        this.windows = windows;
    }

    /** @param log the audit log's bytes, empty if there is none yet */
    /**
     * @param log opens the audit log afresh for each pass over it (it is read as a stream, never
     *     whole), when there is one
     */
    public StatusReport report(CaRecords records, Optional<Supplier<InputStream>> log, Instant now) {
        List<String> warnings = new ArrayList<>();
        List<StatusReport.Ca> cas = new ArrayList<>();
        List<StatusReport.Crl> crls = new ArrayList<>();
        Set<BigInteger> caSerials = new HashSet<>();
        for (String name : records.caCertificateNames()) {
            X509CertificateHolder certificate = records.caCertificate(name).orElseThrow();
            caSerials.add(certificate.getSerialNumber());
            Instant notAfter = certificate.getNotAfter().toInstant();
            long days = days(now, notAfter);
            cas.add(new StatusReport.Ca(name, certificate.getSubject().toString(), notAfter, days));
            if (days < 0) {
                warnings.add("CA " + name + " EXPIRED on " + notAfter);
            } else if (days <= windows.caExpiryDays()) {
                warnings.add("CA " + name + " expires in " + days + " days (" + notAfter + "): plan its rotation");
            }
            BasicConstraints basic = BasicConstraints.fromExtensions(certificate.getExtensions());
            if (basic != null && basic.isCA() && days >= 0) {
                crls.add(crl(name, records.latestCrl(KeyIds.subjectKeyId(certificate)), now, warnings));
            }
        }
        long[] counts = {0, 0};
        records.forEachIssued(entry -> {
            if (!caSerials.contains(entry.serial())) {
                counts[0]++;
                counts[1] += entry.revocation().isPresent() ? 1 : 0;
            }
        });
        long issued = counts[0];
        long revoked = counts[1];
        QuorumLog quorums = new QuorumLog();
        Optional<StatusReport.Log> audit = log.map(bytes -> audit(bytes, records, quorums, warnings));
        if (log.isEmpty()) {
            warnings.add("there is no audit log yet");
        }
        List<CustodianQuorum> current = new ArrayList<>();
        for (PinRole role : PinRole.values()) {
            quorums.current(role).ifPresent(current::add);
            quorums.pending(role).ifPresent(pending -> warnings.add("the re-sharing of the " + role.word() + " PIN to "
                    + "quorum " + pending.quorum().id() + " was interrupted around the PIN change: the token holds the "
                    + "PIN of " + quorums.current(role).map(q -> "quorum " + q.quorum().id()).orElse("before it")
                    + " or of quorum " + pending.quorum().id() + "; the shares of either are taken at login. Run "
                    + "quorum-reshare again"));
        }
        return new StatusReport(cas, crls, issued, revoked, audit, current, warnings);
    }

    private StatusReport.Crl crl(String ca, Optional<byte[]> der, Instant now, List<String> warnings) {
        if (der.isEmpty()) {
            warnings.add("CA " + ca + " has signed no CRL yet");
            return new StatusReport.Crl(ca, Optional.empty(), Optional.empty(), 0);
        }
        try {
            X509CRLHolder crl = new X509CRLHolder(der.get());
            Instant next = crl.getNextUpdate().toInstant();
            BigInteger number = CRLNumber.getInstance(crl.getExtension(Extension.cRLNumber).getParsedValue()).getCRLNumber();
            long days = days(now, next);
            if (days < 0) {
                warnings.add("the CRL of " + ca + " is STALE since " + next + ": sign a new one");
            } else if (days <= windows.crlDays()) {
                warnings.add("the CRL of " + ca + " is due in " + days + " days (" + next + ")");
            }
            return new StatusReport.Crl(ca, Optional.of(number), Optional.of(next), days);
        } catch (IOException | RuntimeException e) {
            warnings.add("the latest CRL of " + ca + " cannot be read: " + e.getMessage());
            return new StatusReport.Crl(ca, Optional.empty(), Optional.empty(), 0);
        }
    }

    private StatusReport.Log audit(Supplier<InputStream> log, CaRecords records, QuorumLog quorums,
            List<String> warnings) {
        VerificationReport verified = read(log, in -> verifier.verify(in, Optional.empty(), Optional.empty()));
        String[] lastLine = {null};
        AuditEntry[] open = {null};
        read(log, in -> LogLines.read(in, (bytes, from, to) -> {
            lastLine[0] = new String(bytes, from, to - from, StandardCharsets.UTF_8);
            String type = String.valueOf(AuditEntry.typeOf(bytes, from, to));
            if (type.equals(AuditTypes.CEREMONY_START) || type.equals(AuditTypes.CEREMONY_END)) {
                open[0] = type.equals(AuditTypes.CEREMONY_START) ? AuditEntry.parse(lastLine[0]) : null;
            }
            if (QuorumLog.wanted(type)) {
                try {
                    quorums.add(AuditEntry.parse(lastLine[0]));
                } catch (RuntimeException e) {
                    warnings.add("a quorum record of the audit log cannot be read: " + e.getMessage());
                }
            }
        }));
        AuditEntry last = lastLine[0] == null ? null : AuditEntry.parse(lastLine[0]);
        if (!verified.valid()) {
            warnings.add("the audit log does NOT verify: " + verified.problem().map(p -> "line " + p.line() + ": "
                    + p.reason()).orElse("") + ". Run 'ceremony audit verify'");
        } else {
            if (verified.unsealed() > 0) {
                warnings.add(verified.unsealed() + " audit record(s) after the last seal are not authenticated "
                        + "(a ceremony cut short, or records appended by someone else); 'ceremony audit verify' "
                        + "says VALID only up to the last seal");
            }
            List<String> pending = read(log, in -> RecordsReconciler.pending(in, records));
            if (!pending.isEmpty()) {
                warnings.add("the records lag " + pending.size() + " change(s) behind the audit log (a crash?); the "
                        + "next ceremony repairs them: " + pending.get(0));
            }
        }
        // As the engine sees it: a start that names its plan and no end after it blocks every other ceremony.
        if (open[0] != null && open[0].data().containsKey("plan-sha256")) {
            String script = Printable.escape(open[0].dataText("script"));
            warnings.add("ceremony " + Printable.escape(open[0].ceremony()) + " did not finish, and every other "
                    + "ceremony is refused until it does: run " + script + " again with the same parameters to resume "
                    + "it, or end it with: ceremony run " + script + " --abort REASON");
        }
        verified.tornTailBytes().ifPresent(bytes -> warnings.add("the audit log ends in a torn line of " + bytes
                + " bytes (a crash); the next ceremony removes it"));
        return new StatusReport.Log(last == null ? "" : last.ceremony(), last == null ? "" : last.time(), verified.head(),
                verified.unsealed(), verified.valid(), verified.problem().map(p -> p.reason()).orElse(""));
    }

    private static long days(Instant now, Instant then) {
        return Math.floorDiv(Duration.between(now, then).getSeconds(), 86_400);
    }

    private static <T> T read(Supplier<InputStream> log, java.util.function.Function<InputStream, T> reader) {
        try (InputStream in = log.get()) {
            return reader.apply(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the audit log: " + e.getMessage(), e);
        }
    }
}
