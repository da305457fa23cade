package dev.ceremony.engine;

import java.util.Objects;

/** The outcome of one preflight check, with what the officers are told and the audit log records. */
public record PreflightFinding(String check, Outcome outcome, String detail) {

    /** Whether a check let the ceremony go on. */
    public enum Outcome {
        PASSED,
        /** The check failed but configuration allows it (demo or test use); recorded as such. */
        OVERRIDDEN,
        REFUSED
    }

    public PreflightFinding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean refused() {
        return outcome == Outcome.REFUSED;
    }
}
