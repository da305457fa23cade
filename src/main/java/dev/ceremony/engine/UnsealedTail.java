package dev.ceremony.engine;

import dev.ceremony.audit.AuditTypes;
import dev.ceremony.text.Facts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The records after the log's last seal: no seal vouches for them, and the next seal will. A crash
 * leaves some (the interrupted step's records, a ceremony's end before its final seal, a ceremony
 * refused before the token opened ends with none); anyone who can write the file can append more.
 * Records that follow a ceremony's end or change ceremony without a ceremony-start are foreign: no
 * run of this program writes them.
 *
 * @param lastSealedLine the 1-based line of the last seal, 0 when there is none
 * @param count how many complete records follow it; the first is on line {@code lastSealedLine + 1}
 * @param types each record type with its count, in the order first seen
 * @param ceremonies the ceremonies the records name, in order
 * @param foreign the first foreign record, if any
 */
record UnsealedTail(int lastSealedLine, int count, Map<String, Integer> types, List<String> ceremonies,
        Optional<Foreign> foreign) {

    /** What the officer does with a log that cannot be continued. */
    static final String WHAT_NEXT = "Keep this file as evidence for the auditor, and go on only with a copy of the log "
            + "that ends at the head the witnesses wrote down (its mirror, or a backup)";

    /** A record no run of this program writes where it stands. */
    record Foreign(int line, String type, String ceremony, String why) {
    }

    UnsealedTail {
        if (lastSealedLine < 0 || count < 0) {
            throw new IllegalArgumentException("lines and counts are not negative");
        }
        types = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(types));
        ceremonies = List.copyOf(ceremonies);
    }

    /** No records after the last seal (or no log). */
    static UnsealedTail none() {
        return new UnsealedTail(0, 0, Map.of(), List.of(), Optional.empty());
    }

    boolean isEmpty() {
        return count == 0;
    }

    /**
     * Refuses to continue the log past a foreign record, naming it; nothing has been written.
     *
     * @throws StepRefused when the tail holds one
     */
    void refuseForeign() {
        foreign.ifPresent(record -> {
            throw new StepRefused("the audit log has a record no ceremony of this program wrote there: line "
                    + record.line() + ", " + record.type() + " of ceremony " + record.ceremony() + ", after the last "
                    + "seal (line " + lastSealedLine + ") and so not authenticated; " + record.why() + ". Nothing was "
                    + "written. Run 'ceremony audit verify' on the log (with --head, the head the witnesses wrote "
                    + "down at the last ceremony): it shows the " + count + " record(s) no seal covers. " + WHAT_NEXT);
        });
    }

    /** One line for people: how many, which types, which lines, written by whom. */
    String summary() {
        List<String> counted = new ArrayList<>();
        types.forEach((type, n) -> counted.add(type + " \u00d7" + n));
        int first = lastSealedLine + 1;
        return count + " record(s), not authenticated: " + String.join(", ", counted) + " (line"
                + (count == 1 ? " " + first : "s " + first + "\u2013" + (lastSealedLine + count)) + "), written by "
                + String.join(", ", ceremonies);
    }

    /** {@code shown} with what follows the last seal, and that confirming seals it; unchanged when nothing does. */
    Facts shownWith(Facts shown) {
        if (isEmpty()) {
            return shown;
        }
        return shown.with("after the last seal", summary())
                .with("", "continuing seals them: confirm only if they are what the interrupted ceremony did "
                        + "(a crash); if not, decline and run 'ceremony audit verify'");
    }

    /** Adds to a ceremony-start or ceremony-resumed record what its first seal vouches for; nothing when nothing. */
    void recordIn(Map<String, Object> data) {
        if (isEmpty()) {
            return;
        }
        data.put("unsealed-before", (long) count);
        data.put("last-sealed-line", (long) lastSealedLine);
        Map<String, Object> counted = new LinkedHashMap<>();
        types.forEach((type, n) -> counted.put(type, (long) n));
        data.put("unsealed-types", counted);
        data.put("unsealed-ceremonies", ceremonies);
    }

    /**
     * Follows the log line by line, in the pass that reads it, keeping only counts and names: which
     * ceremony is current, whether it ended, and what came after the last seal.
     */
    static final class Scan {
        private int line;
        private String current;
        private boolean ended;
        private int lastSeal;
        private int count;
        private final Map<String, Integer> types = new LinkedHashMap<>();
        private final Set<String> ceremonies = new LinkedHashSet<>();
        private Foreign foreign;

        /** The next complete line's type and ceremony, as its header spells them (null when it has none). */
        void next(String type, String ceremony) {
            line++;
            if (AuditTypes.SEAL.equals(type)) {
                lastSeal = line;
                count = 0;
                types.clear();
                ceremonies.clear();
                foreign = null;
                return;
            }
            String why = null;
            if (line == 1 || AuditTypes.CEREMONY_START.equals(type)) {
                current = ceremony;
                ended = false;
            } else if (!String.valueOf(ceremony).equals(current)) {
                why = "it follows ceremony " + current + "'s records without a ceremony-start";
            } else if (ended && !AuditTypes.REPAIR.equals(type)) {
                why = "it follows the ceremony's end";
            }
            if (AuditTypes.CEREMONY_END.equals(type)) {
                ended = true;
            }
            count++;
            types.merge(String.valueOf(type), 1, Integer::sum);
            ceremonies.add(String.valueOf(ceremony));
            if (why != null && foreign == null) {
                foreign = new Foreign(line, String.valueOf(type), String.valueOf(ceremony), why);
            }
        }

        UnsealedTail tail() {
            return new UnsealedTail(lastSeal, count, types, new ArrayList<>(ceremonies), Optional.ofNullable(foreign));
        }
    }
}
