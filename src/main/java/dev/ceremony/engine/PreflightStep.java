package dev.ceremony.engine;

import dev.ceremony.audit.AuditTypes;
import dev.ceremony.text.KebabCase;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.Token;
import dev.ceremony.token.TokenIdentity;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Network, clock, token, media and provenance, checked before anything else; every finding is
 * recorded, and a refusal stops the ceremony before the token does anything. On a resumed
 * ceremony it runs again: the room may have changed since.
 */
final class PreflightStep implements StepHandler {

    /** An export needs at least this much room besides what it writes. */
    static final long MIN_FREE_BYTES = 1L << 20;

    @Override
    public Map<String, Object> run(Run run, ScriptStep step) {
        Map<String, Object> details = new LinkedHashMap<>();
        finding(run, details, new NetworkCheck(run.setup.config().preflight().allowNetwork())
                .check(run.setup.network().get()));
        Instant now = run.setup.clock().instant();
        Instant witnessed = run.operator.witnessedTime(now);
        finding(run, details, new ClockCheck(run.setup.buildTime(), run.setup.config().preflight().maxClockDrift())
                .check(now, witnessed, run.before.lastTime()));
        token(run, details);
        consoleDrops(run);
        media(run, details);
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("script", run.request.script().script().id());
        provenance.put("script-sha256", run.request.script().script().sha256());
        provenance.putAll(new TreeMap<>(run.setup.provenance()));
        run.append(AuditTypes.PROVENANCE, provenance);
        return details;
    }

    /**
     * What the checks found; and, when records follow the log's last seal, those records: the first
     * seal of this ceremony, after this confirmation, vouches for them.
     */
    @Override
    public dev.ceremony.text.Facts done(Run run, Map<String, Object> details) {
        return run.before.unsealedTail().shownWith(StepHandler.super.done(run, details));
    }

    private static void finding(Run run, Map<String, Object> details, PreflightFinding finding) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("check", finding.check());
        data.put("outcome", KebabCase.of(finding.outcome()));
        data.put("detail", finding.detail());
        run.append(AuditTypes.PREFLIGHT, data);
        run.operator.say(String.format("  %-9s %s: %s", finding.check(), KebabCase.of(finding.outcome()),
                finding.detail()));
        details.put(finding.check(), KebabCase.of(finding.outcome()));
        if (finding.refused()) {
            throw new StepRefused("preflight " + finding.check() + ": " + finding.detail());
        }
    }

    private static void token(Run run, Map<String, Object> details) {
        Token token = run.token().orElseGet(() -> {
            Token opened = run.setup.tokens().open();
            run.token(opened);
            return opened;
        });
        TokenIdentity identity = token.identity();
        Optional<String> recorded = run.before.tokenSerial();
        boolean production = run.setup.config().token().production();
        String detail = "token '" + identity.label() + "', serial " + identity.serial() + ", " + identity.manufacturer()
                + " " + identity.model() + (production ? ", production" : ", rehearsal");
        if (recorded.isPresent() && !recorded.get().equals(identity.serial())) {
            finding(run, details, new PreflightFinding("token", PreflightFinding.Outcome.REFUSED, detail
                    + "; the audit log records the token with serial " + recorded.get() + ". Use that token"));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("label", identity.label());
        data.put("serial", identity.serial());
        data.put("manufacturer", identity.manufacturer());
        data.put("model", identity.model());
        data.put("firmware", identity.firmwareVersion());
        data.put("use", production ? "production" : "rehearsal");
        run.append(AuditTypes.TOKEN, data);
        if (!token.isLoggedIn()) {
            TokenLogin.logIn(run, run.before, token);
        }
        finding(run, details, new PreflightFinding("token", PreflightFinding.Outcome.PASSED, detail
                + "; logged in" + (recorded.isPresent() ? "; the serial the log records" : "")));
        if (run.logStarted()) {
            KeyHandle audit = token.findKey(new KeyLabel(CaNames.AUDIT_RECORD)).orElseThrow(() -> new StepRefused(
                    "the token holds no audit key (label " + CaNames.AUDIT_RECORD + "), so the log cannot be sealed; "
                            + "is this the token of the root ceremony?"));
            String expected = run.before.auditKeySha256().orElseThrow();
            if (!audit.publicKeySha256().orElse("").equals(expected)) {
                throw new StepRefused("the audit key on the token is not the key this audit log started with "
                        + "(SHA-256 " + expected + "); is this the right token, or the right log?");
            }
            run.sealWith(audit);
        }
    }

    /**
     * Each drop to the officer's console since the last ceremony (the live image logs them on the
     * records medium) becomes a deviation in the signed log, and is shown.
     */
    private static void consoleDrops(Run run) {
        if (!run.before.exists()) {
            return;
        }
        for (String drop : run.setup.store().takeConsoleDrops(run.ceremony)) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("reason", "the officer's console was used outside Ceremony since the last ceremony: " + drop);
            run.append(AuditTypes.DEVIATION, data);
            run.operator.say("  console   " + drop + " (recorded as a deviation)");
        }
    }

    private static void media(Run run, Map<String, Object> details) {
        CeremonyScript script = run.request.script().script();
        boolean imports = script.steps().stream().anyMatch(s -> s.action() == StepAction.IMPORT_CSRS);
        boolean exports = script.steps().stream().anyMatch(s -> s.action() == StepAction.EXPORT);
        if (imports) {
            Path medium = run.request.importFrom().orElseThrow(() -> new StepRefused(RunMedia.NO_IMPORT));
            if (!java.nio.file.Files.isDirectory(medium) || !java.nio.file.Files.isReadable(medium)) {
                finding(run, details, new PreflightFinding("import", PreflightFinding.Outcome.REFUSED,
                        "the import medium " + medium + " is not a readable directory; is it mounted?"));
            }
            finding(run, details, new PreflightFinding("import", PreflightFinding.Outcome.PASSED,
                    "import medium " + medium));
        }
        if (exports) {
            Path medium = run.request.exportTo().orElseThrow(() -> new StepRefused(RunMedia.NO_EXPORT));
            long free;
            try {
                free = run.setup.media().usableSpace(medium);
            } catch (RuntimeException e) {
                finding(run, details, new PreflightFinding("export", PreflightFinding.Outcome.REFUSED,
                        "the export medium " + medium + " cannot be used: " + e.getMessage()));
                return;
            }
            if (free < MIN_FREE_BYTES) {
                finding(run, details, new PreflightFinding("export", PreflightFinding.Outcome.REFUSED,
                        "the export medium " + medium + " has " + free + " bytes free; at least " + MIN_FREE_BYTES
                                + " are needed"));
            }
            finding(run, details, new PreflightFinding("export", PreflightFinding.Outcome.PASSED,
                    "export medium " + medium + ", " + (free >> 20) + " MiB free"));
        }
    }
}
