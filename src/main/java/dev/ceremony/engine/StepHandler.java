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
}
