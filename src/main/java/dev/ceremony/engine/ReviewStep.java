package dev.ceremony.engine;

import dev.ceremony.audit.AuditChain;
import dev.ceremony.audit.AuditTypes;
import dev.ceremony.config.ApplianceConfig;
import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.pki.csr.CsrReader;
import dev.ceremony.pki.csr.PolicySettings;
import dev.ceremony.pki.csr.Refusal;
import dev.ceremony.pki.csr.RequestPolicy;
import dev.ceremony.pki.csr.Verdict;
import dev.ceremony.records.CaRecords;
import dev.ceremony.records.RecordsHistory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CSR review gate: each quarantined request parsed, its signature verified and judged by the
 * policy under the step's profile; requested and issued values side by side, every refusal with
 * its rule. Only what passes here is signed.
 */
final class ReviewStep implements StepHandler {

    @Override
    public Map<String, Object> run(Run run, ScriptStep step) {
        List<Verdict> verdicts = evaluate(run, step);
        long accepted = 0;
        for (Verdict verdict : verdicts) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("source", verdict.source());
            data.put("verdict", verdict.accepted() ? "accepted" : "refused");
            verdict.requested().ifPresent(requested -> data.put("requested", requested.subject()));
            verdict.issued().ifPresent(issued -> data.put("issued", issued.subject().toString()));
            List<String> refusals = new ArrayList<>();
            for (Refusal refusal : verdict.refusals()) {
                refusals.add("[" + refusal.rule() + "] " + refusal.reason());
            }
            if (!refusals.isEmpty()) {
                data.put("refusals", refusals);
            }
            run.append(AuditTypes.REQUEST_REVIEWED, data);
            if (verdict.accepted()) {
                accepted++;
                run.operator.say("  accepted " + verdict.source() + ": requested " + verdict.requested()
                        .map(r -> r.subject()).orElse("?") + "; issues " + verdict.issued().orElseThrow().subject());
            } else {
                run.operator.say("  REFUSED " + verdict.source() + ": " + String.join("; ", refusals));
            }
        }
        run.sync();
        run.operator.say("Review: " + accepted + " accepted, " + (verdicts.size() - accepted) + " refused, under profile "
                + step.arguments().get("profile") + ".");
        if (accepted == 0) {
            throw new StepRefused("no request passed the review; nothing would be signed");
        }
        run.reviewed = verdicts;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("accepted", accepted);
        details.put("refused", (long) verdicts.size() - accepted);
        return details;
    }

    /**
     * On resume the review is made again from the same quarantined files. Requests the
     * interrupted run already signed are now refused as certified keys, so they are not signed twice.
     */
    @Override
    public void restore(Run run, ScriptStep step) {
        run.reviewed = evaluate(run, step);
    }

    private static List<Verdict> evaluate(Run run, ScriptStep step) {
        CertificateProfile profile = run.certificates.profile(step);
        ApplianceConfig config = run.setup.config();
        RequestPolicy policy = new RequestPolicy(new CsrReader(run.setup.verifier()), new PolicySettings(
                config.dnDefaults(), config.policy().permittedDomains(), config.policy().deviceUriDomain(),
                config.policy().maxAlternativeNames()));
        CaRecords records = run.records();
        RecordsHistory history = new RecordsHistory(records, RecordsHistory.caKeys(records), run.setup.clock());
        // Each request is read, checked against its imported hash and judged on its own: on every core, in order.
        return run.imported.parallelStream().map(file -> {
            byte[] bytes = run.setup.media().read(Path.of(file.quarantined().orElseThrow()));
            if (!AuditChain.sha256Bytes(bytes).equals(file.sha256().orElseThrow())) {
                throw new StepRefused("the quarantined copy of " + file.name() + " changed since it was imported "
                        + "(its SHA-256 is not the one the log records); abort the ceremony and import again");
            }
            return policy.judge(profile, new RequestPolicy.Input(file.name(), bytes), history);
        }).toList();
    }
}
