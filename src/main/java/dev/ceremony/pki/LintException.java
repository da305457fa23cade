package dev.ceremony.pki;

import dev.ceremony.pki.lint.LintFinding;
import java.util.List;
import java.util.stream.Collectors;

/** Issuance stopped before signing because the to-be-signed certificate broke lint rules. */
public final class LintException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<LintFinding> findings;

    public LintException(String what, List<LintFinding> findings) {
        super("not signed: " + what + " breaks " + findings.size() + " lint rule(s): "
                + findings.stream().map(LintFinding::toString).collect(Collectors.joining("; ")));
        this.findings = List.copyOf(findings);
    }

    public List<LintFinding> findings() {
        return findings;
    }
}
