package dev.ceremony.pki.lint;

import java.util.List;
import java.util.function.Function;

/** A check on a to-be-signed certificate. It returns what is wrong, in sentences; empty when all is well. */
public interface LintRule {

    /** Stable id, e.g. {@code aki-matches-issuer}: named in findings, audit records and docs. */
    String id();

    /** One sentence saying what the rule requires. */
    String description();

    List<String> check(LintContext context);

    /** A rule from an id, a description and a check. */
    static LintRule of(String id, String description, Function<LintContext, List<String>> check) {
        return new LintRule() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public List<String> check(LintContext context) {
                return check.apply(context);
            }
        };
    }
}
