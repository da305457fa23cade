package dev.ceremony.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run ended: the ceremony completed, was aborted, or was refused before anything changed
 * (each sealed, with a transcript), or it stopped on a refusal or error and can be resumed by
 * running it again. A ceremony that completed
 * with reviewed requests it did not sign names them in {@code notSigned}; it is no plain success.
 */
public record RunOutcome(String ceremony, Ending ending, Optional<String> head, Optional<Path> transcript,
        Optional<String> reason, List<String> notSigned) {

    public enum Ending {
        COMPLETED,
        ABORTED,
        /** Refused in its setup, before any step changed anything: ended and sealed, nothing to resume. */
        REFUSED,
        STOPPED
    }

    public RunOutcome {
        Objects.requireNonNull(ceremony, "ceremony");
        Objects.requireNonNull(ending, "ending");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(transcript, "transcript");
        Objects.requireNonNull(reason, "reason");
        notSigned = List.copyOf(notSigned);
        if (!notSigned.isEmpty() && ending != Ending.COMPLETED) {
            throw new IllegalArgumentException("only a completed ceremony reports requests it did not sign");
        }
    }

    /** An outcome without requests left unsigned. */
    public RunOutcome(String ceremony, Ending ending, Optional<String> head, Optional<Path> transcript,
            Optional<String> reason) {
        this(ceremony, ending, head, transcript, reason, List.of());
    }

    /** Completed, and every reviewed request was signed (or there were none). */
    public boolean success() {
        return ending == Ending.COMPLETED && notSigned.isEmpty();
    }

    /** How the ceremony ended, in words: "completed", "completed with 1 reviewed request(s) not signed", .... */
    public String summary() {
        return ending.name().toLowerCase(java.util.Locale.ROOT) + (notSigned.isEmpty() ? ""
                : " with " + notSigned.size() + " reviewed request(s) not signed: " + String.join(", ", notSigned));
    }
}
