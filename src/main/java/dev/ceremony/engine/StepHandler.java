package dev.ceremony.engine;

import dev.ceremony.text.Facts;
import java.util.Map;

/** What one action does when its step runs. */
interface StepHandler {

    /** Does the step; returns the details its step record carries. */
    Map<String, Object> run(Run run, ScriptStep step);

    /**
     * Readies a step that is confirmed before it runs ({@link StepAction#confirmedFirst()}): works out
     * what it will create without writing anything, and returns that with the work that creates it.
     * By default it shows the step's resolved arguments and runs {@link #run} when committed.
     */
    default PreparedStep prepare(Run run, ScriptStep step) {
        return new PreparedStep(Facts.of("This step will run with:", step.arguments()), () -> run(run, step));
    }

    /**
     * What a step that is confirmed after it ran did, for the people who confirm it; by default
     * the details its record carries.
     */
    default Facts done(Run run, Map<String, Object> details) {
        return Facts.of(details.isEmpty() ? "" : "This step did:", details);
    }

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
