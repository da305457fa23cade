package dev.ceremony.engine;

import dev.ceremony.audit.AuditTypes;
import dev.ceremony.pki.CaSigner;
import dev.ceremony.pki.CertificateIssuer;
import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.pki.TokenSerials;
import dev.ceremony.pki.csr.Verdict;
import dev.ceremony.records.BatchIssuer;
import dev.ceremony.records.RecordedSerials;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signs the reviewed requests as one batch: each chunk's serials and TBS hashes go into the log
 * with one sync, then the token signs each certificate once, and each is verified and recorded.
 */
final class SignRequestsStep implements StepHandler {

    @Override
    public Map<String, Object> run(Run run, ScriptStep step) {
        CertificateProfile profile = run.certificates.profile(step);
        CaSigner issuer = run.ca(step.arguments().get("issuer"));
        Optional<Integer> days = Optional.ofNullable(step.arguments().get("validity-days")).map(Integer::valueOf);
        List<CertificateIssuer.Request> requests = new ArrayList<>();
        for (Verdict verdict : run.reviewed) {
            verdict.issued().ifPresent(subject -> requests.add(new CertificateIssuer.Request(profile, subject, issuer,
                    days, Optional.empty())));
        }
        if (requests.isEmpty()) {
            run.operator.say("Every reviewed request is already signed (by the interrupted run); nothing to sign.");
            return Map.of("issued", 0L, "refused", 0L);
        }
        BatchIssuer batch = new BatchIssuer(new CertificateIssuer(run.requireToken(), new RecordedSerials(
                new TokenSerials(run.requireToken()), run.records()), run.setup.linter(), run.setup.verifier(),
                run.setup.clock(), CaCertificateStep.MAX_SKEW), run.records(), BatchIssuer.DEFAULT_CHUNK);
        long total = requests.size();
        long[] issued = {0};
        batch.issue(requests, false, done -> run.operator.progress("signing", done, total), outcome -> {
            if (outcome.issued().isPresent()) {
                issued[0]++;
                return;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("step", step.id());
            data.put("subject", outcome.request().subject().subject().toString());
            data.put("reason", outcome.refusal().orElseThrow());
            run.append(AuditTypes.REFUSAL, data);
            run.operator.say("  NOT SIGNED " + outcome.request().subject().subject() + ": "
                    + outcome.refusal().orElseThrow());
        });
        run.sync();
        run.reviewed = List.of();
        run.operator.say("Signed " + issued[0] + " certificate(s) with " + issuer.name() + "; " + (total - issued[0])
                + " refused by the lint.");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("issuer", issuer.name().toString());
        details.put("issued", issued[0]);
        details.put("refused", total - issued[0]);
        return details;
    }
}
