package dev.ceremony.engine;

import dev.ceremony.audit.AuditEntry;
import dev.ceremony.audit.AuditVerifier;
import dev.ceremony.audit.AuditTypes;
import dev.ceremony.audit.Transcript;
import dev.ceremony.pki.CertificateDrafter;
import dev.ceremony.pki.LintException;
import dev.ceremony.records.RecordsHistory;
import dev.ceremony.text.Facts;
import dev.ceremony.text.KebabCase;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyLabel;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs a ceremony script: checks all it can before the token is touched (the plan and its
 * dry-run lint, the approved plan's hash, roles, names), then the steps in order, each recorded,
 * confirmed by its roles and sealed. A ceremony that stopped (crash, power loss, refusal, error)
 * resumes after its last completed step when it is run again with the same plan; it never
 * generates a key or issues a certificate twice. An abort destroys the keys it made that no
 * certificate uses and says so in the log.
 */
public final class CeremonyRunner {

    /** Scripts that create CAs: batch mode may not run them on a production token. */
    public static final Set<String> CA_SCRIPTS = Set.of("root-ca", "intermediate-ca", "intermediate-rotation");

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final EngineSetup setup;
    private final PlanWriter plans;
    private final Map<StepAction, StepHandler> handlers = new EnumMap<>(StepAction.class);

    public CeremonyRunner(EngineSetup setup) {
        this.setup = setup;
        this.plans = new PlanWriter(setup.profiles(), setup.config().dnDefaults(),
                new CertificateDrafter(setup.linter(), setup.clock(), CaCertificateStep.MAX_SKEW));
        handlers.put(StepAction.PREFLIGHT, new PreflightStep());
        handlers.put(StepAction.CONFIRM, (run, step) -> Map.of());
        handlers.put(StepAction.GENERATE_KEY, new GenerateKeyStep());
        StepHandler certificates = new CaCertificateStep();
        handlers.put(StepAction.SELF_SIGN_ROOT, certificates);
        handlers.put(StepAction.CERTIFY_AUDIT_KEY, certificates);
        handlers.put(StepAction.SIGN_INTERMEDIATE, certificates);
        handlers.put(StepAction.IMPORT_CSRS, new ImportStep());
        handlers.put(StepAction.REVIEW_CSRS, new ReviewStep());
        handlers.put(StepAction.SIGN_CSRS, new SignRequestsStep());
        handlers.put(StepAction.RECORD_ROTATION_PLAN, new RotationPlanStep());
        handlers.put(StepAction.CHECK_ROOT_ONLY_BUNDLE, new RootOnlyBundleStep());
        handlers.put(StepAction.REVOKE, new RevokeStep());
        handlers.put(StepAction.ISSUE_CRL, new CrlStep());
        handlers.put(StepAction.SHOW_FINGERPRINTS, new FingerprintStep());
        handlers.put(StepAction.EXPORT, new ExportStep());
        handlers.put(StepAction.SHARE_PIN, new SharePinStep());
        for (StepAction action : StepAction.values()) {
            if (!handlers.containsKey(action)) {
                throw new IllegalStateException("no handler for " + action);
            }
        }
    }

    /**
     * The plan of a ceremony, made without the token, resolved against the CA certificates the
     * records hold now (read only): the same plan, and hash, a run started now checks.
     */
    public CeremonyPlan plan(ResolvedScript script) {
        return plans.plan(script, setup.store().caCertificates());
    }

    /**
     * Refuses a run of {@code script} whose plan is not the approved one, as the run itself would
     * (read only): the hash of this run's plan is accepted, and, when the run resumes an unfinished
     * ceremony of the script, the hash of the plan that ceremony started under (the resume is held
     * to its script and parameters as well, and a resume that differs in them is refused first,
     * naming the difference).
     *
     * @throws StepRefused saying the hashes compared, or what differs from the unfinished ceremony
     */
    public void requireApproved(ResolvedScript script, PlanHash approved) {
        LogState log = LogState.read(setup.store().openLog(), LogState.RESUME);
        CeremonyPlan plan = plan(script);
        Optional<StartedPlan> resuming = log.unfinished().filter(u -> u.script().equals(script.script().id()))
                .map(LogState.Unfinished::started);
        resuming.ifPresent(started -> started.resumableBy(script, plan));
        requireApproved(approved, plan, resuming);
    }

    private static void requireApproved(PlanHash approved, CeremonyPlan plan, Optional<StartedPlan> resuming) {
        resuming.ifPresentOrElse(started -> started.requireApproved(approved, plan),
                () -> plan.requireApproved(approved));
    }

    /**
     * Runs (or resumes) a ceremony.
     *
     * @throws StepRefused when it cannot start; nothing was written or touched
     */
    public RunOutcome run(RunRequest request, Operator operator) {
        CeremonyScript script = request.script().script();
        CeremonyPlan plan = plan(request.script());
        if (!plan.passes()) {
            throw new StepRefused("the plan's dry-run lint refuses: " + String.join("; ", plan.findings())
                    + ". Fix the script parameters or the profile; nothing was touched");
        }
        LogState before = LogState.read(setup.store().openLog(), LogState.RESUME);
        before.requireContinuable(new AuditVerifier(setup.verifier()));
        Optional<LogState.Unfinished> unfinished = before.unfinished();
        Optional<StartedPlan> resuming = unfinished.filter(u -> u.script().equals(script.id()))
                .map(LogState.Unfinished::started);
        Optional<PlanMatch> match = resuming.map(started -> started.resumableBy(request.script(), plan));
        request.approvedPlan().ifPresent(approved -> requireApproved(approved, plan, resuming));
        if (request.mode() == RunMode.BATCH && setup.config().token().production() && CA_SCRIPTS.contains(script.id())) {
            throw new StepRefused("batch mode may not run " + script.id() + " on a production token: CA keys are made "
                    + "with people present, in the terminal UI. (A rehearsal token says 'use: rehearsal' in "
                    + "ceremony.yaml)");
        }
        if (request.mode() == RunMode.BATCH && setup.config().token().production()
                && script.steps().stream().anyMatch(step -> step.action() == StepAction.SHARE_PIN)) {
            throw new StepRefused("batch mode may not run " + script.id() + " on a production token: shares are shown "
                    + "to their custodians in the terminal UI and written nowhere; only a rehearsal token lets batch "
                    + "mode write them to files");
        }
        Set<Role> needed = new TreeSet<>();
        script.steps().forEach(step -> needed.addAll(step.confirmBy()));
        if (request.mode() == RunMode.BATCH) {
            for (Role role : needed) {
                if (!request.participants().containsKey(role)) {
                    throw new StepRefused("the script asks the " + KebabCase.of(role) + " to confirm steps; name them ("
                            + (role == Role.WITNESS ? "--witness NAME" : "--operator NAME") + ")");
                }
            }
        }
        RunMedia.bind(setup, request);
        if (unfinished.isPresent() && !unfinished.get().script().equals(script.id())) {
            throw new StepRefused("ceremony " + unfinished.get().ceremony() + " (script " + unfinished.get().script()
                    + ") did not finish. Run " + unfinished.get().script() + " again to resume it, or abort it ("
                    + "ceremony run " + unfinished.get().script() + " --abort REASON), before another ceremony");
        }
        boolean bootstrap = !before.exists();
        boolean startsLog = script.steps().stream().anyMatch(step -> step.action() == StepAction.GENERATE_KEY
                && CaNames.AUDIT_RECORD.equals(step.arguments().get("label")));
        if (bootstrap && !startsLog) {
            throw new StepRefused("there is no audit log yet (" + "records.directory in ceremony.yaml): the root-ca "
                    + "ceremony starts it, and every other ceremony needs the root");
        }
        String ceremony = unfinished.map(LogState.Unfinished::ceremony).orElseGet(() -> newId(script, before));
        Set<String> completed = unfinished.map(LogState.Unfinished::completedSteps).orElse(Set.of());
        Run run = new Run(setup, request, operator, ceremony, before);
        try {
            return execute(run, plan, resuming.map(started -> new Resumption(started, match.orElseThrow())), completed,
                    bootstrap);
        } finally {
            run.close();
        }
    }

    /** The script and the time, made unique in the log: two ceremonies in one second get -2, -3, .... */
    private String newId(CeremonyScript script, LogState log) {
        String base = script.id() + "-" + ID_TIME.format(setup.clock().instant());
        String id = base;
        for (int attempt = 2; log.has(id); attempt++) {
            id = base + "-" + attempt;
        }
        return id;
    }

    private RunOutcome execute(Run run, CeremonyPlan plan, Optional<Resumption> resumption, Set<String> completed,
            boolean bootstrap) {
        RunRequest request = run.request;
        CeremonyScript script = request.script().script();
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("script", script.id());
        start.put("script-sha256", script.sha256());
        start.put("plan-sha256", plan.sha256());
        start.put("plan-format", PlanWriter.FORMAT);
        start.put("approved-plan", request.approvedPlan().isPresent());
        start.put("mode", KebabCase.of(request.mode()));
        start.put("parameters", new LinkedHashMap<>(request.script().values()));
        run.before.unsealedTail().recordIn(start);
        if (bootstrap) {
            run.awaitLog(start);
        } else {
            run.attach(setup.store().open());
            for (String repair : run.workspace().repairs()) {
                run.operator.say("Repaired the records from the audit log: " + repair);
            }
            checkNames(run);
            if (resumption.isEmpty()) {
                run.workspace().log().startCeremony(run.ceremony, start);
            } else {
                resume(run, plan, resumption.get(), completed);
                IncompleteFolders.clear(run);
            }
            for (String repair : run.workspace().repairs()) {
                run.append(AuditTypes.RECORDS_REPAIRED, Map.of("repair", repair));
            }
            UnsealedTail tail = run.before.unsealedTail();
            if (!tail.isEmpty()) {
                run.operator.say("After the audit log's last seal (line " + tail.lastSealedLine() + "): "
                        + tail.summary() + ". This ceremony's first seal vouches for them; the preflight shows them.");
            }
        }
        for (Map.Entry<Role, String> participant : new TreeSet<>(request.participants().keySet()).stream()
                .map(role -> Map.entry(role, request.participants().get(role))).toList()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("role", KebabCase.of(participant.getKey()));
            data.put("name", participant.getValue());
            data.put("mode", KebabCase.of(request.mode()));
            run.append(AuditTypes.PARTICIPANT, data);
        }
        for (String note : request.notes()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("name", request.participants().getOrDefault(Role.ADMINISTRATOR, "administrator"));
            data.put("text", note);
            run.append(AuditTypes.NOTE, data);
        }
        List<ScriptStep> steps = script.steps();
        ScriptStep current = steps.get(0);
        try {
            for (int i = 0; i < steps.size(); i++) {
                current = steps.get(i);
                StepHandler handler = handlers.get(current.action());
                if (completed.contains(current.id()) && current.action() != StepAction.PREFLIGHT) {
                    handler.restore(run, current);
                    run.operator.say("Step " + (i + 1) + " of " + steps.size() + ", " + current.id()
                            + ": completed in the interrupted run; not done again.");
                    continue;
                }
                runStep(run, handler, current, i + 1, steps.size());
            }
            run.append(AuditTypes.CEREMONY_END, completedEnd(run.notSigned));
            run.seal();
            return ended(run, RunOutcome.Ending.COMPLETED, Optional.empty());
        } catch (Declined declined) {
            return abort(run, current, declined.getMessage());
        } catch (LintException e) {
            return abort(run, current, "the lint refused what the step would sign: " + e.getMessage());
        } catch (StepRefused e) {
            return changedNothing(run) ? refuse(run, current, e.getMessage()) : stop(run, current, e);
        } catch (RuntimeException e) {
            return stop(run, current, e);
        }
    }

    /**
     * A refusal while the ceremony has changed nothing of the CA (no key, serial, certificate,
     * revocation, CRL, share or PIN in its records, in this run or an interrupted one): there is
     * nothing to resume, so it ends the ceremony instead of blocking the next one.
     */
    private static boolean changedNothing(Run run) {
        if (!run.logStarted()) {
            return true;
        }
        boolean[] changed = {false};
        run.eachRecord(AuditTypes.STATE_CHANGES, entry -> changed[0] = true);
        return !changed[0];
    }

    /** Refused before anything changed: the refusal recorded, the ceremony ended as refused and sealed. */
    private RunOutcome refuse(Run run, ScriptStep step, String reason) {
        if (!run.logStarted()) {
            return new RunOutcome(run.ceremony, RunOutcome.Ending.REFUSED, Optional.empty(), Optional.empty(),
                    Optional.of(reason));
        }
        run.append(AuditTypes.REFUSAL, Map.of("step", step.id(), "reason", reason));
        IncompleteFolders.clear(run);
        run.append(AuditTypes.CEREMONY_END, Map.of("outcome", "refused"));
        run.seal();
        return ended(run, RunOutcome.Ending.REFUSED, Optional.of(reason));
    }

    /**
     * Records the resume: this run's plan, how it was found to be the one the ceremony started
     * under, and the steps done before; and tells the operator, saying so when the ceremony's plan
     * was written by an earlier version.
     */
    private static void resume(Run run, CeremonyPlan plan, Resumption resumption, Set<String> completed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("plan-sha256", plan.sha256());
        data.put("plan-format", PlanWriter.FORMAT);
        data.put("plan-match", KebabCase.of(resumption.match()));
        if (resumption.match() == PlanMatch.EARLIER_PLAN_FORMAT) {
            data.put("started-under-plan-sha256", resumption.started().planSha256().hex());
        }
        data.put("approved-plan", run.request.approvedPlan().isPresent());
        data.put("completed-steps", List.copyOf(completed));
        run.before.unsealedTail().recordIn(data);
        run.append(AuditTypes.CEREMONY_RESUMED, data);
        if (resumption.match() == PlanMatch.EARLIER_PLAN_FORMAT) {
            run.operator.say("Ceremony " + run.ceremony + " started under plan " + resumption.started().planSha256()
                    + ", whose text an earlier version of this program wrote; this version writes the same plan as "
                    + plan.sha256() + ". The script and the parameters are the same, so it resumes.");
        }
        run.operator.say("Resuming ceremony " + run.ceremony + " after its last completed step.");
    }

    /** The ceremony a run resumes: what it started with, and how this run's plan was matched to it. */
    private record Resumption(StartedPlan started, PlanMatch match) {
    }

    /**
     * One step: a step that changes the CA is made ready, shown and confirmed before anything of it
     * is written; any other step runs first and is confirmed on what it did.
     */
    private void runStep(Run run, StepHandler handler, ScriptStep step, int number, int total) {
        run.operator.showStep(number, total, step);
        Map<String, Object> started = new LinkedHashMap<>();
        started.put("step", step.id());
        started.put("action", KebabCase.of(step.action()));
        started.put("arguments", new LinkedHashMap<>(step.arguments()));
        run.append(AuditTypes.STEP_STARTED, started);
        Map<String, Object> details;
        if (step.action().confirmedFirst()) {
            PreparedStep prepared = handler.prepare(run, step);
            confirm(run, step, prepared.facts());
            details = prepared.commit().get();
        } else {
            details = handler.run(run, step);
            confirm(run, step, handler.done(run, details));
        }
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("step", step.id());
        done.put("action", KebabCase.of(step.action()));
        done.put("outcome", "completed");
        done.put("details", new LinkedHashMap<>(details));
        run.append(AuditTypes.STEP, done);
        run.seal();
    }

    /**
     * Shows {@code shown} and has each role the step names confirm it; a refusal aborts the ceremony.
     * What was shown is logged before the first answer, so the transcript prints what was confirmed.
     */
    private static void confirm(Run run, ScriptStep step, Facts shown) {
        if (!shown.isEmpty() && !step.confirmBy().isEmpty()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("step", step.id());
            data.put("heading", shown.heading());
            data.put("facts", shown.pairs());
            run.append(AuditTypes.FACTS_SHOWN, data);
        }
        for (Role role : new TreeSet<>(step.confirmBy())) {
            Confirmation answer = run.operator.confirm(step, role, shown);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("step", step.id());
            data.put("role", KebabCase.of(role));
            data.put("name", answer.name());
            data.put("confirmed", answer.confirmed());
            data.put("as-given", answer.asGiven());
            answer.reason().ifPresent(reason -> data.put("reason", reason));
            run.append(AuditTypes.CONFIRMATION, data);
            if (!answer.confirmed()) {
                throw new Declined("the " + KebabCase.of(role) + " " + answer.name() + " did not confirm step '"
                        + step.id() + "': " + answer.reason().orElseThrow());
            }
        }
        run.sync();
    }

    /**
     * Before the token is touched: a CA a script creates must not exist yet, and a rotation's new
     * generation must be the next one.
     */
    private static void checkNames(Run run) {
        List<String> names = run.records().caCertificateNames();
        for (ScriptStep step : run.request.script().script().steps()) {
            if (step.action() != StepAction.GENERATE_KEY) {
                continue;
            }
            String label = step.arguments().get("label");
            if (label.equals(CaNames.AUDIT_RECORD) || label.equals(CaNames.ROOT_RECORD)) {
                if (names.contains(CaNames.ROOT_RECORD)
                        && run.before.recordedKey(run.ceremony, CaNames.ROOT_RECORD).isEmpty()) {
                    throw new StepRefused("the records already hold a root CA; a second root ceremony on the same "
                            + "records is refused");
                }
                continue;
            }
            if (names.contains(label) && !run.before.recordedKey(run.ceremony, label).isPresent()) {
                throw new StepRefused("the records already hold a CA '" + label + "'; rotate it with the "
                        + "intermediate-rotation ceremony instead");
            }
            for (ScriptStep signing : run.request.script().script().steps()) {
                String ca = signing.arguments().get("ca");
                if (signing.action() != StepAction.SIGN_INTERMEDIATE || ca == null
                        || !step.arguments().get("key").equals(signing.arguments().get("key"))) {
                    continue;
                }
                Optional<Integer> generation = CaNames.generation(label, ca);
                if (generation.isEmpty()) {
                    throw new StepRefused("step '" + step.id() + "': the key of CA " + ca + " must be labelled " + ca
                            + " (or " + ca + "-N for its N-th generation), not " + label);
                }
                int next = CaNames.generations(names, ca).size() + 1;
                if (!run.before.recordedKey(run.ceremony, label).isPresent() && generation.get() != next) {
                    throw new StepRefused("step '" + step.id() + "': " + ca + " has " + (next - 1) + " generation(s) "
                            + "in the records, so the new one is generation " + next + (next == 1 ? " (label " + ca
                                    + ")" : " (label " + ca + "-" + next + ", --param generation=" + next + ")")
                            + ", not " + label);
                }
            }
        }
    }

    /** The step stopped: recorded, sealed if it can be; running again resumes it. */
    private RunOutcome stop(Run run, ScriptStep step, RuntimeException e) {
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        boolean refusal = e instanceof StepRefused;
        if (run.logStarted()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("step", step.id());
            data.put("reason", reason);
            run.append(refusal ? AuditTypes.REFUSAL : AuditTypes.ERROR, data);
            try {
                run.seal();
            } catch (RuntimeException sealing) {
                run.sync();
            }
        }
        return new RunOutcome(run.ceremony, RunOutcome.Ending.STOPPED, run.logStarted()
                ? Optional.of(run.workspace().log().head()) : Optional.empty(), Optional.empty(), Optional.of(
                        "step '" + step.id() + "' " + (refusal ? "refused" : "failed") + ": " + reason));
    }

    /** The ceremony is abandoned: debris destroyed and recorded, the log sealed, a transcript written. */
    private RunOutcome abort(Run run, ScriptStep step, String reason) {
        return abort(run, step, reason, Map.of());
    }

    /** An abort whose record also carries {@code more} (after {@code step}, before the reason). */
    private RunOutcome abort(Run run, ScriptStep step, String reason, Map<String, Object> more) {
        if (!run.logStarted()) {
            return new RunOutcome(run.ceremony, RunOutcome.Ending.ABORTED, Optional.empty(), Optional.empty(),
                    Optional.of(reason));
        }
        Optional<String> halfMadeRoot = HalfMadeRoot.refusal(run.records());
        if (halfMadeRoot.isPresent()) {
            // Stopped, not aborted: the ceremony stays resumable, which is the one way to finish this root.
            return stop(run, step, new StepRefused(reason + "; " + halfMadeRoot.get()));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("step", step.id());
        data.putAll(more);
        data.put("reason", reason);
        run.append(AuditTypes.ABORT, data);
        destroyDebris(run);
        IncompleteFolders.clear(run);
        run.append(AuditTypes.CEREMONY_END, Map.of("outcome", "aborted"));
        run.seal();
        return ended(run, RunOutcome.Ending.ABORTED, Optional.of(reason));
    }

    /**
     * Aborts the unfinished ceremony of {@code script}, with the parameters it was started with:
     * opens the token to destroy what it made that no certificate uses, records the reason, the last
     * step the ceremony began (and whether it completed) and who aborted it, seals, and writes the
     * transcript.
     */
    public RunOutcome abortUnfinished(CeremonyScript script, Map<Role, String> participants, Operator operator,
            String reason) {
        if (reason.isBlank() || !dev.ceremony.text.Printable.isPrintable(reason)) {
            throw new StepRefused("an abort needs its reason in printable text");
        }
        LogState before = LogState.read(setup.store().openLog(), LogState.RESUME);
        before.requireContinuable(new AuditVerifier(setup.verifier()));
        LogState.Unfinished unfinished = before.unfinished().filter(u -> u.script().equals(script.id()))
                .orElseThrow(() -> new StepRefused("there is no unfinished " + script.id() + " ceremony to abort"));
        Map<String, String> parameters = new LinkedHashMap<>();
        Object recorded = before.of(unfinished.ceremony()).get(0).data().get("parameters");
        if (recorded instanceof Map<?, ?> values) {
            values.forEach((name, value) -> parameters.put(String.valueOf(name), String.valueOf(value)));
        }
        RunRequest request = new RunRequest(ResolvedScript.of(script, parameters), RunMode.BATCH, participants,
                Optional.empty(), Optional.empty(), Optional.empty(), List.of());
        Run run = new Run(setup, request, operator, unfinished.ceremony(), before);
        try {
            run.attach(setup.store().open());
            HalfMadeRoot.refusal(run.records()).ifPresent(refusal -> {
                throw new StepRefused("ceremony " + unfinished.ceremony() + " cannot be aborted: " + refusal);
            });
            run.token(setup.tokens().open());
            TokenLogin.logIn(run, before, run.requireToken());
            run.sealWith(run.requireToken().requireKey(new KeyLabel(CaNames.AUDIT_RECORD)));
            List<String> by = new ArrayList<>();
            for (Map.Entry<Role, String> participant : new java.util.TreeMap<>(participants).entrySet()) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("role", KebabCase.of(participant.getKey()));
                data.put("name", participant.getValue());
                run.append(AuditTypes.PARTICIPANT, data);
                by.add(KebabCase.of(participant.getKey()) + " " + participant.getValue());
            }
            // The record names the last step the ceremony began, not the script's first.
            String begun = null;
            boolean completed = false;
            for (AuditEntry entry : run.now(Set.of(AuditTypes.STEP_STARTED, AuditTypes.STEP)).of(run.ceremony)) {
                if (entry.type().equals(AuditTypes.STEP_STARTED)) {
                    begun = entry.dataText("step");
                    completed = false;
                } else if (entry.type().equals(AuditTypes.STEP) && entry.dataText("step").equals(begun)) {
                    completed = true;
                }
            }
            String last = begun;
            ScriptStep step = script.steps().stream().filter(s -> s.id().equals(last)).findFirst()
                    .orElse(script.steps().get(0));
            Map<String, Object> more = new LinkedHashMap<>();
            if (last != null) {
                more.put("step-completed", completed);
            }
            more.put("by", List.copyOf(by));
            return abort(run, step, reason, more);
        } finally {
            run.close();
        }
    }

    /** Destroys the keys this ceremony generated that no stored CA certificate uses (never the log's audit key). */
    private static void destroyDebris(Run run) {
        Set<String> certified = RecordsHistory.caKeys(run.records());
        LogState log = run.now(Set.of(AuditTypes.KEY_GENERATED));
        String auditKey = log.auditKeySha256().orElse("");
        for (AuditEntry entry : log.of(run.ceremony)) {
            if (!entry.type().equals(AuditTypes.KEY_GENERATED)) {
                continue;
            }
            String sha = entry.dataText("public-key-sha256");
            String label = entry.dataText("label");
            if (certified.contains(sha) || sha.equals(auditKey) || run.token().isEmpty()) {
                continue;
            }
            Optional<KeyHandle> key = run.requireToken().findKey(new KeyLabel(label));
            if (key.isPresent() && key.get().publicKeySha256().orElse("").equals(sha)) {
                run.requireToken().destroyKey(key.get());
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("label", label);
                data.put("public-key-sha256", sha);
                data.put("reason", "made by the aborted ceremony and certified by nothing");
                run.append(AuditTypes.KEY_DESTROYED, data);
                run.operator.say("Destroyed key '" + label + "' (made by this ceremony, certified by nothing).");
            }
        }
        run.sync();
    }

    /**
     * The end record of a completed ceremony: a plain "completed" only when every reviewed request
     * was signed; otherwise it says how many were not, and names them.
     */
    private static Map<String, Object> completedEnd(List<String> notSigned) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("outcome", notSigned.isEmpty() ? "completed"
                : "completed with " + notSigned.size() + " reviewed request(s) not signed");
        if (!notSigned.isEmpty()) {
            data.put("not-signed", List.copyOf(notSigned));
        }
        return data;
    }

    private RunOutcome ended(Run run, RunOutcome.Ending ending, Optional<String> reason) {
        Path transcript = setup.store().writeTranscript(run.ceremony, Transcript.render(run.now(Transcript.TYPES).of(
                run.ceremony), run.ceremony));
        String head = run.workspace().log().head();
        RunOutcome outcome = new RunOutcome(run.ceremony, ending, Optional.of(head), Optional.of(transcript), reason,
                ending == RunOutcome.Ending.COMPLETED ? run.notSigned : List.of());
        run.operator.say("Ceremony " + run.ceremony + " " + outcome.summary() + ". Audit log head " + head);
        run.operator.fingerprint("audit log head", head);
        run.operator.say("Transcript: " + transcript);
        return outcome;
    }

    /** A person declined to confirm a step. */
    private static final class Declined extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Declined(String message) {
            super(message);
        }
    }
}
