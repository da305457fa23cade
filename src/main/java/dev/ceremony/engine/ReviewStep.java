package dev.ceremony.engine;

import dev.ceremony.pki.csr.RequestSummaries;
import dev.ceremony.text.Facts;
import dev.ceremony.audit.AuditChain;
import dev.ceremony.audit.AuditEntry;
import dev.ceremony.audit.AuditTypes;
import dev.ceremony.config.ApplianceConfig;
import dev.ceremony.media.ImportVerdict;
import dev.ceremony.pki.CertificateDrafter;
import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.pki.SerialText;
import dev.ceremony.pki.csr.CsrReader;
import dev.ceremony.pki.csr.IssuanceHistory;
import dev.ceremony.pki.csr.PolicySettings;
import dev.ceremony.pki.csr.Refusal;
import dev.ceremony.pki.csr.RequestJudge;
import dev.ceremony.pki.csr.RequestPolicy;
import dev.ceremony.pki.csr.Verdict;
import dev.ceremony.records.CaRecords;
import dev.ceremony.records.DigestIndex;
import dev.ceremony.records.RecordsHistory;
import dev.ceremony.records.BatchIssuer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CSR review gate, which is the signing gate: each quarantined request parsed, its signature
 * verified and judged as the sign step that follows will judge it ({@link RequestJudge}: profile,
 * policy, the issuer's constraints and the lint of the drafted certificate); requested and issued
 * values side by side, every refusal with its rule. Only what passes here is signed. Two requests
 * of one batch for the same key, or the same subject, are refused after the first: one key, one
 * certificate.
 *
 * <p>The imports are read back from the log and judged a chunk at a time on every core; each
 * verdict goes to the log, where the sign step reads the accepted ones again. Memory stays that of
 * one chunk (and 24 bytes a request for the batch's keys and subjects) however large the batch.
 */
final class ReviewStep implements StepHandler {

    @Override
    public Map<String, Object> run(Run run, ScriptStep step) {
        String importId = run.importId.orElseThrow(() -> new StepRefused("step '" + step.id() + "' reviews an "
                + "import, but no import step ran before it"));
        ScriptStep signing = signStepOf(run, step);
        Judge judge = Judge.of(run, signing, new CsrReader(run.setup.verifier()));
        CertificateProfile profile = judge.terms().profile();
        DigestIndex batchKeys = new DigestIndex();
        DigestIndex batchSubjects = new DigestIndex();
        long[] counts = {0, 0};
        long[] seqs = {-1, -1};
        List<ImportVerdict> chunk = new ArrayList<>();
        Runnable review = () -> {
            List<Verdict> verdicts = judge.all(run, chunk);
            for (int i = 0; i < chunk.size(); i++) {
                Verdict verdict = onePerBatch(verdicts.get(i), profile, batchKeys, batchSubjects);
                AuditEntry logged = log(run, chunk.get(i), verdict);
                if (logged != null) {
                    seqs[0] = seqs[0] < 0 ? logged.seq() : seqs[0];
                    seqs[1] = logged.seq();
                }
                counts[verdict.accepted() ? 0 : 1]++;
            }
            run.sync();
            chunk.clear();
        };
        run.eachRecord(Set.of(ImportStep.IMPORTED), entry -> {
            if (ImportStep.belongsTo(entry, importId)) {
                chunk.add(ImportStep.file(entry));
                if (chunk.size() == BatchIssuer.DEFAULT_CHUNK) {
                    review.run();
                }
            }
        });
        review.run();
        run.operator.say("Review: " + counts[0] + " accepted, " + counts[1] + " refused, under profile "
                + profile.name() + " for issuer " + judge.terms().issuer().name() + ".");
        if (counts[0] == 0) {
            throw new StepRefused("no request passed the review; nothing would be signed");
        }
        Set<String> leftOut = new TreeSet<>(run.operator.leftOut());
        Set<String> unknown = new TreeSet<>(leftOut);
        if (!leftOut.isEmpty()) {
            run.eachRecord(Set.of(AuditTypes.REQUEST_REVIEWED), entry -> {
                if (entry.seq() >= seqs[0] && entry.seq() <= seqs[1] && "accepted".equals(entry.data().get("verdict"))) {
                    unknown.remove(entry.dataText("source"));
                }
            });
        }
        if (!unknown.isEmpty()) {
            throw new StepRefused("these requests cannot be left out, because this review did not accept them: "
                    + String.join(", ", unknown) + "; name accepted requests by their file name");
        }
        for (String source : leftOut) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("source", source);
            data.put("by", run.request.participants().getOrDefault(Role.ADMINISTRATOR, "administrator"));
            run.append(AuditTypes.REQUEST_LEFT_OUT, data);
            run.operator.say("  left out by the officer: " + source);
        }
        if (leftOut.size() == counts[0]) {
            throw new StepRefused("every accepted request was left out; nothing would be signed");
        }
        run.reviewed = Optional.of(new ReviewRecords(seqs[0], seqs[1], counts[0] - leftOut.size(), leftOut));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("accepted", counts[0]);
        details.put("refused", counts[1]);
        if (!leftOut.isEmpty()) {
            details.put("left-out", (long) leftOut.size());
        }
        details.put("first-record", seqs[0]);
        details.put("last-record", seqs[1]);
        return details;
    }

    /**
     * The review's outcome, for the witness to compare with the list of requests expected: the
     * counts, then each request with what it would get, or the rules that refused it.
     */
    @Override
    public Facts done(Run run, Map<String, Object> details) {
        Facts facts = Facts.of("The review found:")
                .with("accepted", String.valueOf(details.get("accepted")))
                .with("refused", String.valueOf(details.get("refused")));
        if (details.containsKey("left-out")) {
            facts = facts.with("left out", details.get("left-out") + " accepted request(s), by the officer");
        }
        return ReviewedRequests.add(run, run.reviewed.orElseThrow(), false, facts);
    }

    /** The review the interrupted run completed: where its records are, as its step record says. */
    @Override
    public void restore(Run run, ScriptStep step) {
        Map<?, ?> details = StepHandler.completedDetails(run, step).orElseThrow(() -> new StepRefused("the log "
                + "holds no completed review to resume from"));
        if (!(details.get("first-record") instanceof Number first) || !(details.get("last-record") instanceof Number last)
                || !(details.get("accepted") instanceof Number accepted)) {
            throw new StepRefused("the interrupted run's review record does not say where its verdicts are; abort "
                    + "this ceremony and run it again");
        }
        Set<String> leftOut = new TreeSet<>();
        for (AuditEntry entry : run.before.of(run.ceremony)) {
            if (entry.type().equals(AuditTypes.REQUEST_LEFT_OUT) && entry.seq() > last.longValue()) {
                leftOut.add(entry.dataText("source"));
            }
        }
        run.reviewed = Optional.of(new ReviewRecords(first.longValue(), last.longValue(), accepted.longValue()
                - leftOut.size(), leftOut));
    }

    /**
     * The sign step this review is the gate of: the next sign-csrs step of the script. The review
     * judges under its profile, issuer and days, so that what it accepts is what that step signs.
     */
    static ScriptStep signStepOf(Run run, ScriptStep review) {
        List<ScriptStep> steps = run.request.script().script().steps();
        ScriptStep signing = steps.subList(steps.indexOf(review) + 1, steps.size()).stream()
                .filter(s -> s.action() == StepAction.SIGN_CSRS).findFirst().orElseThrow(() -> new StepRefused(
                        "step '" + review.id() + "' reviews requests for a sign-csrs step, but none follows it in "
                                + "the script; add one, or remove the review"));
        if (!signing.arguments().get("profile").equals(review.arguments().get("profile"))) {
            throw new StepRefused("step '" + review.id() + "' reviews under profile " + review.arguments().get("profile")
                    + ", but step '" + signing.id() + "' signs under " + signing.arguments().get("profile")
                    + "; give both the same profile in the script");
        }
        return signing;
    }

    /** A second request of the batch for a key or a subject that an earlier one already takes is refused. */
    private static Verdict onePerBatch(Verdict verdict, CertificateProfile profile, DigestIndex keys,
            DigestIndex subjects) {
        if (!verdict.accepted()) {
            return verdict;
        }
        long key = RecordsHistory.keyDigest(verdict.issued().orElseThrow().publicKey());
        long subject = RecordsHistory.subjectDigest(profile.name(), verdict.issued().orElseThrow().subject().toString());
        if (keys.contains(key)) {
            return refuse(verdict, new Refusal("key-repeated-in-batch", "an earlier request of this batch has the "
                    + "same public key; one key gets one certificate"));
        }
        if (subjects.contains(subject)) {
            return refuse(verdict, new Refusal("subject-repeated-in-batch", "an earlier request of this batch asks "
                    + "for the same subject; each device or server gets one certificate"));
        }
        keys.add(key);
        subjects.add(subject);
        return verdict;
    }

    private static Verdict refuse(Verdict verdict, Refusal refusal) {
        return new Verdict(verdict.source(), verdict.requested(), Optional.empty(), List.of(refusal));
    }

    private static AuditEntry log(Run run, ImportVerdict file, Verdict verdict) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", verdict.source());
        data.put("sha256", file.sha256().orElseThrow());
        data.put("quarantine", file.quarantined().orElseThrow());
        data.put("verdict", verdict.accepted() ? "accepted" : "refused");
        verdict.requested().ifPresent(requested -> data.put("requested", requested.subject()));
        verdict.issued().ifPresent(issued -> {
            data.put("issued", issued.subject().toString());
            data.put("alt-names", issued.alternativeNames().stream().map(RequestSummaries::display).toList());
            verdict.renewalOf().ifPresent(serial -> {
                data.put("renewal", true);
                data.put("renewal-of", SerialText.of(serial));
            });
        });
        List<String> refusals = new ArrayList<>();
        for (Refusal refusal : verdict.refusals()) {
            refusals.add("[" + refusal.rule() + "] " + refusal.reason());
        }
        if (!refusals.isEmpty()) {
            data.put("refusals", refusals);
        }
        run.operator.verdict(verdict);
        return run.append(AuditTypes.REQUEST_REVIEWED, data);
    }

    /**
     * The one judgement ({@link RequestJudge}) a batch gets, with its terms (profile, issuer,
     * days: those of the sign step) and the history, made once for the step.
     */
    record Judge(RequestJudge judge, RequestJudge.Terms terms, IssuanceHistory history) {

        /** The judgement under the terms of {@code signing}, a sign-csrs step; the issuer's key must be on the token. */
        static Judge of(Run run, ScriptStep signing, CsrReader reader) {
            ApplianceConfig config = run.setup.config();
            RequestPolicy policy = new RequestPolicy(reader, new PolicySettings(
                    config.dnDefaults(), config.policy().permittedDomains(), config.policy().deviceUriDomain(),
                    config.policy().maxAlternativeNames()));
            RequestJudge judge = new RequestJudge(policy, new CertificateDrafter(run.setup.linter(), run.setup.clock(),
                    CaCertificateStep.MAX_SKEW));
            RequestJudge.Terms terms = new RequestJudge.Terms(run.certificates.profile(signing),
                    run.ca(signing.arguments().get("issuer")), Optional.ofNullable(signing.arguments()
                            .get("validity-days")).map(Integer::valueOf));
            CaRecords records = run.records();
            return new Judge(judge, terms, new RecordsHistory(records, RecordsHistory.caKeys(records),
                    run.setup.clock()));
        }

        Judge with(IssuanceHistory other) {
            return new Judge(judge, terms, other);
        }

        /**
         * Each file read from quarantine, checked against the SHA-256 its import logged, and judged
         * on its own: on every core, verdicts in order.
         */
        List<Verdict> all(Run run, List<ImportVerdict> files) {
            return files.parallelStream().map(file -> {
                byte[] bytes = run.setup.media().read(Path.of(file.quarantined().orElseThrow()));
                if (!AuditChain.sha256Bytes(bytes).equals(file.sha256().orElseThrow())) {
                    throw new StepRefused("the quarantined copy of " + file.name() + " changed since it was "
                            + "imported (its SHA-256 is not the one the log records); abort the ceremony and import "
                            + "again");
                }
                return judge.judge(terms, new RequestPolicy.Input(file.name(), bytes), history);
            }).toList();
        }
    }
}
