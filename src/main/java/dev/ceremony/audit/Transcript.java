package dev.ceremony.audit;

import dev.ceremony.text.Facts;
import dev.ceremony.text.Printable;
import dev.ceremony.text.Wrap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The printable transcript of one ceremony, made from its audit records: plain text of at most 80
 * columns that the participants read, compare aloud and sign on paper.
 */
public final class Transcript {

    /** Widest line of a transcript. */
    public static final int WIDTH = 80;

    private static final String INDENT = "    ";

    /** The record types a transcript shows; it also needs the ceremony's first and last record. */
    public static final java.util.Set<String> TYPES = java.util.Set.of(AuditTypes.PARTICIPANT, AuditTypes.CONFIRMATION,
            AuditTypes.STEP, AuditTypes.KEY_GENERATED, AuditTypes.FINGERPRINT, AuditTypes.NOTE, AuditTypes.CEREMONY_END,
            AuditTypes.REFUSAL, AuditTypes.ERROR, AuditTypes.ABORT, AuditTypes.DEVIATION, AuditTypes.SHARE_HANDED_OUT,
            AuditTypes.QUORUM_LOGIN, AuditTypes.PIN_CHANGED, AuditTypes.REQUEST_REVIEWED, AuditTypes.REQUEST_LEFT_OUT,
            AuditTypes.CERTIFICATE_ISSUED, AuditTypes.FACTS_SHOWN, AuditTypes.STEP_STARTED, AuditTypes.CEREMONY_RESUMED,
            AuditTypes.KEY_DESTROYED, AuditTypes.INCOMPLETE_FOLDER);

    private final List<String> lines = new ArrayList<>();

    private Transcript() {
    }

    /** Renders the records of {@code ceremony} from a whole log (in order). */
    public static String render(List<AuditEntry> log, String ceremony) {
        List<AuditEntry> records = log.stream().filter(e -> e.ceremony().equals(ceremony)).toList();
        if (records.isEmpty()) {
            throw new IllegalArgumentException("the log holds no records of ceremony " + ceremony);
        }
        Transcript transcript = new Transcript();
        transcript.write(records);
        return String.join("\n", transcript.lines) + "\n";
    }

    private void write(List<AuditEntry> records) {
        AuditEntry first = records.get(0);
        AuditEntry last = records.get(records.size() - 1);
        line("CEREMONY TRANSCRIPT");
        line("=".repeat(WIDTH));
        field("Ceremony", first.ceremony());
        field("Script", text(first, "script"));
        if (first.data().containsKey("script-sha256")) {
            field("Script SHA-256", "");
            fingerprint(text(first, "script-sha256"));
        }
        if (first.data().containsKey("plan-sha256")) {
            field("Plan SHA-256", "");
            for (String row : Fingerprints.hexLines(text(first, "plan-sha256"), WIDTH - INDENT.length())) {
                line(INDENT + row);
            }
            field("Approved plan", Boolean.TRUE.equals(first.data().get("approved-plan"))
                    ? "given, and equal to the plan above" : "not given");
        }
        if (first.data().containsKey("mode")) {
            field("Mode", text(first, "mode").equals("batch")
                    ? "batch (confirmations as given on the command line)" : text(first, "mode"));
        }
        TranscriptSteps steps = new TranscriptSteps(records);
        java.util.Optional<AuditEntry> end = records.stream().filter(e -> e.type().equals(AuditTypes.CEREMONY_END))
                .findFirst();
        String when = steps.abortedWhen().orElse("");
        field("Outcome", end.map(e -> text(e, "outcome") + (when.isEmpty() ? "" : ", " + when))
                .orElse("NOT ENDED (stopped; it can be resumed)"));
        field("Started", first.time());
        field("Ended", last.time());
        field("Records", first.seq() + " to " + last.seq() + " of the audit log");
        unsealedBefore(first).ifPresent(sealed -> field("Sealed on start", sealed));

        section("Participants");
        for (AuditEntry entry : steps.participants()) {
            line(String.format("  %-14s %s", text(entry, "role"), text(entry, "name"))
                    + (steps.joinedLate(entry) ? "  (from " + time(entry) + ")" : ""));
        }

        section("Steps");
        for (Object item : steps.entries()) {
            if (item instanceof TranscriptSteps.Attempt attempt) {
                attempt(attempt);
            } else if (item instanceof TranscriptSteps.Resume resume) {
                wrapped("  " + time(resume.entry()) + "  RESUMED after an interruption; completed before and not done "
                        + "again: " + (resume.notDoneAgain().isEmpty() ? "none" : String.join(", ", resume.notDoneAgain()
                                .stream().map(Printable::escape).toList())) + unsealedBefore(resume.entry())
                                .map(sealed -> "; sealed on resuming: " + sealed).orElse(""), INDENT + "      ");
            }
        }
        steps.abort().ifPresent(abort -> wrapped("  " + time(abort) + "  ABORTED" + (when.isEmpty() ? "" : " " + when)
                + abortedBy(steps), INDENT + "      "));

        TranscriptRequests requests = new TranscriptRequests(records, end.isEmpty()
                ? "stopped before they were signed"
                : steps.abort().isPresent() ? "aborted before they were signed"
                : "no record says why");
        if (requests.any()) {
            section("Requests and certificates");
            for (String row : requests.lines()) {
                int indent = row.length() - row.stripLeading().length();
                wrapped(row, " ".repeat(indent + 2));
            }
        }

        section("Fingerprints (SHA-256, hex and PGP words)");
        java.util.Set<String> shown = new java.util.HashSet<>();
        for (AuditEntry entry : records) {
            if (entry.type().equals(AuditTypes.FINGERPRINT) && !shown.add(text(entry, "subject") + text(entry, "sha256"))) {
                continue;
            }
            if (entry.type().equals(AuditTypes.KEY_GENERATED)) {
                line("  key " + text(entry, "label") + " (public key)");
                fingerprint(text(entry, "public-key-sha256"));
            } else if (entry.type().equals(AuditTypes.FINGERPRINT)) {
                line("  " + text(entry, "subject"));
                fingerprint(text(entry, "sha256"));
            }
        }

        custodians(records);

        List<AuditEntry> deviations = records.stream().filter(e -> AuditTypes.DEVIATIONS.contains(e.type())).toList();
        section("Refusals, errors, aborts and deviations");
        if (requests.refusedAtReview() > 0) {
            line("  " + requests.refusedAtReview() + " request(s) refused at review, each with its rule under "
                    + "Requests and certificates");
        }
        if (deviations.isEmpty() && requests.refusedAtReview() == 0) {
            line("  none");
        }
        for (AuditEntry entry : deviations) {
            String what = entry.type().toUpperCase(java.util.Locale.ROOT);
            if (entry.type().equals(AuditTypes.ABORT)) {
                what += (when.isEmpty() ? "" : " " + when) + abortedBy(steps);
            }
            wrapped("  " + time(entry) + "  " + what + ": " + text(entry, "reason"), INDENT + "          ");
        }
        for (AuditEntry entry : records) {
            if (entry.type().equals(AuditTypes.KEY_DESTROYED)) {
                wrapped("  " + time(entry) + "  KEY DESTROYED on the token: " + text(entry, "label") + " ("
                        + text(entry, "reason") + ")", INDENT + "          ");
            }
            if (entry.type().equals(AuditTypes.INCOMPLETE_FOLDER)) {
                boolean removed = text(entry, "outcome").equals("removed");
                wrapped("  " + time(entry) + "  INCOMPLETE " + text(entry, "kind").toUpperCase(java.util.Locale.ROOT)
                        + " FOLDER " + (removed ? "REMOVED: " + text(entry, "folder")
                                : "LEFT, remove it by hand: " + text(entry, "folder") + " (" + text(entry, "reason")
                                        + ")"), INDENT + "          ");
            }
        }

        section("Notes");
        boolean notes = false;
        for (AuditEntry entry : records) {
            if (entry.type().equals(AuditTypes.NOTE)) {
                wrapped("  " + time(entry) + "  " + text(entry, "name") + ": " + text(entry, "text"), INDENT + "          ");
                notes = true;
            }
        }
        if (!notes) {
            line("  none");
        }

        section("Audit log head at the end of the ceremony");
        String head = AuditChain.sha256(last.line());
        line("  record " + last.seq() + " (" + last.type() + ")"
                + (last.type().equals(AuditTypes.SEAL) ? ", sealed" : ", NOT SEALED"));
        fingerprint(head);

        section("Signatures");
        line("  We were present and confirm that this transcript is what happened.");
        line("");
        for (AuditEntry entry : steps.participants()) {
            line(String.format("  %-14s %-24s signature ______________________", text(entry, "role"),
                    text(entry, "name")));
            line("");
        }
        line("  Date ____________________");
    }

    /**
     * One attempt at a step: when and how it ended, its details (or, if it did not complete, what it
     * recorded before it stopped), what its people were shown, and who confirmed or declined it.
     */
    private void attempt(TranscriptSteps.Attempt attempt) {
        String step = Printable.escape(String.valueOf(attempt.step));
        String action = Printable.escape(attempt.action());
        if (attempt.end == TranscriptSteps.End.COMPLETED) {
            wrapped(String.format("  %s  %s  %s: %s", time(attempt.ended), step, action,
                    text(attempt.ended, "outcome")), INDENT + "      ");
            if (attempt.ended.data().get("details") instanceof Map<?, ?> details && !details.isEmpty()) {
                List<String> parts = new ArrayList<>();
                details.forEach((name, value) -> parts.add(name + " " + Printable.escape(value instanceof List<?> list
                        ? String.join(", ", list.stream().map(String::valueOf).toList()) : String.valueOf(value))));
                wrapped("            " + String.join("; ", parts), INDENT + "          ");
            }
        } else {
            AuditEntry when = attempt.started.orElse(attempt.ended);
            String how = switch (attempt.end) {
                case INTERRUPTED -> "INTERRUPTED (begun, never completed)";
                case ABORTED -> "ABORTED while it ran (see Refusals, errors, aborts and deviations)";
                case REFUSED -> "STOPPED, refused at " + time(attempt.ended) + " (see Refusals, errors, aborts and "
                        + "deviations)";
                default -> "STOPPED, failed at " + time(attempt.ended) + " (see Refusals, errors, aborts and "
                        + "deviations)";
            };
            wrapped(String.format("  %s  %s  %s: %s", time(when), step, action, how), INDENT + "      ");
            List<String> recorded = new ArrayList<>();
            if (attempt.certificates > 0) {
                recorded.add(attempt.certificates + " certificate(s) issued, listed below");
            }
            if (attempt.keys > 0) {
                recorded.add(attempt.keys + " key(s) generated (under Fingerprints)");
            }
            wrapped("            before it stopped: " + (recorded.isEmpty() ? "no certificate issued, no key generated"
                    : String.join("; ", recorded)), INDENT + "          ");
        }
        if (attempt.facts != null) {
            for (String row : Facts.fromPairs(attempt.facts.data().get("heading"), attempt.facts.data().get("facts"))
                    .lines(WIDTH - 12)) {
                line("            " + row);
            }
        }
        List<String> confirmed = new ArrayList<>();
        List<String> declined = new ArrayList<>();
        for (AuditEntry entry : attempt.confirmations) {
            String who = text(entry, "role") + " " + text(entry, "name");
            if (Boolean.FALSE.equals(entry.data().get("confirmed"))) {
                declined.add(who + (entry.data().containsKey("reason") ? " (" + text(entry, "reason") + ")" : ""));
            } else {
                confirmed.add(who);
            }
        }
        wrapped("            confirmed by " + (confirmed.isEmpty() ? "nobody" : String.join(", ", confirmed)),
                INDENT + "          ");
        if (!declined.isEmpty()) {
            wrapped("            DECLINED by " + String.join(", ", declined), INDENT + "          ");
        }
    }

    /** ", by administrator Alice, witness Wendy", or nothing when the records do not say who aborted. */
    private static String abortedBy(TranscriptSteps steps) {
        List<String> by = steps.abortedBy();
        return by.isEmpty() ? "" : ", by " + String.join(", ", by.stream().map(Printable::escape).toList());
    }

    private void fingerprint(String hex) {
        for (String row : Fingerprints.hexLines(hex, WIDTH - INDENT.length())) {
            line(INDENT + row);
        }
        for (String row : Fingerprints.wordLines(hex, WIDTH - INDENT.length())) {
            line(INDENT + row);
        }
    }

    /** Who brought shares to a login, who received which share (with a line to sign), and the PIN changes. */
    private void custodians(List<AuditEntry> records) {
        List<AuditEntry> quorum = records.stream().filter(e -> e.type().equals(AuditTypes.SHARE_HANDED_OUT)
                || e.type().equals(AuditTypes.QUORUM_LOGIN) || e.type().equals(AuditTypes.PIN_CHANGED)).toList();
        if (quorum.isEmpty()) {
            return;
        }
        section("Custodians (shares are never recorded, only who holds which)");
        for (AuditEntry entry : quorum) {
            String pin = text(entry, "pin").equals("so") ? "SO" : "user";
            if (entry.type().equals(AuditTypes.QUORUM_LOGIN)) {
                List<String> who = new ArrayList<>();
                if (entry.data().get("shares") instanceof List<?> shares
                        && entry.data().get("custodians") instanceof List<?> names) {
                    for (int i = 0; i < shares.size() && i < names.size(); i++) {
                        who.add(shares.get(i) + " (" + Printable.escape(String.valueOf(names.get(i))) + ")");
                    }
                }
                wrapped("  " + time(entry) + "  " + pin + " PIN given by shares " + String.join(", ", who)
                        + " of quorum " + text(entry, "quorum-id"), INDENT + "          ");
            } else if (entry.type().equals(AuditTypes.SHARE_HANDED_OUT)) {
                line("  " + time(entry) + "  share " + entry.data().get("index") + " of the " + pin + " PIN, quorum "
                        + text(entry, "quorum-id") + ", received by " + text(entry, "custodian"));
                line("            received alone and written down: signature ______________________");
            } else {
                line("  " + time(entry) + "  " + pin + " PIN of quorum " + text(entry, "quorum-id") + ": "
                        + (entry.data().get("outcome") == null ? "changed" : String.valueOf(entry.data().get("outcome")))
                        + " on the token");
            }
        }
    }

    private void section(String title) {
        line("");
        line(title);
        line("-".repeat(title.length()));
    }

    /**
     * What a ceremony-start or ceremony-resumed record says its first seal vouched for: the records
     * it found after the log's last seal, which no seal covered before.
     */
    private static java.util.Optional<String> unsealedBefore(AuditEntry entry) {
        if (!(entry.data().get("unsealed-before") instanceof Number count)) {
            return java.util.Optional.empty();
        }
        Object types = entry.data().get("unsealed-types");
        Object ceremonies = entry.data().get("unsealed-ceremonies");
        return java.util.Optional.of(Printable.escape(count + " record(s) found after the log's last seal (line "
                + entry.data().get("last-sealed-line") + "), not authenticated until then"
                + (types instanceof Map<?, ?> counted ? ": " + String.join(", ", counted.entrySet().stream()
                        .map(type -> type.getKey() + " \u00d7" + type.getValue()).toList()) : "")
                + (ceremonies instanceof List<?> names ? ", written by " + String.join(", ", names.stream()
                        .map(String::valueOf).toList()) : "")));
    }

    private void field(String name, String value) {
        wrapped(String.format("%-16s %s", name, value), " ".repeat(17));
    }

    /** Adds a line, wrapping it at {@link #WIDTH}; continuation lines start with {@code indent}. */
    private void wrapped(String text, String indent) {
        lines.addAll(Wrap.lines(text, WIDTH, indent));
    }

    private void line(String text) {
        wrapped(text, INDENT);
    }

    private static String time(AuditEntry entry) {
        String time = entry.time();
        return time.length() >= 19 ? time.substring(11, 19) : time;
    }

    /** A field shown to people: escaped, or "(missing)". */
    private static String text(AuditEntry entry, String field) {
        Object value = entry.data().get(field);
        return value == null ? "(missing)" : Printable.escape(String.valueOf(value));
    }
}
