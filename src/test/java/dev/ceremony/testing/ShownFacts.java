package dev.ceremony.testing;

import dev.ceremony.audit.AuditEntry;
import dev.ceremony.audit.AuditTypes;
import dev.ceremony.text.Facts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the log says people were shown before they confirmed a step: its newest {@code facts-shown}
 * record, as "label: value" lines (a value continuing the one before has no label), unwrapped, so
 * tests can hold whole values against the certificates.
 */
public final class ShownFacts {

    private ShownFacts() {
    }

    /** The facts shown for the newest run of step {@code step} in {@code log}: heading first, then each fact. */
    public static List<String> newest(Path log, String step) throws IOException {
        Facts newest = newestOfEachStep(log).get(step);
        if (newest == null) {
            throw new AssertionError("the log shows no facts for step " + step);
        }
        List<String> lines = new ArrayList<>(List.of(newest.heading()));
        newest.facts().forEach(fact -> lines.add(fact.label().isEmpty() ? "  " + fact.value()
                : fact.label() + ": " + fact.value()));
        return lines;
    }

    /** For each step id that showed facts in {@code log}, in the order first shown, what its newest run showed. */
    public static Map<String, Facts> newestOfEachStep(Path log) throws IOException {
        Map<String, Facts> newest = new LinkedHashMap<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            AuditEntry entry = AuditEntry.parse(line);
            if (entry.type().equals(AuditTypes.FACTS_SHOWN)) {
                newest.put(String.valueOf(entry.data().get("step")),
                        Facts.fromPairs(entry.data().get("heading"), entry.data().get("facts")));
            }
        }
        return newest;
    }
}
