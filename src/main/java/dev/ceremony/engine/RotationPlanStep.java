package dev.ceremony.engine;

import dev.ceremony.audit.AuditTypes;
import dev.ceremony.pki.CaSigner;
import dev.ceremony.pki.KeyIds;
import dev.ceremony.records.IssuedEntries;
import dev.ceremony.text.Facts;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Records a rotation's plan: from now on only the new intermediate issues (a script's CA name
 * always means the newest generation); the old one is retired after the overlap window, and keeps
 * its CRL until the last certificate it issued expires.
 */
final class RotationPlanStep implements StepHandler {

    @Override
    public Map<String, Object> run(Run run, ScriptStep step) {
        return prepare(run, step).commit().get();
    }

    /** Works the rotation's dates out and shows them; the plan is recorded once it is confirmed. */
    @Override
    public PreparedStep prepare(Run run, ScriptStep step) {
        CaSigner next = run.ca(step.arguments().get("new-issuer"));
        String newName = next.key().label();
        List<String> generations = CaNames.generations(run.records().caCertificateNames(),
                step.arguments().get("old-issuer"));
        int index = generations.indexOf(newName);
        if (index < 1) {
            throw new StepRefused("step '" + step.id() + "': " + newName + " is not a newer generation of "
                    + step.arguments().get("old-issuer"));
        }
        String oldName = generations.get(index - 1);
        X509CertificateHolder old = run.records().caCertificate(oldName).orElseThrow();
        Instant now = run.setup.clock().instant();
        Instant overlapEnd = now.plus(Duration.ofDays(Long.parseLong(step.arguments().get("overlap-days"))));
        Instant oldExpiry = old.getNotAfter().toInstant();
        Instant retire = overlapEnd.isBefore(oldExpiry) ? overlapEnd : oldExpiry;
        String oldKeyId = KeyIds.subjectKeyId(old);
        Instant lastLeaf = IssuedEntries.lastExpiry(run.records(), oldKeyId).orElse(now);
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("old", oldName);
        plan.put("old-subject", old.getSubject().toString());
        plan.put("old-expires", oldExpiry.toString());
        plan.put("new", newName);
        plan.put("new-subject", next.name().toString());
        plan.put("issuing-from", newName);
        plan.put("old-retires", retire.toString());
        plan.put("last-old-leaf-expires", lastLeaf.toString());
        plan.put("old-crl-until", (lastLeaf.isAfter(retire) ? lastLeaf : retire).toString());
        Facts facts = Facts.of("The rotation plan about to be recorded:")
                .with("issues from now", newName + ": " + next.name())
                .with("retires", oldName + ": " + old.getSubject())
                .with("old issues until", "now: it issues nothing more from this ceremony on")
                .with("old retired on", retire.toString())
                .with("old expires", oldExpiry.toString())
                .with("last old leaf", "expires " + lastLeaf)
                .with("old CRL until", plan.get("old-crl-until").toString());
        return new PreparedStep(facts, () -> record(run, plan, newName, oldName, retire, lastLeaf));
    }

    private static Map<String, Object> record(Run run, Map<String, Object> plan, String newName, String oldName,
            Instant retire, Instant lastLeaf) {
        run.append(AuditTypes.ROTATION_PLAN, plan);
        run.operator.say("Rotation plan: " + newName + " issues from now on; " + oldName + " issues nothing more and "
                + "retires on " + retire + ".");
        run.operator.say("  The last certificate " + oldName + " issued expires on " + lastLeaf + "; its CRL is "
                + "renewed (crl-renewal) until then.");
        return plan;
    }
}
