package dev.ceremony.engine;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of a ceremony: the script with its parameters, how people take part, who they are,
 * where the media are, the plan the officers approved (if they gave its hash), and the notes the
 * operator wants in the log. The administrator and the witness are two people ({@link FourEyes}).
 */
public record RunRequest(ResolvedScript script, RunMode mode, Map<Role, String> participants,
        Optional<Path> importFrom, Optional<Path> exportTo, Optional<PlanHash> approvedPlan, List<String> notes) {

    public RunRequest {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(mode, "mode");
        participants = Map.copyOf(participants.isEmpty() ? Map.of() : new EnumMap<>(participants));
        FourEyes.breach(participants).ifPresent(breach -> {
            throw new IllegalArgumentException(breach);
        });
        Objects.requireNonNull(importFrom, "importFrom");
        Objects.requireNonNull(exportTo, "exportTo");
        Objects.requireNonNull(approvedPlan, "approvedPlan");
        notes = List.copyOf(notes);
        for (String note : notes) {
            if (note.isBlank() || !dev.ceremony.text.Printable.isPrintable(note)) {
                throw new IllegalArgumentException("a note must be printable text");
            }
        }
    }
}
