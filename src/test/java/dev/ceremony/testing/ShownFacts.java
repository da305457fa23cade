package dev.ceremony.testing;

import dev.ceremony.audit.AuditEntry;
import dev.ceremony.audit.AuditTypes;
import dev.ceremony.text.Facts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        Facts newest = null;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            AuditEntry entry = AuditEntry.parse(line);
            if (entry.type().equals(AuditTypes.FACTS_SHOWN) && step.equals(entry.data().get("step"))) {
                newest = Facts.fromPairs(entry.data().get("heading"), entry.data().get("facts"));
            }
        }
        if (newest == null) {
            throw new AssertionError("the log shows no facts for step " + step);
        }
        List<String> lines = new ArrayList<>(List.of(newest.heading()));
        newest.facts().forEach(fact -> lines.add(fact.label().isEmpty() ? "  " + fact.value()
                : fact.label() + ": " + fact.value()));
        return lines;
    }
}
