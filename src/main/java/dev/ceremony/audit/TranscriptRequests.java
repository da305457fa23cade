package dev.ceremony.audit;

import dev.ceremony.text.Printable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The requests section of a transcript: what the review accepted and refused (each refusal with
 * its rule), what was left out, each certificate issued (serial, subject, profile), and each
 * reviewed request the sign step did not sign. Counts are those of the records listed.
 */
final class TranscriptRequests {

    private final Map<String, AuditEntry> reviewed = new LinkedHashMap<>();
    private final List<AuditEntry> leftOut = new ArrayList<>();
    private final List<AuditEntry> issued = new ArrayList<>();
    private final List<AuditEntry> notSigned = new ArrayList<>();

    /** The section's records among a ceremony's; a request reviewed twice (a resumed review) counts once, as last judged. */
    TranscriptRequests(List<AuditEntry> records) {
        for (AuditEntry entry : records) {
            switch (entry.type()) {
                case AuditTypes.REQUEST_REVIEWED -> {
                    reviewed.remove(text(entry, "source"));
                    reviewed.put(text(entry, "source"), entry);
                }
                case AuditTypes.REQUEST_LEFT_OUT -> leftOut.add(entry);
                case AuditTypes.CERTIFICATE_ISSUED -> issued.add(entry);
                case AuditTypes.REFUSAL -> {
                    if (entry.data().containsKey("source")) {
                        notSigned.add(entry);
                    }
                }
                default -> {
                }
            }
        }
    }

    /** Whether the ceremony reviewed requests or issued certificates at all. */
    boolean any() {
        return !reviewed.isEmpty() || !issued.isEmpty();
    }

    /** Requests the review refused. */
    long refusedAtReview() {
        return reviewed.values().stream().filter(e -> !"accepted".equals(e.data().get("verdict"))).count();
    }

    /** The section's lines, unwrapped; each starts with its indent. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        long refused = refusedAtReview();
        if (!reviewed.isEmpty()) {
            out.add("  Reviewed " + reviewed.size() + ": " + (reviewed.size() - refused) + " accepted, " + refused
                    + " refused");
        }
        out.add("  Issued " + issued.size() + " certificate(s)" + (issued.isEmpty() ? "" : ":"));
        for (AuditEntry entry : issued) {
            out.add("    serial " + text(entry, "serial") + "  profile " + text(entry, "profile"));
            out.add("      " + text(entry, "subject"));
        }
        if (!reviewed.isEmpty()) {
            out.add("  Refused at review " + refused + (refused == 0 ? "" : ":"));
            for (AuditEntry entry : reviewed.values()) {
                if ("accepted".equals(entry.data().get("verdict"))) {
                    continue;
                }
                out.add("    " + text(entry, "source") + (entry.data().containsKey("requested")
                        ? " (" + text(entry, "requested") + ")" : ""));
                if (entry.data().get("refusals") instanceof List<?> refusals) {
                    refusals.forEach(refusal -> out.add("      " + Printable.escape(String.valueOf(refusal))));
                }
            }
        }
        if (!leftOut.isEmpty()) {
            out.add("  Left out by an officer " + leftOut.size() + ":");
            leftOut.forEach(entry -> out.add("    " + text(entry, "source") + " (by " + text(entry, "by") + ")"));
        }
        if (!reviewed.isEmpty() || !notSigned.isEmpty()) {
            out.add("  Reviewed and not signed " + notSigned.size() + (notSigned.isEmpty() ? "" : ":"));
            notSigned.forEach(entry -> out.add("    " + text(entry, "source") + " (" + text(entry, "subject")
                    + "): see Refusals"));
        }
        return out;
    }

    private static String text(AuditEntry entry, String field) {
        Object value = entry.data().get(field);
        return value == null ? "(missing)" : Printable.escape(String.valueOf(value));
    }
}
