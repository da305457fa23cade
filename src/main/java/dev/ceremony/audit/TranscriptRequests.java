package dev.ceremony.audit;

import dev.ceremony.text.Printable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The requests section of a transcript: what the review accepted and refused (each refusal with
 * its rule), which accepted requests renew a certificate (with its serial), what was left out, each certificate issued (serial, subject, profile), and each
 * request the review accepted that no certificate was issued for: refused by the sign step, or
 * never reached because the ceremony stopped or was aborted first. Counts are those of the
 * requests and certificates listed: a request judged or refused again after a resume, or a record
 * written twice, counts once.
 */
final class TranscriptRequests {

    private final Map<String, AuditEntry> reviewed = new LinkedHashMap<>();
    private final Map<String, AuditEntry> leftOut = new LinkedHashMap<>();
    private final Map<String, AuditEntry> issued = new LinkedHashMap<>();
    private final Map<String, AuditEntry> refusedAtSigning = new LinkedHashMap<>();
    private final String unreached;

    /**
     * The section's records among a ceremony's; a request reviewed twice (a resumed review) counts
     * once, as last judged.
     *
     * @param unreached why the accepted requests that were neither signed nor refused were not signed,
     *     as the ceremony's state explains it ("aborted before they were signed")
     */
    TranscriptRequests(List<AuditEntry> records, String unreached) {
        this.unreached = unreached;
        for (AuditEntry entry : records) {
            switch (entry.type()) {
                case AuditTypes.REQUEST_REVIEWED -> {
                    reviewed.remove(text(entry, "source"));
                    reviewed.put(text(entry, "source"), entry);
                }
                case AuditTypes.REQUEST_LEFT_OUT -> leftOut.putIfAbsent(text(entry, "source"), entry);
                case AuditTypes.CERTIFICATE_ISSUED -> issued.putIfAbsent(text(entry, "issuer") + " "
                        + text(entry, "serial"), entry);
                case AuditTypes.REFUSAL -> {
                    if (entry.data().containsKey("source")) {
                        refusedAtSigning.remove(text(entry, "source"));
                        refusedAtSigning.put(text(entry, "source"), entry);
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
        return reviewed.values().stream().filter(e -> !accepted(e)).count();
    }

    /**
     * The requests the review accepted (and no officer left out) that no certificate was issued for,
     * matched by the subject the review said it would issue (a batch refuses a repeated subject).
     */
    List<AuditEntry> notSigned() {
        Set<String> subjects = new HashSet<>();
        issued.values().forEach(entry -> subjects.add(text(entry, "subject")));
        List<AuditEntry> out = new ArrayList<>();
        for (AuditEntry entry : reviewed.values()) {
            String source = text(entry, "source");
            if (accepted(entry) && !leftOut.containsKey(source) && !subjects.contains(text(entry, "issued"))) {
                out.add(refusedAtSigning.getOrDefault(source, entry));
            }
        }
        // A refusal naming a request this section has no review of is still a request not signed.
        refusedAtSigning.forEach((source, refusal) -> {
            if (!reviewed.containsKey(source)) {
                out.add(refusal);
            }
        });
        return out;
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
        for (AuditEntry entry : issued.values()) {
            out.add("    serial " + text(entry, "serial") + "  profile " + text(entry, "profile"));
            out.add("      " + text(entry, "subject"));
        }
        List<AuditEntry> renewals = reviewed.values().stream().filter(e -> accepted(e)
                && e.data().get("renewal-of") instanceof String).toList();
        if (!renewals.isEmpty()) {
            out.add("  Accepted as renewals " + renewals.size() + ":");
            renewals.forEach(entry -> {
                out.add("    " + text(entry, "source") + " (" + text(entry, "issued") + ")");
                out.add("      renews serial " + text(entry, "renewal-of"));
            });
        }
        if (!reviewed.isEmpty()) {
            out.add("  Refused at review " + refused + (refused == 0 ? "" : ":"));
            for (AuditEntry entry : reviewed.values()) {
                if (accepted(entry)) {
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
            leftOut.values().forEach(entry -> out.add("    " + text(entry, "source") + " (by " + text(entry, "by")
                    + ")"));
        }
        List<AuditEntry> notSigned = notSigned();
        if (!reviewed.isEmpty() || !notSigned.isEmpty()) {
            long notReached = notSigned.stream().filter(e -> !e.type().equals(AuditTypes.REFUSAL)).count();
            out.add("  Reviewed and not signed " + notSigned.size() + (notReached == 0 ? "" : " (" + (notReached
                    == notSigned.size() ? "" : notReached + " of them: ") + unreached + ")")
                    + (notSigned.isEmpty() ? "" : ":"));
            for (AuditEntry entry : notSigned) {
                boolean atSigning = entry.type().equals(AuditTypes.REFUSAL);
                out.add("    " + text(entry, "source") + " (" + text(entry, atSigning ? "subject" : "issued") + ")"
                        + (atSigning ? ": see Refusals" : ""));
            }
        }
        return out;
    }

    private static boolean accepted(AuditEntry reviewed) {
        return "accepted".equals(reviewed.data().get("verdict"));
    }

    private static String text(AuditEntry entry, String field) {
        Object value = entry.data().get(field);
        return value == null ? "(missing)" : Printable.escape(String.valueOf(value));
    }
}
