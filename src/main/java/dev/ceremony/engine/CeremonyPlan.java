package dev.ceremony.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What a ceremony will do, as officers print and sign it before the day: plain text of at most 80
 * columns, and its SHA-256, which the real run is given ({@code --approved-plan}) and checks.
 *
 * @param findings every dry-run lint finding, as "step: [rule] message"; empty when all pass
 */
public record CeremonyPlan(String text, List<String> findings) {

    public CeremonyPlan {
        Objects.requireNonNull(text, "text");
        findings = List.copyOf(findings);
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
}
