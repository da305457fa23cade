package dev.ceremony.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The clock of an air-gapped machine drifts. A witness reads the time from an outside source (a
 * watch); the machine's clock must agree within the configured drift, and may never be earlier
 * than the build of the software or than the last audit record.
 */
public final class ClockCheck {

    public static final String NAME = "clock";

    private final Instant buildTime;
    private final Duration maxDrift;

    public ClockCheck(Instant buildTime, Duration maxDrift) {
        this.buildTime = Objects.requireNonNull(buildTime, "buildTime");
        if (maxDrift.isNegative() || maxDrift.isZero()) {
            throw new IllegalArgumentException("the maximum clock drift must be positive");
        }
        this.maxDrift = maxDrift;
    }

    /**
     * @param now the machine's clock
     * @param witnessed the time the witness read from an outside source
     * @param lastAuditRecord the time of the audit log's last record, if there is one
     */
    public PreflightFinding check(Instant now, Instant witnessed, Optional<Instant> lastAuditRecord) {
        List<String> problems = new ArrayList<>();
        Duration drift = Duration.between(witnessed, now).abs();
        if (drift.compareTo(maxDrift) > 0) {
            problems.add("the machine's clock (" + now + ") differs from the witnessed time (" + witnessed + ") by "
                    + drift.toSeconds() + " s, more than the " + maxDrift.toSeconds() + " s allowed; set the clock "
                    + "(date -s) and start again");
        }
        if (now.isBefore(buildTime)) {
            problems.add("the clock (" + now + ") is earlier than this software's build (" + buildTime + ")");
        }
        if (lastAuditRecord.isPresent() && now.isBefore(lastAuditRecord.get())) {
            problems.add("the clock (" + now + ") is earlier than the last audit record (" + lastAuditRecord.get()
                    + "); time must not run backwards in the log");
        }
        if (!problems.isEmpty()) {
            return new PreflightFinding(NAME, PreflightFinding.Outcome.REFUSED, String.join("; ", problems));
        }
        return new PreflightFinding(NAME, PreflightFinding.Outcome.PASSED, "clock " + now + ", witnessed " + witnessed
                + ", drift " + drift.toSeconds() + " s (at most " + maxDrift.toSeconds() + " s)");
    }
}
