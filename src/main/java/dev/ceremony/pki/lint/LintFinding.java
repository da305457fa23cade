package dev.ceremony.pki.lint;

import java.util.Objects;

/** One rule a to-be-signed certificate breaks: the rule's id and what is wrong, in a sentence. */
public record LintFinding(String rule, String message) {

    public LintFinding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return "[" + rule + "] " + message;
    }
}
