package dev.ceremony.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The steps of a ceremony as its records tell them: each attempt at a step, from its start to what
 * ended it (completed; refused or failed, recorded; aborted; or interrupted: begun and never ended,
 * because the process was killed), with what was shown, who confirmed it and, for an attempt that did
 * not complete, what it recorded before it stopped; the resumes between attempts; the participants
 * once each; and, for an aborted ceremony, after which step and by whom. A log without start records
 * (older logs) gives one completed attempt per step record.
 */
final class TranscriptSteps {

    /** How an attempt at a step ended. */
    enum End {
        COMPLETED, REFUSED, FAILED, ABORTED, INTERRUPTED
    }

    /** One attempt at a step. */
    static final class Attempt {
        final String step;
        final Optional<AuditEntry> started;
        AuditEntry ended;
        End end = End.INTERRUPTED;
        AuditEntry facts;
        final List<AuditEntry> confirmations = new ArrayList<>();
        long certificates;
        long keys;

        Attempt(String step, Optional<AuditEntry> started) {
            this.step = step;
            this.started = started;
        }

        /** The action, from the start record or the record that ended it. */
        String action() {
            Object action = started.map(e -> e.data().get("action")).orElse(ended == null ? null
                    : ended.data().get("action"));
            return action == null ? "(missing)" : String.valueOf(action);
        }
    }

    /**
     * A resume: its record, and the steps completed before it that were not done again (in the order
     * they were done; a step done again, such as the preflight, appears as an attempt of its own).
     */
    record Resume(AuditEntry entry, List<String> notDoneAgain) {
    }

    /** The section's entries in order: attempts, and the resumes between them. */
    private final List<Object> entries = new ArrayList<>();
    private final Map<String, AuditEntry> participants = new LinkedHashMap<>();
    private final Map<String, Boolean> joinedLate = new HashMap<>();
    private Optional<AuditEntry> abort = Optional.empty();
    private Optional<Attempt> abortedAfter = Optional.empty();
    private final List<AuditEntry> abortedBy = new ArrayList<>();

    TranscriptSteps(List<AuditEntry> records) {
        List<Attempt> attempts = new ArrayList<>();
        Map<String, List<AuditEntry>> pending = new HashMap<>();
        Attempt open = null;
        boolean begun = false;
        // Participants recorded since the last step activity: at a run's start, so also the abort's own run.
        List<AuditEntry> sinceActivity = new ArrayList<>();
        for (AuditEntry entry : records) {
            String step = entry.data().get("step") == null ? null : String.valueOf(entry.data().get("step"));
            switch (entry.type()) {
                case AuditTypes.STEP_STARTED -> {
                    open = new Attempt(step, Optional.of(entry));
                    attempts.add(open);
                    entries.add(open);
                    takePending(open, pending);
                    begun = true;
                    sinceActivity.clear();
                }
                case AuditTypes.STEP -> {
                    Attempt done = open != null && Objects.equals(open.step, step) ? open : null;
                    if (done == null) {
                        done = new Attempt(step, Optional.empty());
                        attempts.add(done);
                        entries.add(done);
                        takePending(done, pending);
                    }
                    done.ended = entry;
                    done.end = End.COMPLETED;
                    open = null;
                    begun = true;
                    sinceActivity.clear();
                }
                case AuditTypes.CONFIRMATION, AuditTypes.FACTS_SHOWN -> {
                    Attempt target = open != null && Objects.equals(open.step, step) ? open : last(attempts, step);
                    if (target == null) {
                        pending.computeIfAbsent(step, s -> new ArrayList<>()).add(entry);
                    } else {
                        attach(target, entry);
                    }
                    sinceActivity.clear();
                }
                case AuditTypes.REFUSAL, AuditTypes.ERROR -> {
                    if (open != null && Objects.equals(open.step, step) && !entry.data().containsKey("source")) {
                        open.ended = entry;
                        open.end = entry.type().equals(AuditTypes.REFUSAL) ? End.REFUSED : End.FAILED;
                        open = null;
                    }
                }
                case AuditTypes.ABORT -> {
                    abort = Optional.of(entry);
                    abortedBy.addAll(sinceActivity);
                    if (open != null && sinceActivity.isEmpty()) {
                        open.ended = entry;
                        open.end = End.ABORTED;
                    }
                    abortedAfter = Optional.ofNullable(open != null ? open
                            : attempts.isEmpty() ? null : attempts.get(attempts.size() - 1));
                    open = null;
                }
                case AuditTypes.CEREMONY_RESUMED -> {
                    open = null;
                    entries.add(new Resume(entry, new ArrayList<>()));
                }
                case AuditTypes.PARTICIPANT -> {
                    // Participants are recorded when a run starts: an attempt still open was interrupted.
                    open = null;
                    sinceActivity.add(entry);
                    String key = entry.data().get("role") + "\u0000" + entry.data().get("name");
                    if (!participants.containsKey(key)) {
                        participants.put(key, entry);
                        joinedLate.put(key, begun);
                    }
                }
                case AuditTypes.CERTIFICATE_ISSUED -> {
                    if (open != null) {
                        open.certificates++;
                    }
                }
                case AuditTypes.KEY_GENERATED -> {
                    if (open != null) {
                        open.keys++;
                    }
                }
                default -> {
                }
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) instanceof Resume resume
                    && resume.entry.data().get("completed-steps") instanceof List<?> completed) {
                List<Object> before = entries.subList(0, i);
                List<Object> after = entries.subList(i + 1, entries.size());
                before.stream().filter(e -> e instanceof Attempt a && completed.contains(a.step)
                        && after.stream().noneMatch(later -> later instanceof Attempt b
                                && Objects.equals(a.step, b.step))).map(e -> ((Attempt) e).step).distinct()
                        .forEach(resume.notDoneAgain::add);
            }
        }
    }

    private static void takePending(Attempt attempt, Map<String, List<AuditEntry>> pending) {
        List<AuditEntry> waiting = pending.remove(attempt.step);
        if (waiting != null) {
            waiting.forEach(entry -> attach(attempt, entry));
        }
    }

    private static void attach(Attempt attempt, AuditEntry entry) {
        if (entry.type().equals(AuditTypes.FACTS_SHOWN)) {
            attempt.facts = entry;
        } else {
            attempt.confirmations.add(entry);
        }
    }

    private static Attempt last(List<Attempt> attempts, String step) {
        for (int i = attempts.size() - 1; i >= 0; i--) {
            if (Objects.equals(attempts.get(i).step, step)) {
                return attempts.get(i);
            }
        }
        return null;
    }

    /** Attempts and resumes, in log order. */
    List<Object> entries() {
        return entries;
    }

    /** Each participant (role and name) once, by their first record. */
    List<AuditEntry> participants() {
        return List.copyOf(participants.values());
    }

    /** Whether {@code participant} was first recorded after the ceremony's first step began (a resume, an abort). */
    boolean joinedLate(AuditEntry participant) {
        return joinedLate.getOrDefault(participant.data().get("role") + "\u0000" + participant.data().get("name"),
                false);
    }

    Optional<AuditEntry> abort() {
        return abort;
    }

    /** The last step begun before the abort, and how it ended. */
    Optional<Attempt> abortedAfter() {
        return abortedAfter;
    }

    /**
     * Who aborted: as the abort record names them, else the participants the abort's own run
     * recorded (an abort of an interrupted ceremony by an older build); empty for an abort during a
     * step, whose reason says who declined.
     */
    List<String> abortedBy() {
        List<String> by = new ArrayList<>();
        if (abort.isPresent() && abort.get().data().get("by") instanceof List<?> named) {
            named.forEach(name -> by.add(String.valueOf(name)));
            return by;
        }
        abortedBy.forEach(p -> by.add(p.data().get("role") + " " + p.data().get("name")));
        return by.stream().distinct().toList();
    }

    /**
     * When the ceremony was aborted, as its records show it (not as an abort record's step says: an
     * older build named the script's first step): "during step sign", "after step sign (begun, not
     * completed)", "after step review (completed)"; empty when it was not aborted or no step began.
     */
    Optional<String> abortedWhen() {
        if (abort.isEmpty() || abortedAfter.isEmpty()) {
            return Optional.empty();
        }
        Attempt attempt = abortedAfter.get();
        String step = dev.ceremony.text.Printable.escape(String.valueOf(attempt.step));
        return Optional.of(attempt.end == End.ABORTED ? "during step " + step
                : "after step " + step + " (" + ending(attempt) + ")");
    }

    /** How an attempt ended, for a person: "begun, not completed" and the like. */
    static String ending(Attempt attempt) {
        return switch (attempt.end) {
            case COMPLETED -> "completed";
            case REFUSED -> "refused";
            case FAILED -> "failed";
            case ABORTED -> "aborted while it ran";
            case INTERRUPTED -> "begun, not completed";
        };
    }
}
