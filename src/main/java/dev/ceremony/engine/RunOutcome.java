package dev.ceremony.engine;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run ended: the ceremony completed or was aborted (both sealed, with a transcript), or it
 * stopped on a refusal or error and can be resumed by running it again.
 */
public record RunOutcome(String ceremony, Ending ending, Optional<String> head, Optional<Path> transcript,
        Optional<String> reason) {

    public enum Ending {
        COMPLETED,
        ABORTED,
        STOPPED
    }

    public RunOutcome {
        Objects.requireNonNull(ceremony, "ceremony");
        Objects.requireNonNull(ending, "ending");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(transcript, "transcript");
        Objects.requireNonNull(reason, "reason");
    }
}
