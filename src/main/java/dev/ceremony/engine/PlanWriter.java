package dev.ceremony.engine;

import dev.ceremony.pki.CaSigner;
import dev.ceremony.pki.CertificateDrafter;
import dev.ceremony.pki.CertificateIssuer;
import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.pki.PlaceholderKeys;
import dev.ceremony.pki.lint.LintFinding;
import dev.ceremony.text.KebabCase;
import dev.ceremony.text.Wrap;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeySpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Writes a ceremony's plan without touching the token or the records: the resolved parameters,
 * every step with its arguments, each certificate the ceremony will create drafted around a
 * placeholder key of the same type, and the lint result of each draft. CAs made by earlier
 * ceremonies stand in as placeholders too, so the plan depends only on the script, its
 * parameters, the profiles and the configuration, and can be made and signed before the day.
 */
public final class PlanWriter {

    /** Widest line of a plan. */
    public static final int WIDTH = 80;

    private final CaRequests requests;
    private final CertificateDrafter drafter;
    private final Map<String, CertificateProfile> profiles;

    public PlanWriter(Map<String, CertificateProfile> profiles, dev.ceremony.config.DnDefaults dnDefaults,
            CertificateDrafter drafter) {
        this.profiles = Map.copyOf(profiles);
        this.requests = new CaRequests(profiles, dnDefaults);
        this.drafter = Objects.requireNonNull(drafter, "drafter");
    }

    public CeremonyPlan plan(ResolvedScript resolved) {
        CeremonyScript script = resolved.script();
        List<String> out = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        out.add("CEREMONY PLAN");
        out.add("=".repeat(WIDTH));
        field(out, "Script", script.id() + ": " + script.title());
        field(out, "Script SHA-256", script.sha256());
        field(out, "Description", script.description());
        out.add("");
        out.add("Roles");
        script.roles().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(role ->
                wrap(out, String.format("  %-14s %s", KebabCase.of(role.getKey()), role.getValue()), 17));
        out.add("");
        out.add("Parameters");
        if (resolved.values().isEmpty()) {
            out.add("  none");
        }
        resolved.values().forEach((name, value) -> wrap(out, String.format("  %-20s %s", name, value), 23));
        out.add("");
        out.add("Steps");
        Map<String, KeyHandle> keys = new HashMap<>();
        Map<String, CaSigner> cas = new HashMap<>();
        int number = 0;
        for (ScriptStep step : script.steps()) {
            number++;
            out.add("");
            wrap(out, String.format("  %d. %s (%s), confirmed by %s", number, step.id(), KebabCase.of(step.action()),
                    String.join(", ", step.confirmBy().stream().sorted().map(KebabCase::of).toList())), 7);
            wrap(out, "     " + step.instruction(), 5);
            step.arguments().forEach((name, value) -> wrap(out, String.format("     %-16s %s", name, value), 22));
            if (step.action() == StepAction.GENERATE_KEY) {
                KeySpec spec = KebabCase.parse(KeySpec.class, step.arguments().get("spec"));
                keys.put(step.arguments().get("key"), PlaceholderKeys.handle(step.arguments().get("label"), spec));
            }
            if (step.action() == StepAction.SELF_SIGN_ROOT || step.action() == StepAction.CERTIFY_AUDIT_KEY
                    || step.action() == StepAction.SIGN_INTERMEDIATE) {
                draft(out, findings, step, keys, cas);
            }
            if (step.action() == StepAction.SIGN_CSRS || step.action() == StepAction.REVIEW_CSRS) {
                CertificateProfile profile = requests.profile(step);
                wrap(out, "     each accepted request gets a " + profile.name() + " certificate: "
                        + profile.description() + "; " + profile.defaultDays() + " days unless the step says otherwise,"
                        + " at most " + profile.maxDays() + "; every request is linted before the token signs", 5);
            }
        }
        out.add("");
        out.add("Dry-run lint");
        if (findings.isEmpty()) {
            out.add("  every certificate template passes");
        }
        findings.forEach(finding -> wrap(out, "  REFUSED " + finding, 4));
        return new CeremonyPlan(String.join("\n", out) + "\n", findings);
    }

    private void draft(List<String> out, List<String> findings, ScriptStep step, Map<String, KeyHandle> keys,
            Map<String, CaSigner> cas) {
        KeyHandle key = keys.get(step.arguments().get("key"));
        CaSigner issuer = step.action() == StepAction.SELF_SIGN_ROOT ? null
                : issuer(step.arguments().get("issuer"), cas);
        CertificateIssuer.Request request = requests.request(step, key, issuer);
        CertificateDrafter.Draft draft = drafter.draft(request, CertificateDrafter.DRY_RUN_SERIAL);
        out.add("     certificate template:");
        for (String line : TemplateText.describe(draft.tbs())) {
            wrap(out, "       " + line, 22);
        }
        for (LintFinding finding : draft.findings()) {
            findings.add(step.id() + ": [" + finding.rule() + "] " + finding.message());
        }
        wrap(out, "     dry-run lint: " + (draft.findings().isEmpty() ? "passed"
                : draft.findings().size() + " finding(s), see the end of the plan"), 7);
        String name = step.action() == StepAction.SIGN_INTERMEDIATE ? step.arguments().get("key")
                : step.arguments().get("key");
        if (request.profile().kind().isCa()) {
            cas.put(name, CaSigner.of(key, draft.placeholderCertificate()));
        }
    }

    /**
     * The issuer a step names: a CA drafted earlier in this plan, else a placeholder for a CA an
     * earlier ceremony made (its real key type is known only on the day).
     */
    private CaSigner issuer(String reference, Map<String, CaSigner> cas) {
        CaSigner planned = cas.get(reference);
        if (planned != null) {
            return planned;
        }
        CaSigner root = cas.computeIfAbsent("(existing root)", unused -> standIn("root-ca",
                "Root CA of an earlier ceremony", KeySpec.EC_P384, Optional.empty()));
        if (reference.equals(CaNames.ROOT)) {
            return root;
        }
        return cas.computeIfAbsent("(existing " + reference + ")", unused -> standIn("intermediate-ca",
                "Intermediate " + reference + " of an earlier ceremony", KeySpec.EC_P256, Optional.of(root)));
    }

    private CaSigner standIn(String profileName, String commonName, KeySpec spec, Optional<CaSigner> issuer) {
        CertificateProfile profile = profiles.get(profileName);
        if (profile == null) {
            throw new StepRefused("the plan needs the profile '" + profileName + "' to stand in for a CA of an "
                    + "earlier ceremony, and the profiles folder has none");
        }
        KeyHandle key = PlaceholderKeys.handle("placeholder", spec);
        X500Name name = requests.name(commonName);
        CaSigner signer = issuer.orElse(CaSigner.selfSigning(key, name));
        CertificateDrafter.Draft draft = drafter.draft(requests.standInRequest(profile, name, key, signer), CertificateDrafter.DRY_RUN_SERIAL);
        return CaSigner.of(key, draft.placeholderCertificate());
    }

    private static void field(List<String> out, String name, String value) {
        wrap(out, String.format("%-15s %s", name, value), 16);
    }

    private static void wrap(List<String> out, String text, int indent) {
        out.addAll(Wrap.lines(text, WIDTH, " ".repeat(indent)));
    }
}
