package dev.ceremony.pki.lint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Runs every lint rule on a TBS certificate and collects all findings (not just the first). */
public final class Linter {

    private final List<LintRule> rules;

    public Linter(List<LintRule> rules) {
        Set<String> ids = new HashSet<>();
        for (LintRule rule : rules) {
            if (!ids.add(rule.id())) {
                throw new IllegalArgumentException("two lint rules are called " + rule.id());
            }
        }
        this.rules = List.copyOf(rules);
    }

    /** Ceremony's rule set: encoding, extensions and issuer rules. */
    public static Linter standard() {
        List<LintRule> all = new ArrayList<>();
        all.addAll(EncodingRules.all());
        all.addAll(ExtensionRules.all());
        all.addAll(IssuerRules.all());
        return new Linter(all);
    }

    public List<LintRule> rules() {
        return rules;
    }

    public List<LintFinding> lint(LintContext context) {
        List<LintFinding> findings = new ArrayList<>();
        for (LintRule rule : rules) {
            for (String message : rule.check(context)) {
                findings.add(new LintFinding(rule.id(), message));
            }
        }
        return findings;
    }
}
