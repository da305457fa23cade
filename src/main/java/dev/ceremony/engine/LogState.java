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

    /** The log's complete lines; each is parsed only when a question needs it. */
    private final List<String> lines;

    private LogState(List<String> lines) {
        this.lines = Collections.unmodifiableList(lines);
    }

    static LogState of(Optional<byte[]> log) {
        List<String> lines = new ArrayList<>();
        if (log.isPresent()) {
            String text = new String(log.get(), StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            if (end > 0) {
                lines.addAll(List.of(text.substring(0, end).split("\n", -1)));
            }
        }
        return new LogState(lines);
    }

    private static AuditEntry parse(String line) {
        try {
            return AuditEntry.parse(line);
        } catch (IllegalArgumentException e) {
            throw new StepRefused("the audit log has a record that cannot be read (" + e.getMessage()
                    + "); run 'ceremony audit verify' on it before any ceremony", e);
        }
    }

    boolean exists() {
        return !lines.isEmpty();
    }

    /**
     * The records of one ceremony, in order. Canonical JSON writes the ceremony as
     * {@code "ceremony":"<id>"}, so only lines holding that text are parsed (and checked).
     */
    List<AuditEntry> of(String ceremony) {
        String marker = "\"ceremony\":\"" + ceremony + "\"";
        List<AuditEntry> entries = new ArrayList<>();
        for (String line : lines) {
            if (line.contains(marker)) {
                AuditEntry entry = parse(line);
                if (entry.ceremony().equals(ceremony)) {
                    entries.add(entry);
                }
            }
        }
        return entries;
    }

    /**
     * The records of one ceremony whose type is one of {@code types}, and always its first and
     * last record; lines of other types are not parsed (a batch ceremony has many thousands).
     */
    List<AuditEntry> of(String ceremony, Set<String> types) {
        String marker = "\"ceremony\":\"" + ceremony + "\"";
        List<String> typeMarkers = types.stream().map(type -> "\"type\":\"" + type + "\"").toList();
        List<AuditEntry> entries = new ArrayList<>();
        String last = null;
        boolean lastKept = false;
        for (String line : lines) {
            if (!line.contains(marker)) {
                continue;
            }
            boolean wanted = entries.isEmpty() || typeMarkers.stream().anyMatch(line::contains);
            if (wanted) {
                AuditEntry entry = parse(line);
                if (entry.ceremony().equals(ceremony) && (entries.isEmpty() || types.contains(entry.type()))) {
                    entries.add(entry);
                }
            }
            last = line;
            lastKept = wanted;
        }
        if (last != null && !lastKept) {
            entries.add(parse(last));
        }
        return entries;
    }

    Optional<Instant> lastTime() {
        return lines.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(parse(lines.get(lines.size() - 1)).time()));
    }

    /** The audit key's SHA-256, from the log's first record. */
    Optional<String> auditKeySha256() {
        return lines.isEmpty() ? Optional.empty() : Optional.of(parse(lines.get(0)).dataText("audit-key-sha256"));
    }

    /** The serial of the token the last ceremony used, once one is recorded. */
    Optional<String> tokenSerial() {
        String marker = "\"type\":\"" + AuditTypes.TOKEN + "\"";
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(marker)) {
                AuditEntry entry = parse(lines.get(i));
                if (entry.type().equals(AuditTypes.TOKEN)) {
                    return Optional.of(entry.dataText("serial"));
                }
            }
        }
        return Optional.empty();
    }

    /** The last ceremony, when it has not ended (a crash, a power loss, or a stop on an error). */
    Optional<Unfinished> unfinished() {
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        String ceremony = parse(lines.get(lines.size() - 1)).ceremony();
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
