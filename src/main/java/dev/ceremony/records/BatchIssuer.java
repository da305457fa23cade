package dev.ceremony.records;

import dev.ceremony.pki.CertificateIssuer;
import dev.ceremony.pki.IssuedCertificate;
import dev.ceremony.pki.KeyIds;
import dev.ceremony.pki.LintException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Issues many certificates with durability per chunk, not per certificate (DESIGN.md section 4):
 * the chunk's serials and TBS hashes are reserved with one sync, the chunk is signed, and its
 * certificates enter the index with one more sync. A request that fails lint is refused on its own;
 * the batch goes on. A certificate signed but not yet recorded when the process dies was never
 * written anywhere, and its reserved serial is never used again.
 */
public final class BatchIssuer {

    /** Certificates per durable chunk unless told otherwise. */
    public static final int DEFAULT_CHUNK = 1_000;

    private final CertificateIssuer issuer;
    private final CaRecords records;
    private final int chunk;

    public BatchIssuer(CertificateIssuer issuer, CaRecords records, int chunk) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.records = Objects.requireNonNull(records, "records");
        if (chunk < 1) {
            throw new IllegalArgumentException("a chunk holds at least one certificate");
        }
        this.chunk = chunk;
    }

    /** What became of one request: its certificate, or why it was not issued. */
    public record Outcome(CertificateIssuer.Request request, Optional<IssuedCertificate> issued, Optional<String> refusal) {
    }

    /** A request drafted and linted, or the lint's refusal. */
    private record Drafted(Optional<CertificateIssuer.Prepared> ready, Optional<String> refusal) {
    }

    /** Called after each chunk with the number of requests done so far. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = done -> { };

        void done(int requests);
    }

    /** Issues every request, all by one CA, whose certificate must be known; returns every outcome. */
    public List<Outcome> issue(List<CertificateIssuer.Request> requests, boolean renewal, Progress progress) {
        List<Outcome> all = new ArrayList<>();
        issue(requests, renewal, progress, all::add);
        return all;
    }

    /**
     * Issues every request and hands each outcome to {@code results} once its chunk is recorded;
     * nothing of a chunk is kept after it, so a batch of any size needs the memory of one chunk.
     */
    public void issue(List<CertificateIssuer.Request> requests, boolean renewal, Progress progress,
            java.util.function.Consumer<Outcome> results) {
        for (int start = 0; start < requests.size(); start += chunk) {
            List<Outcome> outcomes = new ArrayList<>();
            List<CertificateIssuer.Request> part = requests.subList(start, Math.min(requests.size(), start + chunk));
            // Serials are drawn one after another; the TBS certificates are built and linted on every core.
            List<BigInteger> serials = new ArrayList<>(part.size());
            for (int i = 0; i < part.size(); i++) {
                serials.add(issuer.nextSerial());
            }
            List<Drafted> drafted = IntStream.range(0, part.size()).parallel().mapToObj(i -> {
                try {
                    return new Drafted(Optional.of(issuer.prepare(part.get(i), serials.get(i))), Optional.empty());
                } catch (LintException e) {
                    return new Drafted(Optional.empty(), Optional.of(e.getMessage()));
                }
            }).toList();
            List<CertificateIssuer.Prepared> prepared = new ArrayList<>();
            List<Reservation> reservations = new ArrayList<>();
            for (int i = 0; i < part.size(); i++) {
                Optional<CertificateIssuer.Prepared> ready = drafted.get(i).ready();
                if (ready.isPresent()) {
                    prepared.add(ready.get());
                    reservations.add(new Reservation(ready.get().serial(), issuerKeyId(part.get(i)),
                            part.get(i).profile().name(), HexFormat.of().formatHex(ready.get().tbsSha256())));
                } else {
                    outcomes.add(new Outcome(part.get(i), Optional.empty(), drafted.get(i).refusal()));
                }
            }
            records.reserve(reservations);
            List<IssuedEntry> entries = new ArrayList<>();
            List<IssuedCertificate> signed = issuer.signAll(prepared);
            for (int i = 0; i < prepared.size(); i++) {
                CertificateIssuer.Prepared ready = prepared.get(i);
                entries.add(IssuedEntries.of(signed.get(i).certificate(), ready.request().profile().name(), renewal));
                outcomes.add(new Outcome(ready.request(), Optional.of(signed.get(i)), Optional.empty()));
            }
            if (!prepared.isEmpty()) {
                records.storeCertificates(issuerKeyId(part.get(0)), outcomes.subList(outcomes.size() - prepared.size(),
                        outcomes.size()).stream().map(o -> o.issued().orElseThrow().certificate()).toList());
            }
            records.recordIssued(entries);
            outcomes.forEach(results);
            progress.done(Math.min(requests.size(), start + chunk));
        }
    }

    private static String issuerKeyId(CertificateIssuer.Request request) {
        return KeyIds.subjectKeyId(request.issuer().certificate().orElseThrow(() -> new IllegalArgumentException(
                "a batch is issued by a CA that has its certificate")));
    }
}
