package dev.ceremony.engine;

import dev.ceremony.text.Facts;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A step made ready but not done: what it is about to create, to show the people who confirm it,
 * and the work that creates exactly that once they have. Preparing writes nothing to the log, the
 * records or the token.
 *
 * @param facts what the confirmation shows (the certificate drafted, the CRL, the key to generate)
 * @param commit does the step; returns the details its step record carries
 */
record PreparedStep(Facts facts, Supplier<Map<String, Object>> commit) {

    PreparedStep {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(commit, "commit");
    }
}
