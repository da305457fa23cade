package dev.ceremony.engine;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of a ceremony: the script with its parameters, how people take part, who they are,
 * where the media are, and the plan the officers approved, if they gave its hash.
 */
public record RunRequest(ResolvedScript script, RunMode mode, Map<Role, String> participants,
        Optional<Path> importFrom, Optional<Path> exportTo, Optional<String> approvedPlan) {

    public RunRequest {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(mode, "mode");
        participants = Map.copyOf(participants.isEmpty() ? Map.of() : new EnumMap<>(participants));
        Objects.requireNonNull(importFrom, "importFrom");
        Objects.requireNonNull(exportTo, "exportTo");
        Objects.requireNonNull(approvedPlan, "approvedPlan");
    }
}
