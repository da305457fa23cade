package dev.ceremony.audit;

import java.util.Optional;

/**
 * What {@code audit verify} found.
 *
 * @param valid no bad record was found: every record read chains and every seal verifies. It does not
 *     say that every record is authenticated: see {@link #verdict()}
 * @param problem the first bad record, if any: its 1-based line and why
 * @param unsealed records after the last seal: they chain, but no seal vouches for them
 * @param authenticated how many records, from the first, a seal or the witnessed head vouches for
 * @param witnessedHead where the head given with {@code --head} sits, when it was given and found
 * @param tornTailBytes bytes of a final line cut short by a crash (not tampering), if any
 * @param certificate what is known of the audit certificate's tie to the root
 * @param acknowledged each ceremony start or resume that says it found records after the last seal,
 *     which its first seal then vouched for
 */
public record VerificationReport(
        boolean valid,
        Optional<Problem> problem,
        int records,
        int ceremonies,
        int seals,
        String head,
        int unsealed,
        int authenticated,
        Optional<WitnessedHead> witnessedHead,
        Optional<Integer> tornTailBytes,
        String certificate,
        java.util.List<Acknowledgement> acknowledged) {

    public VerificationReport {
        acknowledged = java.util.List.copyOf(acknowledged);
    }

    /**
     * A ceremony start or resume (on 1-based {@code line}) whose record says it found {@code records}
     * record(s) after the seal on line {@code lastSealedLine}, and so sealed them knowingly.
     */
    public record Acknowledgement(int line, String ceremony, long records, long lastSealedLine) {
    }

    /** The three answers an auditor can get. */
    public enum Verdict {
        /** Every record is vouched for by a seal or by the witnessed head. */
        VALID,
        /**
         * Nothing bad up to the last seal, but records after it are not authenticated: a ceremony cut
         * short by a crash leaves them, and so does anyone who can append to the file.
         */
        VALID_UP_TO_LAST_SEAL,
        /** A bad record, a missing witnessed head, or (with a head) records no seal covers. */
        INVALID
    }

    /** The first bad record: its line number (1-based) and the reason. */
    public record Problem(int line, String reason) {
    }

    /**
     * Where the witnessed head sits: it is the hash of record {@code record} (1-based), and of the
     * records after it {@code sealedAfter} are covered by a later seal and {@code unsealedAfter} are not.
     */
    public record WitnessedHead(int record, int sealedAfter, int unsealedAfter) {
    }

    /** The verdict: only {@link Verdict#VALID} vouches for every record in the log. */
    public Verdict verdict() {
        if (!valid) {
            return Verdict.INVALID;
        }
        return authenticated < records ? Verdict.VALID_UP_TO_LAST_SEAL : Verdict.VALID;
    }

    /** Records after the last one vouched for: they chain, but nothing authenticates them. */
    public int unauthenticated() {
        return records - authenticated;
    }
}
