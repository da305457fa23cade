package dev.ceremony.engine;

import java.util.Map;

/** What one action does when its step runs. */
interface StepHandler {

    /** Does the step; returns the details its step record carries. */
    Map<String, Object> run(Run run, ScriptStep step);

    /**
     * Rebuilds what the step made in an interrupted run that completed it (keys, CAs, imports),
     * without doing anything again.
     */
    default void restore(Run run, ScriptStep step) {
    }

    /** The details the interrupted run's record of this step's completion carries (its last, if several). */
    static java.util.Optional<Map<?, ?>> completedDetails(Run run, ScriptStep step) {
        return run.before.of(run.ceremony).stream().filter(e -> e.type().equals(dev.ceremony.audit.AuditTypes.STEP)
                && step.id().equals(e.data().get("step")) && "completed".equals(e.data().get("outcome"))
                && e.data().get("details") instanceof Map<?, ?>)
                .<Map<?, ?>>map(e -> (Map<?, ?>) e.data().get("details")).reduce((first, second) -> second);
    }
}
