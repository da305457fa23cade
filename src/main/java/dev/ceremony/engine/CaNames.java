package dev.ceremony.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How scripts name CAs and how the records and the token name them. A script says {@code root},
 * {@code server-ca} or {@code device-ca}. The records keep each CA certificate under its key's
 * label on the token: {@code root-ca}, {@code audit-signer}, and one name per intermediate
 * generation ({@code server-ca}, then {@code server-ca-2}, {@code server-ca-3} after rotations).
 * A script's {@code server-ca} is the newest generation: only it issues.
 */
public final class CaNames {

    /** What scripts call the root. */
    static final String ROOT = "root";

    /** The root's key label and records name. */
    static final String ROOT_RECORD = "root-ca";

    /** The audit key's label and records name. */
    static final String AUDIT_RECORD = "audit-signer";

    private CaNames() {
    }

    /** The records names of every generation of {@code ca}, oldest first. */
    static List<String> generations(List<String> recordNames, String ca) {
        String record = ca.equals(ROOT) ? ROOT_RECORD : ca;
        List<String> found = new ArrayList<>();
        for (String name : recordNames) {
            if (generation(name, record).isPresent()) {
                found.add(name);
            }
        }
        found.sort(Comparator.comparingInt(name -> generation(name, record).orElseThrow()));
        return found;
    }

    /** The newest generation of {@code ca} in the records. */
    public static Optional<String> current(List<String> recordNames, String ca) {
        List<String> all = generations(recordNames, ca);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** 1 for {@code ca} itself, N for {@code ca-N}; empty when {@code name} is no generation of it. */
    static Optional<Integer> generation(String name, String ca) {
        if (name.equals(ca)) {
            return Optional.of(1);
        }
        Matcher matcher = Pattern.compile(Pattern.quote(ca) + "-([2-9]|[1-9][0-9]{1,3})").matcher(name);
        return matcher.matches() ? Optional.of(Integer.valueOf(matcher.group(1))) : Optional.empty();
    }
}
