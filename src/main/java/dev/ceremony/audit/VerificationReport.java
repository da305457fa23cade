package dev.ceremony.audit;

import java.util.Optional;

/**
 * What {@code audit verify} found.
 *
 * @param problem the first bad record, if any: its 1-based line and why
 * @param unsealed records after the last seal: they chain, but nothing vouches for them
 * @param tornTailBytes bytes of a final line cut short by a crash (not tampering), if any
 * @param certificate what is known of the audit certificate's tie to the root
 */
public record VerificationReport(
        boolean valid,
        Optional<Problem> problem,
        int records,
        int ceremonies,
        int seals,
        String head,
        int unsealed,
        Optional<Integer> tornTailBytes,
        String certificate) {

    /** The first bad record: its line number (1-based) and the reason. */
    public record Problem(int line, String reason) {
    }
}
