package dev.ceremony.engine;

import dev.ceremony.audit.AuditEntry;
import dev.ceremony.audit.AuditTypes;
import dev.ceremony.text.Facts;
import java.util.List;
import java.util.Set;

/**
 * A review's verdicts as the people confirming the review, and then the signing, read them: one
 * fact per request, named by its file, with the subject and names it would get or every rule that
 * refused it. Read from the review's own {@code request-reviewed} records, so what is shown is
 * what was logged.
 */
final class ReviewedRequests {

    private ReviewedRequests() {
    }

    /**
     * {@code facts} and one fact per request the review {@code reviewed} logged; with {@code toSign},
     * only those the signing takes (accepted and not left out).
     */
    static Facts add(Run run, ReviewRecords reviewed, boolean toSign, Facts facts) {
        Facts[] out = {facts};
        run.eachRecord(Set.of(AuditTypes.REQUEST_REVIEWED), entry -> {
            if (!reviewed.holds(entry.seq())) {
                return;
            }
            boolean accepted = "accepted".equals(entry.data().get("verdict"));
            boolean leftOut = reviewed.leftOut().contains(entry.dataText("source"));
            if (!toSign || accepted && !leftOut) {
                out[0] = out[0].with(entry.dataText("source"), line(entry, accepted, leftOut));
            }
        });
        return out[0];
    }

    private static String line(AuditEntry entry, boolean accepted, boolean leftOut) {
        if (!accepted) {
            return "REFUSED: " + String.join("; ", texts(entry.data().get("refusals")));
        }
        List<String> names = texts(entry.data().get("alt-names"));
        return (leftOut ? "left out by the officer; it would issue " : renewal(entry) + "issues ")
                + entry.dataText("issued")
                + (names.isEmpty() ? "" : "; names " + String.join(", ", names));
    }

    /** "renewal of serial N; " for a renewal (a review logged before serials were named says "renewal; "). */
    private static String renewal(AuditEntry entry) {
        if (!Boolean.TRUE.equals(entry.data().get("renewal"))) {
            return "";
        }
        return entry.data().get("renewal-of") instanceof String serial ? "renewal of serial " + serial + "; "
                : "renewal; ";
    }

    private static List<String> texts(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
