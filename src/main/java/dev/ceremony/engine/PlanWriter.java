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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Writes a ceremony's plan without touching the token: the resolved parameters, every step with
 * its arguments, each certificate the ceremony will create drafted around a placeholder key of the
 * same type, and the lint result of each draft. CAs made by earlier ceremonies are read from the
 * records when they are there (their real names, key types and so signature algorithms, and the
 * name constraints a rotation carries over); without records, placeholders stand in for them.
 * The plan depends only on the script, its parameters, the profiles, the configuration and those
 * CA certificates, so it can be made and signed before the day, and it is the same when a
 * ceremony resumes (the CAs a script creates itself are never read back from the records).
 */
public final class PlanWriter {

    /** Widest line of a plan. */
    public static final int WIDTH = 80;

    /**
     * The version of the plan's text, recorded in each ceremony's first record ({@code plan-format}).
     * Raise it whenever the text of a plan of the same script, parameters, profiles, configuration
     * and records changes, so that a ceremony started under the earlier text can still be resumed:
     * its plan hash cannot be made again, and the resume is held to the same script and parameters
     * instead (see {@link StartedPlan}). Records without the field are of the text before 2, which
     * had no section "CAs of earlier ceremonies".
     */
    public static final int FORMAT = 2;

    private final CertificateDrafter drafter;
    private final Map<String, CertificateProfile> profiles;
    private final dev.ceremony.config.DnDefaults dnDefaults;

    public PlanWriter(Map<String, CertificateProfile> profiles, dev.ceremony.config.DnDefaults dnDefaults,
            CertificateDrafter drafter) {
        this.profiles = Map.copyOf(profiles);
        this.dnDefaults = Objects.requireNonNull(dnDefaults, "dnDefaults");
        this.drafter = Objects.requireNonNull(drafter, "drafter");
    }

    /** The plan of {@code resolved}, with the CAs of earlier ceremonies read from {@code records}. */
    public CeremonyPlan plan(ResolvedScript resolved, CaCertificates records) {
        return new Drafting(resolved, records).plan();
    }

    /** One plan being written: what it drafted so far, and which CAs of the records it read. */
    private final class Drafting {

        private final ResolvedScript resolved;
        private final CaCertificates earlier;
        private final CaRequests requests;
        private final Map<String, KeyHandle> keys = new HashMap<>();
        private final Map<String, CaSigner> cas = new HashMap<>();
        private final Map<String, String> read = new LinkedHashMap<>();
        private final Map<String, NameConstraintsChange> changes = new LinkedHashMap<>();
        private final List<String> findings = new ArrayList<>();
        private boolean stoodIn;

        Drafting(ResolvedScript resolved, CaCertificates records) {
            this.resolved = resolved;
            Set<String> created = new HashSet<>();
            resolved.script().steps().stream().filter(step -> step.action() == StepAction.GENERATE_KEY)
                    .forEach(step -> created.add(step.arguments().get("label")));
            Map<String, org.bouncycastle.cert.X509CertificateHolder> before = new HashMap<>(records.byName());
            before.keySet().removeAll(created);
            this.earlier = new CaCertificates(before);
            this.requests = new CaRequests(profiles, dnDefaults, () -> earlier);
        }

        CeremonyPlan plan() {
            CeremonyScript script = resolved.script();
            List<String> out = new ArrayList<>();
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
            List<String> steps = steps(script);
            out.add("");
            out.add("CAs of earlier ceremonies");
            records(out);
            out.add("");
            out.add("Steps");
            out.addAll(steps);
            out.add("");
            out.add("Dry-run lint");
            if (findings.isEmpty()) {
                out.add("  every certificate template passes");
            }
            findings.forEach(finding -> wrap(out, "  REFUSED " + finding, 4));
            return new CeremonyPlan(String.join("\n", out) + "\n", findings, changes);
        }

        private List<String> steps(CeremonyScript script) {
            List<String> out = new ArrayList<>();
            int number = 0;
            for (ScriptStep step : script.steps()) {
                number++;
                out.add("");
                wrap(out, String.format("  %d. %s (%s), confirmed by %s", number, step.id(),
                        KebabCase.of(step.action()), String.join(", ", step.confirmBy().stream().sorted()
                                .map(KebabCase::of).toList())), 7);
                wrap(out, "     " + step.instruction(), 5);
                step.arguments().forEach((name, value) -> wrap(out, String.format("     %-16s %s", name, value), 22));
                if (step.action() == StepAction.GENERATE_KEY) {
                    KeySpec spec = KebabCase.parse(KeySpec.class, step.arguments().get("spec"));
                    keys.put(step.arguments().get("key"), PlaceholderKeys.handle(step.arguments().get("label"), spec));
                }
                if (step.action() == StepAction.SELF_SIGN_ROOT || step.action() == StepAction.CERTIFY_AUDIT_KEY
                        || step.action() == StepAction.SIGN_INTERMEDIATE) {
                    draft(out, step);
                }
                if (step.action() == StepAction.SIGN_CSRS || step.action() == StepAction.REVIEW_CSRS) {
                    CertificateProfile profile = requests.profile(step);
                    wrap(out, "     each accepted request gets a " + profile.name() + " certificate: "
                            + profile.description() + "; " + profile.defaultDays() + " days unless the step says "
                            + "otherwise, at most " + profile.maxDays() + "; every request is linted before the token "
                            + "signs", 5);
                }
            }
            return out;
        }

        private void draft(List<String> out, ScriptStep step) {
            KeyHandle key = keys.get(step.arguments().get("key"));
            CaSigner issuer = step.action() == StepAction.SELF_SIGN_ROOT ? null
                    : issuer(step.arguments().get("issuer"));
            CertificateIssuer.Request request = requests.request(step, key, issuer);
            CertificateDrafter.Draft draft = drafter.draft(request, CertificateDrafter.DRY_RUN_SERIAL);
            out.add("     certificate template:");
            for (String line : TemplateText.describe(draft.tbs())) {
                wrap(out, "       " + line, 22);
            }
            requests.constraintsChange(step, key).ifPresent(change -> {
                changes.put(step.id(), change);
                read.putIfAbsent(change.replaced(), "the generation " + change.replacement() + " replaces: "
                        + earlier.certificate(change.replaced()).orElseThrow().getSubject());
                change.lines(WIDTH - 5).forEach(line -> out.add("     " + line));
            });
            String keep = step.arguments().get("permitted-dns");
            if (step.action() == StepAction.SIGN_INTERMEDIATE && step.arguments().containsKey("ca")
                    && earlier.names().isEmpty() && (keep == null || keep.strip().equals(CaRequests.KEEP_CONSTRAINTS))) {
                wrap(out, "     name constraints: those of the generation replaced, if any; read from the records on "
                        + "the day (there are no records here)", 5);
            }
            for (LintFinding finding : draft.findings()) {
                findings.add(step.id() + ": [" + finding.rule() + "] " + finding.message());
            }
            wrap(out, "     dry-run lint: " + (draft.findings().isEmpty() ? "passed"
                    : draft.findings().size() + " finding(s), see the end of the plan"), 7);
            if (request.profile().kind().isCa()) {
                cas.put(step.arguments().get("key"), CaSigner.of(key, draft.placeholderCertificate()));
            }
        }

        /**
         * The issuer a step names: a CA drafted earlier in this plan, else the newest generation
         * the records hold (its real certificate and key), else a placeholder for it.
         */
        private CaSigner issuer(String reference) {
            CaSigner planned = cas.get(reference);
            if (planned != null) {
                return planned;
            }
            Optional<String> name = CaNames.current(earlier.names(), reference);
            if (name.isPresent()) {
                org.bouncycastle.cert.X509CertificateHolder certificate = earlier.certificate(name.get()).orElseThrow();
                KeyHandle key;
                try {
                    key = PlaceholderKeys.certified(name.get(), certificate.getSubjectPublicKeyInfo());
                } catch (IllegalArgumentException e) {
                    throw new StepRefused("the records' CA certificate " + name.get() + " cannot issue in this plan: "
                            + e.getMessage());
                }
                CaSigner signer = CaSigner.of(key, certificate);
                read.putIfAbsent(name.get(), certificate.getSubject() + "; " + key.requireSpec().description()
                        + " key, signs " + signer.scheme().jcaName() + "; valid until "
                        + certificate.getNotAfter().toInstant());
                cas.put(reference, signer);
                return signer;
            }
            stoodIn = true;
            if (reference.equals(CaNames.ROOT)) {
                return cas.computeIfAbsent("(existing root)", unused -> standIn("root-ca",
                        "Root CA of an earlier ceremony", KeySpec.EC_P384, Optional.empty()));
            }
            CaSigner root = issuer(CaNames.ROOT);
            return cas.computeIfAbsent("(existing " + reference + ")", unused -> standIn("intermediate-ca",
                    "Intermediate " + reference + " of an earlier ceremony", KeySpec.EC_P256, Optional.of(root)));
        }

        private void records(List<String> out) {
            read.forEach((name, what) -> wrap(out, String.format("  %-14s %s", name, what), 17));
            if (!read.isEmpty()) {
                wrap(out, "  Read from the records. If they change before the run (another ceremony runs), this "
                        + "plan's SHA-256 changes and a run given this one as approved is refused: print the plan "
                        + "again.", 2);
            }
            if (stoodIn) {
                wrap(out, "  " + (read.isEmpty() ? "The records here hold none of the CAs this plan uses"
                        : "The records here do not hold every CA this plan uses") + ": placeholders stand in for them "
                        + "(a root as EC P-384), so their names, key types and signature algorithms below are "
                        + "examples. Make the plan where the records are to see the real ones.", 2);
            }
            if (read.isEmpty() && !stoodIn) {
                out.add("  none used");
            }
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
            CertificateDrafter.Draft draft = drafter.draft(requests.standInRequest(profile, name, key, signer),
                    CertificateDrafter.DRY_RUN_SERIAL);
            return CaSigner.of(key, draft.placeholderCertificate());
        }
    }

    private static void field(List<String> out, String name, String value) {
        wrap(out, String.format("%-15s %s", name, value), 16);
    }

    private static void wrap(List<String> out, String text, int indent) {
        out.addAll(Wrap.lines(text, WIDTH, " ".repeat(indent)));
    }
}
