package dev.ceremony.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a ceremony will do, as officers print and sign it before the day: plain text of at most 80
 * columns, and its SHA-256, which the real run is given ({@code --approved-plan}) and checks.
 *
 * @param findings every dry-run lint finding, as "step: [rule] message"; empty when all pass
 * @param constraintChanges by step id, for each step that signs a new generation of an intermediate
 *     the records hold: the replaced generation's name constraints beside the new one's
 */
public record CeremonyPlan(String text, List<String> findings, Map<String, NameConstraintsChange> constraintChanges) {

    public CeremonyPlan {
        Objects.requireNonNull(text, "text");
        findings = List.copyOf(findings);
        constraintChanges = Collections.unmodifiableMap(new LinkedHashMap<>(constraintChanges));
    }

    /** SHA-256 of the plan's text (UTF-8), lower-case hex. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    public boolean passes() {
        return findings.isEmpty();
    }

    /** The plan's SHA-256 as a value officers compare. */
    public PlanHash hash() {
        return new PlanHash(sha256());
    }

    /**
     * Refuses a run whose plan is not the one the officers approved. The plan reads the CA
     * certificates in the records, so records changed since the approval change the hash too.
     *
     * @throws StepRefused saying both hashes and what may have changed; nothing has been touched
     */
    public void requireApproved(PlanHash approved) {
        if (!approved.equals(hash())) {
            throw new StepRefused("this ceremony's plan has SHA-256 " + sha256() + ", not the approved " + approved
                    + ": the script, its parameters, the profiles, the configuration or the CA certificates in the "
                    + "records changed since the plan was signed. Print the plan again (run --plan, or 'Show the "
                    + "plan' in the terminal UI) and compare");
        }
    }
}
