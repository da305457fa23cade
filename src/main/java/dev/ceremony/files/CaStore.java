package dev.ceremony.files;

import dev.ceremony.config.ApplianceConfig;
import dev.ceremony.engine.Workspace;
import dev.ceremony.records.AuditedCaRecords;
import dev.ceremony.records.CaRecords;
import dev.ceremony.records.MirroredCaRecords;
import dev.ceremony.records.RecordsException;
import dev.ceremony.records.RecordsReconciler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens what a ceremony writes to: the audit log (with its mirror) and the CA records (with
 * theirs), each copy of the records first brought level with the log. What was repaired is
 * reported, so that the ceremony can show it and log it.
 */
public final class CaStore implements Workspace {

    private final AuditLogFile log;
    private final AuditedCaRecords records;
    private final List<String> repairs;

    private CaStore(AuditLogFile log, AuditedCaRecords records, List<String> repairs) {
        this.log = log;
        this.records = records;
        this.repairs = List.copyOf(repairs);
    }

    /** Opens an existing log (its first ceremony creates it) and the records, repairing them from the log. */
    public static CaStore open(ApplianceConfig config, Clock clock) {
        if (!Files.exists(config.auditLog())) {
            throw new RecordsException("there is no audit log at " + config.auditLog() + "; the root ceremony starts it");
        }
        AuditLogFile log = AuditLogFile.open(config.auditLog(), clock);
        List<CaRecords> opened = new ArrayList<>();
        try {
            config.mirrorAuditLog().ifPresent(copy -> {
                try {
                    OwnerOnly.createDirectories(copy.getParent());
                } catch (IOException e) {
                    throw new RecordsException("cannot create the mirror " + copy.getParent() + ": " + e.getMessage(), e);
                }
                log.mirrorTo(copy);
            });
            List<String> repairs = new ArrayList<>();
            JournalCaRecords primary = JournalCaRecords.open(config.recordsDirectory());
            opened.add(primary);
            try (InputStream in = Files.newInputStream(config.auditLog())) {
                repairs.addAll(RecordsReconciler.reconcile(in, primary));
            }
            CaRecords records = primary;
            if (config.mirrorDirectory().isPresent()) {
                JournalCaRecords mirror = JournalCaRecords.open(config.mirrorDirectory().get());
                opened.add(mirror);
                try (InputStream in = Files.newInputStream(config.auditLog())) {
                    RecordsReconciler.reconcile(in, mirror).forEach(repair -> repairs.add("mirror: " + repair));
                }
                records = new MirroredCaRecords(primary, mirror);
            }
            return new CaStore(log, new AuditedCaRecords(records, log), repairs);
        } catch (IOException | RuntimeException e) {
            opened.forEach(CaRecords::close);
            log.close();
            if (e instanceof RecordsException records) {
                throw records;
            }
            throw new RecordsException("cannot open the CA store: " + e.getMessage(), e);
        }
    }

    @Override
    public AuditLogFile log() {
        return log;
    }

    /** The records, every change logged first. */
    @Override
    public AuditedCaRecords records() {
        return records;
    }

    /** What opening repaired from the log (empty after a clean shutdown). */
    @Override
    public List<String> repairs() {
        return repairs;
    }

    @Override
    public void close() {
        try {
            records.close();
        } finally {
            log.close();
        }
    }
}
