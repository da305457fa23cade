package dev.ceremony.files;

import dev.ceremony.records.CaRecords;
import dev.ceremony.records.IssuedEntry;
import dev.ceremony.records.RecordsException;
import dev.ceremony.records.Reservation;
import dev.ceremony.records.RevocationReason;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.function.Consumer;
import java.io.InputStream;
import dev.ceremony.audit.LogLines;
import dev.ceremony.records.DigestIndex;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * {@link CaRecords} as files: an append-only journal ({@code journal.jsonl}, one JSON event per
 * line, synced before each method returns) read once at open into a compact index; the
 * certificates, CRLs and CA certificates are files written once each ({@link RecordFiles}). A line
 * cut short by a crash (no newline) was never acknowledged; it is cut off at open and
 * {@link #repairedTornTail()} says so. Any other damaged line stops the open: the audit log is then
 * the source to rebuild from.
 *
 * <p>The index holds, per serial, about 40 bytes: the serial's 64-bit digest ({@link DigestIndex}),
 * its state, its issuer, where its {@code issue} line starts in the journal and which bundle file
 * holds its certificate. An entry's details are read back from its journal line when asked for, and
 * {@link #forEachIssued} streams the journal, so the records of years of batches are never held whole.
 * Serials are unique across issuers (a reserved serial is never used again by any issuer).
 */
public final class JournalCaRecords implements CaRecords {

    /** Journal file name inside the records directory. */
    public static final String JOURNAL = "journal.jsonl";

    private static final byte RESERVED = 1;
    private static final byte ISSUED = 2;
    private static final byte STORED = 4;
    private static final byte[] ISSUE_MARKER = "\"event\":\"issue\"".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper json = new ObjectMapper();
    private final Path directory;
    private final Path journal;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final FileChannel appender;
    private final boolean repairedTornTail;
    /** Every serial reserved, by its digest; the columns below are kept by its number. */
    private final DigestIndex serials = new DigestIndex();
    private byte[] states = new byte[0];
    private int[] issuerOf = new int[0];
    private long[] issueLine = new long[0];
    private int[] bundleOf = new int[0];
    /** The issuers' key ids and the bundle file names, each kept once. */
    private final List<String> issuers = new ArrayList<>();
    private final Map<String, Integer> issuerNumbers = new HashMap<>();
    private final List<String> bundles = new ArrayList<>();
    /** The few revoked certificates, by serial digest. */
    private final Map<Long, IssuedEntry.Revocation> revocations = new HashMap<>();
    private final Map<String, BigInteger> crlNumbers = new HashMap<>();
    private final RecordFiles files;

    private JournalCaRecords(Path directory) throws IOException {
        this.directory = directory;
        this.journal = directory.resolve(JOURNAL);
        this.files = new RecordFiles(directory);
        OwnerOnly.createDirectories(directory.resolve("ca"));
        this.lockChannel = FileChannel.open(directory.resolve(".lock"), java.util.Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.WRITE), OwnerOnly.FILE);
        FileLock acquired;
        try {
            acquired = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            acquired = null;
        }
        this.lock = acquired;
        if (lock == null) {
            lockChannel.close();
            throw new RecordsException("the records directory " + directory + " is already open in another Ceremony "
                    + "process (or elsewhere in this one)");
        }
        boolean created = !Files.exists(journal);
        this.appender = FileChannel.open(journal, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE), OwnerOnly.FILE);
        if (created) {
            appender.force(true);
            DurableFiles.syncDirectory(directory);
        }
        this.repairedTornTail = replay();
        appender.position(appender.size());
    }

    /** Opens (creating if needed) the records in {@code directory}, locking them for this process. */
    public static JournalCaRecords open(Path directory) {
        try {
            return new JournalCaRecords(directory.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new RecordsException("cannot open the records in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** True when the open found and removed a journal line that a crash had cut short. */
    public boolean repairedTornTail() {
        return repairedTornTail;
    }

    @Override
    public synchronized void reserve(List<Reservation> reservations) {
        List<ObjectNode> events = new ArrayList<>();
        for (Reservation reservation : reservations) {
            if (serialUsed(reservation.serial())) {
                throw new RecordsException("serial " + reservation.serial().toString(16) + " was already used; it is "
                        + "never reused");
            }
            events.add(event("reserve").put("serial", reservation.serial().toString(16))
                    .put("issuer", reservation.issuerKeyId()).put("profile", reservation.profile())
                    .put("tbs", reservation.tbsSha256()));
        }
        append(events);
        for (Reservation reservation : reservations) {
            reserved(reservation.serial(), reservation.issuerKeyId());
        }
    }

    @Override
    public synchronized boolean serialUsed(BigInteger serial) {
        return serials.contains(digest(serial));
    }

    @Override
    public synchronized void recordIssued(List<IssuedEntry> entries) {
        List<ObjectNode> events = new ArrayList<>();
        for (IssuedEntry entry : entries) {
            int number = serials.find(digest(entry.serial()));
            if (number < 0 || !issuers.get(issuerOf[number]).equals(entry.issuerKeyId())) {
                throw new RecordsException("serial " + entry.serial().toString(16) + " was not reserved for issuer "
                        + entry.issuerKeyId() + " before signing");
            }
            if ((states[number] & ISSUED) != 0) {
                throw new RecordsException("serial " + entry.serial().toString(16) + " is already in the index");
            }
            ObjectNode event = event("issue").put("serial", entry.serial().toString(16))
                    .put("issuer", entry.issuerKeyId()).put("profile", entry.profile()).put("subject", entry.subject())
                    .put("name", entry.subjectName()).put("key", entry.publicKeySha256())
                    .put("notBefore", entry.notBefore().toString()).put("notAfter", entry.notAfter().toString())
                    .put("renewal", entry.renewal());
            entry.alternativeNames().forEach(event.putArray("sans")::add);
            events.add(event);
        }
        long[] offsets = append(events);
        for (int i = 0; i < entries.size(); i++) {
            int number = serials.find(digest(entries.get(i).serial()));
            states[number] |= ISSUED;
            issueLine[number] = offsets[i];
        }
    }

    @Override
    public synchronized void storeCertificates(String issuerKeyId, List<X509CertificateHolder> certificates) {
        if (certificates.isEmpty()) {
            return;
        }
        for (X509CertificateHolder certificate : certificates) {
            int number = serials.find(digest(certificate.getSerialNumber()));
            if (number < 0 || !issuers.get(issuerOf[number]).equals(issuerKeyId)) {
                throw new RecordsException("certificate " + certificate.getSerialNumber().toString(16) + " ("
                        + certificate.getSubject() + ") was never reserved for issuer " + issuerKeyId + "; only "
                        + "certificates signed under a reserved serial are kept");
            }
        }
        String name = files.writeBundle(issuerKeyId, certificates);
        ObjectNode event = event("certs").put("issuer", issuerKeyId).put("file", name);
        certificates.forEach(certificate -> event.withArray("serials").add(certificate.getSerialNumber().toString(16)));
        append(List.of(event));
        stored(issuerKeyId, name, certificates.stream().map(X509CertificateHolder::getSerialNumber).toList());
    }

    @Override
    public synchronized boolean holdsCertificate(String issuerKeyId, BigInteger serial) {
        return bundle(issuerKeyId, serial).isPresent();
    }

    @Override
    public synchronized Optional<X509CertificateHolder> certificate(String issuerKeyId, BigInteger serial) {
        return bundle(issuerKeyId, serial).map(name -> files.fromBundle(name, serial));
    }

    @Override
    public synchronized IssuedEntry revoke(String issuerKeyId, BigInteger serial, Instant date, RevocationReason reason) {
        IssuedEntry entry = find(issuerKeyId, serial).orElseThrow(() -> new RecordsException("no certificate with serial "
                + serial.toString(16) + " from issuer " + issuerKeyId + " is in the records"));
        if (entry.revocation().isPresent()) {
            throw new RecordsException("certificate " + serial.toString(16) + " was already revoked on "
                    + entry.revocation().get().date());
        }
        append(List.of(event("revoke").put("serial", serial.toString(16)).put("issuer", issuerKeyId)
                .put("date", date.toString()).put("reason", reason.name())));
        IssuedEntry.Revocation revocation = new IssuedEntry.Revocation(date, reason);
        revocations.put(digest(serial), revocation);
        return entry.revoked(revocation);
    }

    @Override
    public synchronized BigInteger reserveCrlNumber(String issuerKeyId) {
        BigInteger next = lastCrlNumber(issuerKeyId).add(BigInteger.ONE);
        recordCrlNumber(issuerKeyId, next);
        return next;
    }

    @Override
    public synchronized BigInteger lastCrlNumber(String issuerKeyId) {
        return crlNumbers.getOrDefault(issuerKeyId, BigInteger.ZERO);
    }

    @Override
    public synchronized void recordCrlNumber(String issuerKeyId, BigInteger number) {
        if (number.compareTo(lastCrlNumber(issuerKeyId)) <= 0) {
            throw new RecordsException("CRL number " + number + " of issuer " + issuerKeyId + " is not above the last one, "
                    + lastCrlNumber(issuerKeyId));
        }
        append(List.of(event("crl-number").put("issuer", issuerKeyId).put("number", number.toString())));
        crlNumbers.put(issuerKeyId, number);
    }

    @Override
    public synchronized void storeCrl(String issuerKeyId, BigInteger crlNumber, byte[] der) {
        files.writeCrl(issuerKeyId, crlNumber, der);
    }

    @Override
    public synchronized void storeCaCertificate(String name, X509CertificateHolder certificate) {
        files.writeCaCertificate(name, certificate);
    }

    @Override
    public synchronized Optional<X509CertificateHolder> caCertificate(String name) {
        return files.caCertificate(name);
    }

    @Override
    public synchronized List<String> caCertificateNames() {
        return files.caCertificateNames();
    }

    @Override
    public synchronized Optional<byte[]> latestCrl(String issuerKeyId) {
        return files.latestCrl(issuerKeyId);
    }

    /**
     * Streams the journal's {@code issue} lines, as far as the journal reached when called, each
     * with its revocation; one entry is held at a time.
     */
    @Override
    public synchronized void forEachIssued(Consumer<IssuedEntry> visitor) {
        long end;
        try {
            end = appender.size();
        } catch (IOException e) {
            throw new RecordsException("cannot read " + journal + ": " + e.getMessage(), e);
        }
        long[] offset = {0};
        try (InputStream in = Files.newInputStream(journal)) {
            LogLines.read(in, (bytes, from, to) -> {
                long at = offset[0];
                offset[0] += to - from + 1;
                if (at < end && dev.ceremony.text.ByteSearch.contains(bytes, from, to, ISSUE_MARKER)) {
                    visitor.accept(issuedEntry(line(bytes, from, to), at));
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new RecordsException("cannot read " + journal + ": " + e.getMessage(), e);
        }
    }

    /** From the index alone: the reconciler asks this for every certificate of the log at each ceremony's start. */
    @Override
    public synchronized boolean isIssued(String issuerKeyId, BigInteger serial) {
        int number = serials.find(digest(serial));
        return number >= 0 && (states[number] & ISSUED) != 0 && issuers.get(issuerOf[number]).equals(issuerKeyId);
    }

    @Override
    public synchronized Optional<IssuedEntry> find(String issuerKeyId, BigInteger serial) {
        if (!isIssued(issuerKeyId, serial)) {
            return Optional.empty();
        }
        int number = serials.find(digest(serial));
        IssuedEntry entry = issuedEntry(readLine(issueLine[number]), issueLine[number]);
        if (!entry.serial().equals(serial)) {
            throw new RecordsException(journal + " at byte " + issueLine[number] + " does not hold serial "
                    + serial.toString(16) + " as its index says; rebuild the records from the audit log");
        }
        return Optional.of(entry);
    }

    @Override
    public synchronized void close() {
        try {
            appender.close();
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new RecordsException("cannot close the records in " + directory + ": " + e.getMessage(), e);
        }
    }

    private static long digest(BigInteger serial) {
        return DigestIndex.digest(serial.toByteArray());
    }

    private void reserved(BigInteger serial, String issuerKeyId) {
        int number = serials.add(digest(serial));
        states = DigestIndex.fit(states, number);
        issuerOf = DigestIndex.fit(issuerOf, number);
        issueLine = DigestIndex.fit(issueLine, number);
        bundleOf = DigestIndex.fit(bundleOf, number);
        states[number] = RESERVED;
        issuerOf[number] = issuerNumbers.computeIfAbsent(issuerKeyId, id -> {
            issuers.add(id);
            return issuers.size() - 1;
        });
        bundleOf[number] = -1;
    }

    private void stored(String issuerKeyId, String bundle, List<BigInteger> stored) {
        int bundleNumber = bundles.size();
        bundles.add(bundle);
        for (BigInteger serial : stored) {
            int number = serials.find(digest(serial));
            if (number < 0 || !issuers.get(issuerOf[number]).equals(issuerKeyId)) {
                throw new IllegalStateException("certificate " + serial.toString(16) + " is kept but was never "
                        + "reserved for issuer " + issuerKeyId);
            }
            states[number] |= STORED;
            bundleOf[number] = bundleNumber;
        }
    }

    private Optional<String> bundle(String issuerKeyId, BigInteger serial) {
        int number = serials.find(digest(serial));
        if (number < 0 || (states[number] & STORED) == 0 || !issuers.get(issuerOf[number]).equals(issuerKeyId)) {
            return Optional.empty();
        }
        return Optional.of(bundles.get(bundleOf[number]));
    }

    private ObjectNode event(String type) {
        return json.createObjectNode().put("event", type);
    }

    /** Appends whole lines and syncs them: the one write and one fsync of a batch. Returns where each line starts. */
    private long[] append(List<ObjectNode> events) {
        long[] offsets = new long[events.size()];
        if (events.isEmpty()) {
            return offsets;
        }
        StringBuilder lines = new StringBuilder();
        try {
            long start = appender.position();
            for (int i = 0; i < events.size(); i++) {
                offsets[i] = start + lines.length();
                lines.append(json.writeValueAsString(events.get(i))).append('\n');
            }
            // The journal's lines are ASCII (JSON escapes the rest), so characters are bytes.
            ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.US_ASCII));
            while (buffer.hasRemaining()) {
                appender.write(buffer);
            }
            appender.force(false);
        } catch (IOException e) {
            throw new RecordsException("cannot write " + journal + ": " + e.getMessage()
                    + ". The operation did not happen; check the records medium", e);
        }
        return offsets;
    }

    /** Reads the journal once; returns true if a torn last line was cut off. */
    private boolean replay() throws IOException {
        long size = appender.size();
        long[] complete = {0};
        int[] lineNumber = {0};
        try (InputStream in = Files.newInputStream(journal)) {
            LogLines.read(in, (bytes, from, to) -> {
                lineNumber[0]++;
                long at = complete[0];
                complete[0] += to - from + 1;
                if (to == from) {
                    return;
                }
                try {
                    apply(json.readTree(bytes, from, to - from), at);
                } catch (IOException | RuntimeException e) {
                    throw new RecordsException(journal + " line " + lineNumber[0] + " is damaged (" + e.getMessage()
                            + "). Nothing was changed; rebuild the records from the audit log.");
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        boolean torn = complete[0] < size;
        if (torn) {
            appender.truncate(complete[0]);
            appender.force(true);
        }
        return torn;
    }

    private void apply(JsonNode event, long at) {
        String type = text(event, "event");
        switch (type) {
            case "reserve" -> {
                BigInteger serial = new BigInteger(text(event, "serial"), 16);
                if (serialUsed(serial)) {
                    throw new IllegalStateException("serial " + serial.toString(16) + " is reserved twice");
                }
                reserved(serial, text(event, "issuer"));
            }
            case "issue" -> {
                int number = serials.find(digest(new BigInteger(text(event, "serial"), 16)));
                if (number < 0 || !issuers.get(issuerOf[number]).equals(text(event, "issuer"))) {
                    throw new IllegalStateException("an issued certificate that was never reserved for its issuer");
                }
                states[number] |= ISSUED;
                issueLine[number] = at;
            }
            case "revoke" -> {
                long serial = digest(new BigInteger(text(event, "serial"), 16));
                int number = serials.find(serial);
                if (number < 0 || (states[number] & ISSUED) == 0) {
                    throw new IllegalStateException("a revocation of a certificate that was never issued");
                }
                revocations.put(serial, new IssuedEntry.Revocation(Instant.parse(text(event, "date")),
                        RevocationReason.valueOf(text(event, "reason"))));
            }
            case "crl-number" -> crlNumbers.put(text(event, "issuer"), new BigInteger(text(event, "number")));
            case "certs" -> {
                List<BigInteger> stored = new ArrayList<>();
                event.path("serials").forEach(serial -> stored.add(new BigInteger(serial.asText(), 16)));
                stored(text(event, "issuer"), text(event, "file"), stored);
            }
            default -> throw new IllegalStateException("unknown event '" + type + "'");
        }
    }

    /** The entry an {@code issue} line describes, with its revocation if there is one. */
    private IssuedEntry issuedEntry(JsonNode event, long at) {
        try {
            List<String> sans = new ArrayList<>();
            event.path("sans").forEach(node -> sans.add(node.asText()));
            BigInteger serial = new BigInteger(text(event, "serial"), 16);
            return new IssuedEntry(serial, text(event, "issuer"), text(event, "profile"), text(event, "subject"),
                    text(event, "name"), sans, text(event, "key"), Instant.parse(text(event, "notBefore")),
                    Instant.parse(text(event, "notAfter")), event.path("renewal").asBoolean(),
                    Optional.ofNullable(revocations.get(digest(serial))));
        } catch (RuntimeException e) {
            throw new RecordsException(journal + " at byte " + at + " is damaged (" + e.getMessage() + "); rebuild "
                    + "the records from the audit log", e);
        }
    }

    private JsonNode line(byte[] bytes, int from, int to) {
        try {
            return json.readTree(bytes, from, to - from);
        } catch (IOException e) {
            throw new RecordsException(journal + " has a damaged line (" + e.getMessage() + "); rebuild the records "
                    + "from the audit log", e);
        }
    }

    /** The journal line that starts at {@code at}. */
    private JsonNode readLine(long at) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(1024);
            long position = at;
            while (true) {
                int read = appender.read(buffer, position);
                if (read < 0) {
                    throw new RecordsException(journal + " ends inside the line at byte " + at);
                }
                position += read;
                byte[] bytes = buffer.array();
                for (int i = buffer.position() - read; i < buffer.position(); i++) {
                    if (bytes[i] == '\n') {
                        return line(bytes, 0, i);
                    }
                }
                if (!buffer.hasRemaining()) {
                    ByteBuffer larger = ByteBuffer.allocate(buffer.capacity() * 2);
                    buffer.flip();
                    larger.put(buffer);
                    buffer = larger;
                }
            }
        } catch (IOException e) {
            throw new RecordsException("cannot read " + journal + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalStateException("field '" + field + "' is missing");
        }
        return value.asText();
    }
}
