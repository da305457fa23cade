package dev.ceremony.engine;

import dev.ceremony.audit.AuditEntry;
import dev.ceremony.audit.AuditTypes;
import dev.ceremony.quorum.CustodianQuorum;
import dev.ceremony.quorum.PinRole;
import dev.ceremony.quorum.QuorumLog;
import dev.ceremony.audit.LogLines;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
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

    /** What a resumed ceremony needs of the interrupted one's records. */
    static final Set<String> RESUME = Set.of(AuditTypes.STEP, AuditTypes.KEY_GENERATION_STARTED,
            AuditTypes.KEY_GENERATED, AuditTypes.KEY_REUSED, AuditTypes.CERTIFICATE_REVOKED, AuditTypes.REQUEST_LEFT_OUT,
            AuditTypes.CEREMONY_END);

    /** The log's first record (the audit key), or null for no log. */
    private final String first;
    /** The last {@code token} record of any ceremony, or null. */
    private final String lastToken;
    /** Every ceremony id in the log. */
    private final Set<String> ceremonies;
    /** The last ceremony's id, and its records' lines (a ceremony's records are contiguous). */
    private final String lastCeremony;
    private final List<String> lastLines;
    /** The record types of the last ceremony that were kept. */
    private final Set<String> keep;
    /** Every quorum-set and pin-changed record of the log, in order: a few lines in a CA's life. */
    private final List<String> quorumLines;
    /** What follows the last seal. */
    private final UnsealedTail tail;
    /** The last seal's line, or null. */
    private final String lastSeal;

    private LogState(String first, String lastToken, Set<String> ceremonies, String lastCeremony,
            List<String> lastLines, Set<String> keep, List<String> quorumLines, UnsealedTail tail, String lastSeal) {
        this.quorumLines = List.copyOf(quorumLines);
        this.tail = tail;
        this.lastSeal = lastSeal;
        this.first = first;
        this.lastToken = lastToken;
        this.ceremonies = Set.copyOf(ceremonies);
        this.lastCeremony = lastCeremony;
        this.lastLines = List.copyOf(lastLines);
        this.keep = Set.copyOf(keep);
    }

    /**
     * Reads what a ceremony needs to know from the log in one pass over the stream: the first
     * record, the ceremony ids, the last token record, of the last ceremony its first and last
     * record and those of the {@code keep} types, and what follows the last seal. A log of years of batches is never held whole,
     * nor a big ceremony's records.
     */
    static LogState read(Optional<InputStream> log, Set<String> keep) {
        if (log.isEmpty()) {
            return new LogState(null, null, Set.of(), null, List.of(), keep, List.of(), UnsealedTail.none(), null);
        }
        Set<String> ids = new HashSet<>();
        String[] first = {null};
        String[] token = {null};
        String[] ceremony = {null};
        String[] lastLine = {null};
        String[] lastSeal = {null};
        List<String> kept = new ArrayList<>();
        List<String> quorums = new ArrayList<>();
        UnsealedTail.Scan scan = new UnsealedTail.Scan();
        try (InputStream in = log.get()) {
            LogLines.read(in, (bytes, from, to) -> {
                String type = String.valueOf(AuditEntry.typeOf(bytes, from, to));
                scan.next(type, AuditEntry.ceremonyOf(bytes, from, to));
                boolean starts = first[0] == null || type.equals(AuditTypes.CEREMONY_START);
                String line = null;
                if (starts) {
                    line = text(bytes, from, to);
                    String id = parse(line).ceremony();
                    ids.add(id);
                    ceremony[0] = id;
                    kept.clear();
                    if (first[0] == null) {
                        first[0] = line;
                    }
                }
                if (type.equals(AuditTypes.SEAL)) {
                    lastSeal[0] = text(bytes, from, to);
                }
                if (type.equals(AuditTypes.TOKEN)) {
                    line = line != null ? line : text(bytes, from, to);
                    token[0] = line;
                }
                if (QuorumLog.wanted(type)) {
                    line = line != null ? line : text(bytes, from, to);
                    quorums.add(line);
                }
                boolean wanted = starts || keep.contains(type);
                if (wanted) {
                    kept.add(line != null ? line : text(bytes, from, to));
                    lastLine[0] = null;
                } else {
                    lastLine[0] = text(bytes, from, to);
                }
            });
        } catch (java.io.IOException e) {
            throw new StepRefused("cannot read the audit log: " + e.getMessage(), e);
        }
        if (first[0] == null) {
            return new LogState(null, null, Set.of(), null, List.of(), keep, List.of(), UnsealedTail.none(), null);
        }
        if (lastLine[0] != null) {
            kept.add(lastLine[0]);
        }
        return new LogState(first[0], token[0], ids, ceremony[0], kept, keep, quorums, scan.tail(), lastSeal[0]);
    }

    /**
     * Hands each record of {@code ceremony} whose type is one of {@code types} to {@code visitor},
     * in log order, parsing only those lines: a ceremony of 100,000 requests is read one record at
     * a time. The visitor may append to the log; the stream reads on to its end.
     */
    static void visit(Optional<InputStream> log, String ceremony, Set<String> types,
            java.util.function.Consumer<AuditEntry> visitor) {
        if (log.isEmpty()) {
            return;
        }
        try (InputStream in = log.get()) {
            LogLines.read(in, (bytes, from, to) -> {
                if (types.contains(String.valueOf(AuditEntry.typeOf(bytes, from, to)))
                        && ceremony.equals(AuditEntry.ceremonyOf(bytes, from, to))) {
                    AuditEntry entry = parse(text(bytes, from, to));
                    if (entry.ceremony().equals(ceremony) && types.contains(entry.type())) {
                        visitor.accept(entry);
                    }
                }
            });
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            throw new StepRefused("cannot read the audit log: " + e.getMessage(), e);
        }
    }

    private static String text(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
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
        return first != null;
    }

    /** The records after the last seal, which the next seal vouches for. */
    UnsealedTail unsealedTail() {
        return tail;
    }

    /**
     * Refuses to continue the log past a record no run writes where it stands, or past a last seal
     * whose signature does not verify with the log's audit key (a forged seal would make forged
     * records before it look sealed). Nothing has been written.
     */
    void requireContinuable(dev.ceremony.audit.AuditVerifier verifier) {
        tail.refuseForeign();
        if (lastSeal != null) {
            verifier.sealProblem(first, lastSeal).ifPresent(problem -> {
                throw new StepRefused("the audit log's last seal (line " + tail.lastSealedLine() + ") does not "
                        + "verify: " + problem + ". Nothing was written. Run 'ceremony audit verify' on the log. "
                        + UnsealedTail.WHAT_NEXT);
            });
        }
    }

        /** Whether the log holds a ceremony of this id. */
    boolean has(String ceremony) {
        return ceremonies.contains(ceremony);
    }

    /**
     * The records of the log's last ceremony (the one running, or the one that did not end) whose
     * type was asked for when the log was read, with its first and last record; of an earlier
     * ceremony, none.
     */
    List<AuditEntry> of(String ceremony) {
        List<AuditEntry> entries = new ArrayList<>();
        if (!ceremony.equals(lastCeremony)) {
            return entries;
        }
        for (int i = 0; i < lastLines.size(); i++) {
            AuditEntry entry = parse(lastLines.get(i));
            // The type was found as text when the log was read; here it is checked as a field.
            if (i == 0 || i == lastLines.size() - 1 || keep.contains(entry.type())) {
                entries.add(entry);
            }
        }
        return entries;
    }

    Optional<Instant> lastTime() {
        return lastLines.isEmpty() ? Optional.empty()
                : Optional.of(Instant.parse(parse(lastLines.get(lastLines.size() - 1)).time()));
    }

    /** The audit key's SHA-256, from the log's first record. */
    Optional<String> auditKeySha256() {
        return first == null ? Optional.empty() : Optional.of(parse(first).dataText("audit-key-sha256"));
    }

    /** The serial of the token the last ceremony used, once one is recorded. */
    Optional<String> tokenSerial() {
        return lastToken == null ? Optional.empty() : Optional.of(parse(lastToken).dataText("serial"));
    }

    /** The last ceremony, when it has not ended (a crash, a power loss, or a stop on an error). */
    Optional<Unfinished> unfinished() {
        if (lastCeremony == null) {
            return Optional.empty();
        }
        String ceremony = lastCeremony;
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
        return Optional.of(new Unfinished(ceremony, start, completed));
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

    /**
     * The quorums that may guard {@code role}'s PIN: the one the token took, then a newer one set
     * but never recorded as taken. Empty when no quorum guards the PIN: it is typed.
     */
    List<CustodianQuorum> quorums(PinRole role) {
        QuorumLog quorums = new QuorumLog();
        try {
            quorumLines.forEach(line -> quorums.add(parse(line)));
        } catch (dev.ceremony.quorum.QuorumException e) {
            throw new StepRefused(e.getMessage(), e);
        }
        return quorums.candidates(role);
    }

    /**
     * A ceremony that did not end.
     *
     * @param start its first record, read as {@link StartedPlan} only when a resume needs it (an
     *     abort does not)
     */
    record Unfinished(String ceremony, AuditEntry start, Set<String> completedSteps) {
        Unfinished {
            completedSteps = Set.copyOf(completedSteps);
        }

        /** The script the ceremony was started with. */
        String script() {
            return start.dataText("script");
        }

        /** What it was started with, which a resume is held to. */
        StartedPlan started() {
            return StartedPlan.of(start);
        }
    }
}
