package dev.ceremony.files;

import dev.ceremony.audit.AuditChain;
import dev.ceremony.audit.AuditEntry;
import dev.ceremony.audit.AuditTypes;
import dev.ceremony.audit.CeremonyLog;
import dev.ceremony.audit.SealSigner;
import dev.ceremony.records.RecordsException;
import java.io.ByteArrayOutputStream;
import dev.ceremony.audit.LogComparison;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit log as an append-only file. Records are written as they come and synced at seals (and
 * whenever {@link #sync()} is asked for, e.g. once per chunk of write-ahead records). A final line
 * cut short by a crash is removed when the log is reopened, and a {@code repair} record says how
 * many bytes went and their hash.
 */
public final class AuditLogFile implements CeremonyLog, AutoCloseable {

    /** Records waiting beyond this many bytes are written without waiting for a sync. */
    private static final int MAX_PENDING = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final AuditChain chain;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private Mirror mirror;

    private AuditLogFile(Path file, FileChannel channel, AuditChain chain) throws IOException {
        this.file = file;
        this.channel = channel;
        FileLock acquired;
        try {
            acquired = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            acquired = null;
        }
        if (acquired == null) {
            channel.close();
            throw new RecordsException("the audit log " + file + " is already open in another Ceremony process "
                    + "(or elsewhere in this one)");
        }
        this.lock = acquired;
        this.chain = chain;
    }

    /** Creates a new log whose first record holds the audit public key. The file must not exist. */
    public static AuditLogFile create(Path file, Clock clock, String ceremony, byte[] auditKeyInfo,
            Map<String, Object> data) {
        try {
            FileChannel channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.READ, StandardOpenOption.WRITE), OwnerOnly.FILE);
            AuditLogFile log = new AuditLogFile(file, channel, AuditChain.fresh(clock, ceremony));
            log.write(log.chain.logStart(auditKeyInfo, data));
            log.sync();
            DurableFiles.syncDirectory(file.toAbsolutePath().getParent());
            return log;
        } catch (IOException e) {
            throw new RecordsException("cannot create the audit log " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens an existing log to continue it, cutting off (and recording) a torn final line. */
    public static AuditLogFile open(Path file, Clock clock) {
        try {
            Tail tail = Tail.read(file);
            if (tail.lastLine() == null) {
                throw new RecordsException("the audit log " + file + " holds no complete record");
            }
            AuditEntry last = AuditEntry.parse(tail.lastLine());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            AuditLogFile log = new AuditLogFile(file, channel, AuditChain.after(clock, last,
                    AuditChain.sha256(tail.lastLine())));
            if (tail.torn().length > 0) {
                channel.truncate(tail.end());
                channel.force(true);
                Map<String, Object> repair = new LinkedHashMap<>();
                repair.put("removed-bytes", (long) tail.torn().length);
                repair.put("removed-sha256", AuditChain.sha256Bytes(tail.torn()));
                log.append(AuditTypes.REPAIR, repair);
                log.sync();
            }
            return log;
        } catch (IOException | IllegalArgumentException e) {
            throw new RecordsException("cannot open the audit log " + file + ": " + e.getMessage()
                    + ". Run 'ceremony audit verify' on it", e);
        }
    }

    /**
     * The end of a log: its last complete line, where the complete lines end, and the bytes of a
     * torn line after them. Read from the end in growing windows, never the whole log.
     */
    private record Tail(String lastLine, long end, byte[] torn) {

        static Tail read(Path file) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = channel.size();
                for (long window = 64 * 1024; ; window *= 2) {
                    long from = Math.max(0, size - window);
                    ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size - from));
                    while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) >= 0) {
                        // read the window
                    }
                    byte[] bytes = buffer.array();
                    int end = bytes.length;
                    while (end > 0 && bytes[end - 1] != '\n') {
                        end--;
                    }
                    int start = end - 1;
                    while (start > 0 && bytes[start - 1] != '\n') {
                        start--;
                    }
                    boolean whole = end > 0 && (start > 0 || from == 0);
                    if (whole || from == 0) {
                        byte[] torn = java.util.Arrays.copyOfRange(bytes, Math.max(end, 0), bytes.length);
                        String line = end > 0 ? new String(bytes, start, end - 1 - start, StandardCharsets.UTF_8) : null;
                        return new Tail(line, from + end, torn);
                    }
                }
            }
        }
    }

    /**
     * Keeps a second copy of the log at {@code copy} (another medium), brought up to date and
     * synced at every sync and seal. A copy that is a prefix of the log (it lagged behind a crash)
     * is completed; a copy that differs is refused, because one of the two was changed.
     */
    public synchronized AuditLogFile mirrorTo(Path copy) {
        try {
            sync();
            try (InputStream ours = Files.newInputStream(file);
                    InputStream theirs = Files.exists(copy) ? Files.newInputStream(copy) : InputStream.nullInputStream()) {
                if (!LogComparison.of(new BufferedInputStream(ours), new BufferedInputStream(theirs)).isPrefix()) {
                    throw new RecordsException("the audit log mirror " + copy + " differs from " + file + " (it is not "
                            + "a copy of its beginning): one of them was changed. Run 'ceremony audit verify' on both");
                }
            }
            FileChannel mirrorChannel = FileChannel.open(copy, java.util.Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE), OwnerOnly.FILE);
            mirror = new Mirror(copy, mirrorChannel, mirrorChannel.size());
            sync();
            DurableFiles.syncDirectory(copy.toAbsolutePath().getParent());
            return this;
        } catch (IOException e) {
            throw new RecordsException("cannot mirror the audit log to " + copy + ": " + e.getMessage(), e);
        }
    }

    /** The second copy and how much of the log it already holds. */
    private static final class Mirror {
        private final Path file;
        private final FileChannel channel;
        private long length;

        Mirror(Path file, FileChannel channel, long length) {
            this.file = file;
            this.channel = channel;
            this.length = length;
        }
    }

    private void syncMirror() throws IOException {
        if (mirror == null) {
            return;
        }
        long size = channel.size();
        // What the copy lacks is copied file to file, not through the heap.
        mirror.channel.position(mirror.length);
        while (mirror.length < size) {
            mirror.length += channel.transferTo(mirror.length, size - mirror.length, mirror.channel);
        }
        mirror.channel.force(false);
    }

    /** Appends a record of the current ceremony; durable at the next sync or seal. */
    @Override
    public synchronized AuditEntry append(String type, Map<String, Object> data) {
        return write(chain.next(type, data));
    }

    @Override
    public synchronized AuditEntry startCeremony(String ceremony, Map<String, Object> data) {
        return write(chain.startCeremony(ceremony, data));
    }

    @Override
    public synchronized AuditEntry seal(SealSigner signer) {
        AuditEntry seal = write(chain.seal(signer));
        sync();
        return seal;
    }

    /** Makes every record written so far durable. */
    @Override
    public synchronized void sync() {
        try {
            flush();
            channel.force(false);
            syncMirror();
        } catch (IOException e) {
            throw new RecordsException("cannot sync the audit log " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized String head() {
        return chain.head();
    }

    /**
     * Adds a record to the ones waiting to be written: they reach the file together at the next
     * sync or seal (or when a megabyte waits), one write for many records. A record is durable only
     * after a sync either way; the records a ceremony depends on after a crash are synced at once.
     */
    private AuditEntry write(AuditEntry entry) {
        pending.writeBytes((entry.line() + "\n").getBytes(StandardCharsets.UTF_8));
        if (pending.size() >= MAX_PENDING) {
            flush();
        }
        return entry;
    }

    private void flush() {
        if (pending.size() == 0) {
            return;
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(pending.toByteArray());
            long position = channel.size();
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            pending.reset();
        } catch (IOException e) {
            throw new RecordsException("cannot write the audit log " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            flush();
            channel.force(false);
            syncMirror();
            if (mirror != null) {
                mirror.channel.close();
            }
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new RecordsException("cannot close the audit log " + file + ": " + e.getMessage(), e);
        }
    }
}
