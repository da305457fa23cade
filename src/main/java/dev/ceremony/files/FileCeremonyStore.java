package dev.ceremony.files;

import dev.ceremony.config.ApplianceConfig;
import dev.ceremony.engine.CaCertificates;
import dev.ceremony.engine.CeremonyStore;
import dev.ceremony.engine.Workspace;
import dev.ceremony.media.FileNames;
import dev.ceremony.records.RecordsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The appliance's memory on disk, under the configured records directory: the audit log (with
 * its mirror), the records, {@code quarantine/} for imports and {@code transcripts/}.
 */
public final class FileCeremonyStore implements CeremonyStore {

    private final ApplianceConfig config;
    private final Clock clock;

    public FileCeremonyStore(ApplianceConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<java.io.InputStream> openLog() {
        if (!Files.exists(config.auditLog())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.newInputStream(config.auditLog()));
        } catch (IOException e) {
            throw new RecordsException("cannot read the audit log " + config.auditLog() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Workspace create(String ceremony, byte[] auditKeyInfo, Map<String, Object> data) {
        try {
            OwnerOnly.createDirectories(config.auditLog().toAbsolutePath().getParent());
            OwnerOnly.createDirectories(config.recordsDirectory());
        } catch (IOException e) {
            throw new RecordsException("cannot create " + config.recordsDirectory() + ": " + e.getMessage(), e);
        }
        AuditLogFile.create(config.auditLog(), clock, ceremony, auditKeyInfo, data).close();
        return CaStore.open(config, clock);
    }

    @Override
    public CaCertificates caCertificates() {
        if (!Files.isDirectory(config.recordsDirectory().resolve("ca"))) {
            return CaCertificates.none();
        }
        RecordFiles files = new RecordFiles(config.recordsDirectory());
        return CaCertificates.collect(files.caCertificateNames(), files::caCertificate);
    }

    @Override
    public Workspace open() {
        return CaStore.open(config, clock);
    }

    @Override
    public Path quarantine() {
        return config.recordsDirectory().resolve("quarantine");
    }

    @Override
    public Optional<String> removeIncompleteImport(Path folder) {
        if (!folder.toAbsolutePath().normalize().getParent().equals(quarantine().toAbsolutePath().normalize())) {
            return Optional.of("it is not a folder of the quarantine " + quarantine());
        }
        return UnfinishedFolder.remove(folder);
    }

    @Override
    public Path writeTranscript(String ceremony, String text) {
        Path folder = config.recordsDirectory().resolve("transcripts");
        String stem = FileNames.isSafe(ceremony + ".txt") ? ceremony : "ceremony";
        try {
            OwnerOnly.createDirectories(folder);
            Path file = folder.resolve(stem + ".txt");
            for (int attempt = 2; Files.exists(file); attempt++) {
                file = folder.resolve(stem + "-" + attempt + ".txt");
            }
            DurableFiles.createNew(file, text.getBytes(StandardCharsets.UTF_8));
            DurableFiles.syncDirectory(folder);
            return file;
        } catch (IOException e) {
            throw new RecordsException("cannot write the transcript into " + folder + ": " + e.getMessage(), e);
        }
    }

    /** A console log is a few lines a day; more than this is not one. */
    private static final long MAX_CONSOLE_LOG_BYTES = 1 << 20;

    @Override
    public java.util.List<String> takeConsoleDrops(String ceremony) {
        Path log = config.recordsDirectory().resolve("console-drops.log");
        if (!Files.isRegularFile(log, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return java.util.List.of();
        }
        try {
            if (Files.size(log) > MAX_CONSOLE_LOG_BYTES) {
                throw new RecordsException(log + " is larger than " + MAX_CONSOLE_LOG_BYTES + " bytes; it is not the "
                        + "console log the live image writes. Look at it, then move it out of the records directory");
            }
            java.util.List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank()).map(dev.ceremony.text.Printable::escape).toList();
            Path folder = config.recordsDirectory().resolve("console-drops");
            OwnerOnly.createDirectories(folder);
            String stem = FileNames.isSafe(ceremony + ".log") ? ceremony : "ceremony";
            Path kept = folder.resolve(stem + ".log");
            for (int attempt = 2; Files.exists(kept); attempt++) {
                kept = folder.resolve(stem + "-" + attempt + ".log");
            }
            Files.move(log, kept, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            DurableFiles.syncDirectory(folder);
            DurableFiles.syncDirectory(config.recordsDirectory());
            return lines;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new RecordsException("cannot take over the console log " + log + ": " + e.getMessage(), e);
        }
    }
}
