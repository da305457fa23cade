package dev.ceremony.engine;

import dev.ceremony.audit.AuditEntry;
import dev.ceremony.text.Printable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a ceremony's first record says it was started with, and what a resume is held to: the
 * script and its SHA-256, the parameters, the plan's SHA-256 and the version of the plan's text
 * ({@link PlanWriter#FORMAT}; records of earlier versions have none).
 *
 * <p>A resume is accepted when this run's plan has the hash the ceremony started under. When the
 * ceremony started under a plan of an earlier format, that hash cannot be made again; the resume is
 * then accepted when the script (by SHA-256, when recorded) and every parameter are the same.
 * Nothing else is accepted: another script, another parameter, or a plan of this format that
 * changed (profiles, configuration, or the CAs of earlier ceremonies) is refused, and the refusal
 * says which.
 *
 * @param ceremony the ceremony's id
 * @param seq the sequence number of its first record, to name it in messages
 * @param script the script's id
 * @param scriptSha256 the script's SHA-256 (lower-case hex), when recorded
 * @param parameters every parameter's value as the ceremony started with it, in recorded order
 * @param planSha256 the hash of the plan it started under
 * @param planFormat the plan format it started under; empty for a plan written before formats were recorded
 */
record StartedPlan(String ceremony, long seq, String script, Optional<String> scriptSha256,
        Map<String, String> parameters, PlanHash planSha256, Optional<Integer> planFormat) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    StartedPlan {
        Objects.requireNonNull(ceremony, "ceremony");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(planSha256, "planSha256");
        scriptSha256.ifPresent(sha -> {
            if (!SHA256.matcher(sha).matches()) {
                throw new IllegalArgumentException("script-sha256 is not 64 lower-case hex digits");
            }
        });
        planFormat.ifPresent(format -> {
            if (format < 1) {
                throw new IllegalArgumentException("plan-format is not a positive whole number");
            }
        });
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * Reads the first record of a ceremony (its {@code ceremony-start}, or the root ceremony's
     * {@code log-start}).
     *
     * @throws StepRefused naming the record and the field that cannot be read
     */
    static StartedPlan of(AuditEntry start) {
        try {
            Object parameters = start.data().get("parameters");
            if (!(parameters instanceof Map<?, ?> recorded)) {
                throw new IllegalArgumentException("it has no parameters field");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : recorded.entrySet()) {
                if (!(entry.getValue() instanceof String value)) {
                    throw new IllegalArgumentException("parameter '" + entry.getKey() + "' is not text");
                }
                values.put(String.valueOf(entry.getKey()), value);
            }
            Optional<String> scriptSha = start.data().containsKey("script-sha256")
                    ? Optional.of(start.dataText("script-sha256")) : Optional.empty();
            Optional<Integer> format = Optional.empty();
            Object recordedFormat = start.data().get("plan-format");
            if (recordedFormat != null) {
                if (!(recordedFormat instanceof Long number) || number < 1 || number > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("plan-format is not a positive whole number");
                }
                format = Optional.of(number.intValue());
            }
            String plan = start.dataText("plan-sha256");
            if (!SHA256.matcher(plan).matches()) {
                throw new IllegalArgumentException("plan-sha256 is not 64 lower-case hex digits");
            }
            return new StartedPlan(start.ceremony(), start.seq(), start.dataText("script"), scriptSha, values,
                    new PlanHash(plan), format);
        } catch (IllegalArgumentException e) {
            throw new StepRefused("the audit log's record " + start.seq() + " (the " + start.type() + " record of "
                    + "ceremony " + start.ceremony() + ") cannot be read as the start of a ceremony: " + e.getMessage()
                    + ". Run 'ceremony audit verify' on the log; the ceremony cannot be resumed, only aborted", e);
        }
    }

    /**
     * Whether a run of {@code resolved}, whose plan is {@code plan}, may resume this ceremony.
     *
     * @throws StepRefused saying exactly what differs: the script, a parameter, or (script and
     *     parameters the same) the plan; nothing has been touched
     */
    PlanMatch resumableBy(ResolvedScript resolved, CeremonyPlan plan) {
        CeremonyScript now = resolved.script();
        String abort = "abort it (ceremony run " + script + " --abort REASON)";
        if (!now.id().equals(script)) {
            throw new StepRefused("ceremony " + ceremony + " (script " + script + ") did not finish. Run " + script
                    + " again to resume it, or " + abort + ", before another ceremony");
        }
        if (planFormat.isPresent() && planFormat.get() > PlanWriter.FORMAT) {
            throw new StepRefused("ceremony " + ceremony + " did not finish, and it was started by a newer version of "
                    + "this program (plan format " + planFormat.get() + "; this version writes format "
                    + PlanWriter.FORMAT + "). Resume it with that version, or " + abort);
        }
        if (planFormat.isPresent() && planFormat.get() == PlanWriter.FORMAT && planSha256.equals(plan.hash())) {
            return PlanMatch.SAME_PLAN;
        }
        if (scriptSha256.isPresent() && !scriptSha256.get().equals(now.sha256())) {
            throw new StepRefused("ceremony " + ceremony + " did not finish, and it was started with another version "
                    + "of the script " + script + " (script SHA-256 " + scriptSha256.get() + "; this run's is "
                    + now.sha256() + "). Resume it with the script it started with, or " + abort);
        }
        List<String> differences = differences(resolved.values());
        if (!differences.isEmpty()) {
            throw new StepRefused("ceremony " + ceremony + " did not finish, and it was started with other parameters: "
                    + String.join("; ", differences) + ". Run it again with the parameters it started with ("
                    + String.join(" ", parameters.entrySet().stream().map(p -> "--param "
                            + shellWord(p.getKey() + "=" + p.getValue())).toList()) + "), or " + abort);
        }
        if (planFormat.isEmpty()) {
            return PlanMatch.EARLIER_PLAN_FORMAT;
        }
        throw new StepRefused("ceremony " + ceremony + " did not finish, and it ran under plan " + planSha256
                + "; this run's plan is " + plan.sha256() + ", though the script and its parameters are the same: the "
                + "profiles, the configuration or the CA certificates of earlier ceremonies in the records changed "
                + "since it started. Put them back as they were to resume it, or " + abort);
    }

    /**
     * On a resume, the plan the officers approved may be the plan the ceremony started under (as
     * its first record holds it), or this run's plan; a resume is held to the same script and
     * parameters by {@link #resumableBy} as well.
     *
     * @throws StepRefused when {@code approved} is neither
     */
    void requireApproved(PlanHash approved, CeremonyPlan plan) {
        if (!approved.equals(planSha256) && !approved.equals(plan.hash())) {
            throw new StepRefused("the approved plan " + approved + " is neither the plan ceremony " + ceremony
                    + " started under (" + planSha256 + ") nor this run's plan (" + plan.sha256() + "): the script, "
                    + "its parameters, the profiles, the configuration or the CA certificates in the records differ "
                    + "from those of the approved plan. Print the plan again (run --plan, or 'Show the plan' in the "
                    + "terminal UI) and compare");
        }
    }

    /** {@code text} as one word a shell reads back as it is: quoted when it holds more than plain characters. */
    private static String shellWord(String text) {
        return text.matches("[A-Za-z0-9._,:/@=+-]+") ? text : "'" + Printable.escape(text).replace("'", "'\\''") + "'";
    }

    /** Each parameter whose value differs from the recorded one, in words. */
    private List<String> differences(Map<String, String> now) {
        List<String> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>(parameters.keySet());
        names.addAll(now.keySet());
        for (String name : names) {
            String then = parameters.get(name);
            String given = now.get(name);
            if (then == null) {
                out.add("parameter '" + name + "' is '" + Printable.escape(given) + "' in this run and was not "
                        + "recorded when it started");
            } else if (given == null) {
                out.add("parameter '" + name + "' was '" + Printable.escape(then) + "' when it started, and this "
                        + "script has no such parameter");
            } else if (!then.equals(given)) {
                out.add("parameter '" + name + "' was '" + Printable.escape(then) + "' when it started and is '"
                        + Printable.escape(given) + "' in this run");
            }
        }
        return out;
    }
}
