package dev.ceremony.engine;

import dev.ceremony.audit.AuditEntry;
import dev.ceremony.audit.AuditTypes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the audit log says about the ceremonies so far: the last one, whether it ended, which of
 * its steps completed, which key generations it began. A torn final line (a crash mid-write) is
 * left out; the log file removes it when it is opened.
 */
final class LogState {

    private final List<AuditEntry> entries;

    private LogState(List<AuditEntry> entries) {
        this.entries = Collections.unmodifiableList(entries);
    }

    static LogState of(Optional<byte[]> log) {
        List<AuditEntry> entries = new ArrayList<>();
        if (log.isPresent()) {
            String text = new String(log.get(), StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            if (end > 0) {
                for (String line : text.substring(0, end).split("\n", -1)) {
                    try {
                        entries.add(AuditEntry.parse(line));
                    } catch (IllegalArgumentException e) {
                        throw new StepRefused("the audit log has a record that cannot be read (" + e.getMessage()
                                + "); run 'ceremony audit verify' on it before any ceremony", e);
                    }
                }
            }
        }
        return new LogState(entries);
    }

    boolean exists() {
        return !entries.isEmpty();
    }

    List<AuditEntry> entries() {
        return entries;
    }

    /** The records of one ceremony, in order. */
    List<AuditEntry> of(String ceremony) {
        return entries.stream().filter(entry -> entry.ceremony().equals(ceremony)).toList();
    }

    Optional<Instant> lastTime() {
        return entries.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(entries.get(entries.size() - 1).time()));
    }

    /** The audit key's SHA-256, from the log's first record. */
    Optional<String> auditKeySha256() {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(0).dataText("audit-key-sha256"));
    }

    /** The serial of the token the last ceremony used, once one is recorded. */
    Optional<String> tokenSerial() {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).type().equals(AuditTypes.TOKEN)) {
                return Optional.of(entries.get(i).dataText("serial"));
            }
        }
        return Optional.empty();
    }

    /** The last ceremony, when it has not ended (a crash, a power loss, or a stop on an error). */
    Optional<Unfinished> unfinished() {
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        String ceremony = entries.get(entries.size() - 1).ceremony();
        List<AuditEntry> records = of(ceremony);
        if (records.stream().anyMatch(entry -> entry.type().equals(AuditTypes.CEREMONY_END))) {
            return Optional.empty();
        }
        AuditEntry start = records.get(0);
        if (!start.data().containsKey("plan-sha256")) {
            return Optional.empty();
        }
        Set<String> completed = new LinkedHashSet<>();
        for (AuditEntry entry : records) {
            if (entry.type().equals(AuditTypes.STEP) && "completed".equals(entry.data().get("outcome"))) {
                completed.add(entry.dataText("step"));
            }
        }
        return Optional.of(new Unfinished(ceremony, start.dataText("script"), start.dataText("plan-sha256"), completed));
    }

    /** Labels whose generation began in {@code ceremony} and was never recorded as done. */
    Set<String> interruptedGenerations(String ceremony) {
        Set<String> labels = new LinkedHashSet<>();
        for (AuditEntry entry : of(ceremony)) {
            if (entry.type().equals(AuditTypes.KEY_GENERATION_STARTED)) {
                labels.add(entry.dataText("label"));
            } else if (entry.type().equals(AuditTypes.KEY_GENERATED)) {
                labels.remove(entry.dataText("label"));
            }
        }
        return labels;
    }

    /** The public-key SHA-256 a ceremony recorded for the key it generated (or reused) under {@code label}. */
    Optional<String> recordedKey(String ceremony, String label) {
        for (AuditEntry entry : of(ceremony)) {
            if ((entry.type().equals(AuditTypes.KEY_GENERATED) || entry.type().equals(AuditTypes.KEY_REUSED))
                    && label.equals(entry.data().get("label"))) {
                return Optional.of(entry.dataText("public-key-sha256"));
            }
        }
        return Optional.empty();
    }

    /** A ceremony that did not end. */
    record Unfinished(String ceremony, String script, String planSha256, Set<String> completedSteps) {
        Unfinished {
            completedSteps = Set.copyOf(completedSteps);
        }
    }
}
