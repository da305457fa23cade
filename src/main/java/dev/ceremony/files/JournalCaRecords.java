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
import java.util.LinkedHashMap;
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
 * line, synced before each method returns) replayed into memory at open; the certificates, CRLs
 * and CA certificates are files written once each ({@link RecordFiles}). A line cut short by a crash (no newline) was never
 * acknowledged; it is cut off at open and {@link #repairedTornTail()} says so. Any other damaged
 * line stops the open: the audit log is then the source to rebuild from.
 */
public final class JournalCaRecords implements CaRecords {

    /** Journal file name inside the records directory. */
    public static final String JOURNAL = "journal.jsonl";

    private final ObjectMapper json = new ObjectMapper();
    private final Path directory;
    private final Path journal;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final FileChannel appender;
    private final boolean repairedTornTail;
    private final Map<BigInteger, String> reserved = new HashMap<>();
    private final Map<String, IssuedEntry> issued = new LinkedHashMap<>();
    private final Map<String, BigInteger> crlNumbers = new HashMap<>();
    /** Where each kept certificate is: issuer/serial to its bundle file under certs/. */
    private final Map<String, String> certificateFiles = new HashMap<>();
    private final RecordFiles files;

    private JournalCaRecords(Path directory) throws IOException {
        this.directory = directory;
        this.journal = directory.resolve(JOURNAL);
        this.files = new RecordFiles(directory);
        Files.createDirectories(directory.resolve("ca"));
        this.lockChannel = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
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
        this.appender = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
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
            if (reserved.containsKey(reservation.serial())) {
                throw new RecordsException("serial " + reservation.serial().toString(16) + " was already used; it is "
                        + "never reused");
            }
            events.add(event("reserve").put("serial", reservation.serial().toString(16))
                    .put("issuer", reservation.issuerKeyId()).put("profile", reservation.profile())
                    .put("tbs", reservation.tbsSha256()));
        }
        append(events);
        for (Reservation reservation : reservations) {
            reserved.put(reservation.serial(), reservation.issuerKeyId());
        }
    }

    @Override
    public synchronized boolean serialUsed(BigInteger serial) {
        return reserved.containsKey(serial);
    }

    @Override
    public synchronized void recordIssued(List<IssuedEntry> entries) {
        List<ObjectNode> events = new ArrayList<>();
        for (IssuedEntry entry : entries) {
            String issuer = reserved.get(entry.serial());
            if (!entry.issuerKeyId().equals(issuer)) {
                throw new RecordsException("serial " + entry.serial().toString(16) + " was not reserved for issuer "
                        + entry.issuerKeyId() + " before signing");
            }
            if (issued.containsKey(key(entry.issuerKeyId(), entry.serial()))) {
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
        append(events);
        for (IssuedEntry entry : entries) {
            issued.put(key(entry.issuerKeyId(), entry.serial()), entry);
        }
    }

    @Override
    public synchronized void storeCertificates(String issuerKeyId, List<X509CertificateHolder> certificates) {
        if (certificates.isEmpty()) {
            return;
        }
        String name = files.writeBundle(issuerKeyId, certificates);
        ObjectNode event = event("certs").put("issuer", issuerKeyId).put("file", name);
        certificates.forEach(certificate -> event.withArray("serials").add(certificate.getSerialNumber().toString(16)));
        append(List.of(event));
        for (X509CertificateHolder certificate : certificates) {
            certificateFiles.put(key(issuerKeyId, certificate.getSerialNumber()), name);
        }
    }

    @Override
    public synchronized boolean holdsCertificate(String issuerKeyId, BigInteger serial) {
        return certificateFiles.containsKey(key(issuerKeyId, serial));
    }

    @Override
    public synchronized Optional<X509CertificateHolder> certificate(String issuerKeyId, BigInteger serial) {
        String name = certificateFiles.get(key(issuerKeyId, serial));
        return name == null ? Optional.empty() : Optional.of(files.fromBundle(name, serial));
    }

    @Override
    public synchronized IssuedEntry revoke(String issuerKeyId, BigInteger serial, Instant date, RevocationReason reason) {
        IssuedEntry entry = issued.get(key(issuerKeyId, serial));
        if (entry == null) {
            throw new RecordsException("no certificate with serial " + serial.toString(16) + " from issuer "
                    + issuerKeyId + " is in the records");
        }
        if (entry.revocation().isPresent()) {
            throw new RecordsException("certificate " + serial.toString(16) + " was already revoked on "
                    + entry.revocation().get().date());
        }
        append(List.of(event("revoke").put("serial", serial.toString(16)).put("issuer", issuerKeyId)
                .put("date", date.toString()).put("reason", reason.name())));
        IssuedEntry revoked = entry.revoked(new IssuedEntry.Revocation(date, reason));
        issued.put(key(issuerKeyId, serial), revoked);
        return revoked;
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

    @Override
    public synchronized List<IssuedEntry> issued() {
        return List.copyOf(issued.values());
    }

    @Override
    public synchronized Optional<IssuedEntry> find(String issuerKeyId, BigInteger serial) {
        return Optional.ofNullable(issued.get(key(issuerKeyId, serial)));
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

    private static String key(String issuer, BigInteger serial) {
        return issuer + "/" + serial.toString(16);
    }

    private ObjectNode event(String type) {
        return json.createObjectNode().put("event", type);
    }

    /** Appends whole lines and syncs them: the one write and one fsync of a batch. */
    private void append(List<ObjectNode> events) {
        if (events.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        try {
            for (ObjectNode event : events) {
                lines.append(json.writeValueAsString(event)).append('\n');
            }
            ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                appender.write(buffer);
            }
            appender.force(false);
        } catch (IOException e) {
            throw new RecordsException("cannot write " + journal + ": " + e.getMessage()
                    + ". The operation did not happen; check the records medium", e);
        }
    }

    /** Replays the journal; returns true if a torn last line was cut off. */
    private boolean replay() throws IOException {
        byte[] bytes = Files.readAllBytes(journal);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        boolean torn = end < bytes.length;
        if (torn) {
            appender.truncate(end);
            appender.force(true);
        }
        String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            if (line.isEmpty()) {
                continue;
            }
            try {
                apply(json.readTree(line));
            } catch (JsonProcessingException | RuntimeException e) {
                throw new RecordsException(journal + " line " + lineNumber + " is damaged (" + e.getMessage()
                        + "). Nothing was changed; rebuild the records from the audit log.");
            }
        }
        return torn;
    }

    private void apply(JsonNode event) {
        String type = text(event, "event");
        switch (type) {
            case "reserve" -> reserved.put(new BigInteger(text(event, "serial"), 16), text(event, "issuer"));
            case "issue" -> {
                List<String> sans = new ArrayList<>();
                event.path("sans").forEach(node -> sans.add(node.asText()));
                BigInteger serial = new BigInteger(text(event, "serial"), 16);
                issued.put(key(text(event, "issuer"), serial), new IssuedEntry(serial, text(event, "issuer"),
                        text(event, "profile"), text(event, "subject"), text(event, "name"), sans, text(event, "key"),
                        Instant.parse(text(event, "notBefore")), Instant.parse(text(event, "notAfter")),
                        event.path("renewal").asBoolean(), Optional.empty()));
            }
            case "revoke" -> {
                String id = key(text(event, "issuer"), new BigInteger(text(event, "serial"), 16));
                IssuedEntry entry = issued.get(id);
                if (entry == null) {
                    throw new IllegalStateException("a revocation of a certificate that was never issued");
                }
                issued.put(id, entry.revoked(new IssuedEntry.Revocation(Instant.parse(text(event, "date")),
                        RevocationReason.valueOf(text(event, "reason")))));
            }
            case "crl-number" -> crlNumbers.put(text(event, "issuer"), new BigInteger(text(event, "number")));
            case "certs" -> event.path("serials").forEach(serial -> certificateFiles.put(
                    key(text(event, "issuer"), new BigInteger(serial.asText(), 16)), text(event, "file")));
            default -> throw new IllegalStateException("unknown event '" + type + "'");
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
