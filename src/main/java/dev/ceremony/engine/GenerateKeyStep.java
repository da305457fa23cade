package dev.ceremony.engine;

import dev.ceremony.audit.AuditTypes;
import dev.ceremony.text.Facts;
import dev.ceremony.text.KebabCase;
import dev.ceremony.token.KeyAttributes;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.Token;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Generates a key pair on the token and writes its public key and the attributes the token
 * reports to the log at once. The log says "generation started" first, so that a key a crash
 * left unrecorded is known for what it is when the ceremony resumes, and destroyed then.
 */
final class GenerateKeyStep implements StepHandler {

    /** Shows the key about to be generated: its label, type, token and the attributes it must have. */
    @Override
    public PreparedStep prepare(Run run, ScriptStep step) {
        KeySpec spec = KebabCase.parse(KeySpec.class, step.arguments().get("spec"));
        String label = step.arguments().get("label");
        boolean audit = label.equals(CaNames.AUDIT_RECORD);
        Facts facts = Facts.of(run.before.recordedKey(run.ceremony, label).isPresent()
                ? "The key the interrupted run generated on the token and recorded, to be used:"
                : "The key about to be generated on the token:")
                .with("label", label)
                .with("purpose", audit ? "signs the audit log (the root certifies it)" : "CA key '"
                        + step.arguments().get("key") + "'")
                .with("key type", spec.description())
                .with("token", run.requireToken().identity().label() + " (serial "
                        + run.requireToken().identity().serial() + ")")
                .with("attributes", "private, sensitive, never extractable, sign only; the public key is kept "
                        + "on the token beside it");
        return new PreparedStep(facts, () -> run(run, step));
    }

    @Override
    public Map<String, Object> run(Run run, ScriptStep step) {
        Token token = run.requireToken();
        String name = step.arguments().get("key");
        KeyLabel label = new KeyLabel(step.arguments().get("label"));
        KeySpec spec = KebabCase.parse(KeySpec.class, step.arguments().get("spec"));
        Optional<KeyHandle> existing = token.findKey(label);
        Optional<String> recorded = run.before.recordedKey(run.ceremony, label.value());
        if (existing.isPresent() && recorded.isPresent() && recorded.equals(existing.get().publicKeySha256())) {
            // The interrupted run generated and recorded this key, and stopped before the step's own record.
            run.keys.put(name, existing.get());
            run.operator.say("Key '" + label + "' was generated and recorded by the interrupted run; used, not "
                    + "generated again.");
            return Map.of("label", label.value(), "public-key-sha256", recorded.get());
        }
        if (existing.isPresent()) {
            Optional<KeyHandle> reused = reuse(run, existing.get());
            if (reused.isPresent()) {
                run.keys.put(name, reused.get());
                return Map.of("label", label.value(), "reused", true);
            }
        }
        if (run.logStarted()) {
            Map<String, Object> started = new LinkedHashMap<>();
            started.put("label", label.value());
            started.put("spec", KebabCase.of(spec));
            run.append(AuditTypes.KEY_GENERATION_STARTED, started);
            run.sync();
        }
        KeyHandle key = token.generateKeyPair(label, spec);
        KeyAttributes attributes = key.attributes();
        if (!attributes.neverLeftToken() || !attributes.signOnly()) {
            token.destroyKey(key);
            throw new StepRefused("the token made key '" + label + "' with attributes that let it leave the token or "
                    + "do more than sign (" + attributes + "); it was destroyed. This token cannot hold CA keys");
        }
        boolean auditKey = label.value().equals(CaNames.AUDIT_RECORD);
        if (auditKey && !run.logStarted()) {
            run.startLog(key);
            run.sealWith(key);
        }
        String sha = key.publicKeySha256().orElseThrow();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("label", label.value());
        data.put("key", name);
        data.put("spec", KebabCase.of(spec));
        data.put("public-key-sha256", sha);
        data.put("attributes", attributes(attributes));
        run.append(AuditTypes.KEY_GENERATED, data);
        run.sync();
        run.keys.put(name, key);
        run.operator.fingerprint("public key '" + label + "' (" + spec.description() + ")", sha);
        return Map.of("label", label.value(), "public-key-sha256", sha);
    }

    /**
     * A key already under the label: the log's own audit key (kept when an earlier root ceremony
     * was aborted) is used again; a key this ceremony began to generate before a crash is
     * destroyed, since nothing was ever signed with it; anything else stops the ceremony.
     */
    private static Optional<KeyHandle> reuse(Run run, KeyHandle existing) {
        Token token = run.requireToken();
        String label = existing.label();
        String sha = existing.publicKeySha256().orElse("(no public key)");
        if (label.equals(CaNames.AUDIT_RECORD) && run.before.auditKeySha256().map(sha::equals).orElse(false)) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("label", label);
            data.put("public-key-sha256", sha);
            data.put("reason", "the key this audit log started with, kept when an earlier root ceremony ended");
            run.append(AuditTypes.KEY_REUSED, data);
            run.operator.say("The audit key that started this log is on the token and is used again.");
            return Optional.of(existing);
        }
        if (run.before.interruptedGenerations(run.ceremony).contains(label)) {
            token.destroyKey(existing);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("label", label);
            data.put("public-key-sha256", sha);
            data.put("reason", "generated when a crash interrupted this step, before the log recorded it; never used");
            run.append(AuditTypes.KEY_DESTROYED, data);
            run.sync();
            run.operator.say("Destroyed key '" + label + "', left unrecorded by the interrupted run; generating anew.");
            return Optional.empty();
        }
        if (!run.logStarted()) {
            throw new StepRefused("the token already holds a key labelled '" + label + "' but there is no audit log: "
                    + "a root ceremony was interrupted while it generated its first key. Nothing was signed with it. "
                    + "Delete it (pkcs11-tool --delete-object --type privkey --label " + label + ", and the same with "
                    + "--type pubkey) and run the ceremony again");
        }
        throw new StepRefused("the token already holds a key labelled '" + label + "' (public key SHA-256 " + sha
                + "); Ceremony never replaces a key. If it is left from a rehearsal, use a fresh token");
    }

    @Override
    public void restore(Run run, ScriptStep step) {
        String label = step.arguments().get("label");
        KeyHandle key = run.requireToken().findKey(new KeyLabel(label)).orElseThrow(() -> new StepRefused(
                "step '" + step.id() + "' generated key '" + label + "' in the interrupted run, and the token no longer "
                        + "holds it; is this the right token? Otherwise abort the ceremony (--abort)"));
        Optional<String> recorded = run.before.recordedKey(run.ceremony, label);
        if (recorded.isPresent() && !recorded.get().equals(key.publicKeySha256().orElse(""))) {
            throw new StepRefused("the key labelled '" + label + "' on the token is not the one step '" + step.id()
                    + "' generated (SHA-256 " + recorded.get() + "); is this the right token?");
        }
        run.keys.put(step.arguments().get("key"), key);
    }

    private static Map<String, Object> attributes(KeyAttributes a) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sensitive", a.sensitive());
        data.put("always-sensitive", a.alwaysSensitive());
        data.put("extractable", a.extractable());
        data.put("never-extractable", a.neverExtractable());
        data.put("local", a.local());
        data.put("sign", a.sign());
        data.put("decrypt", a.decrypt());
        data.put("unwrap", a.unwrap());
        data.put("derive", a.derive());
        return data;
    }
}
