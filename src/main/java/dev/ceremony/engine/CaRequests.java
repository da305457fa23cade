package dev.ceremony.engine;

import dev.ceremony.config.DnDefaults;
import dev.ceremony.pki.CaSigner;
import dev.ceremony.pki.CertificateIssuer;
import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.pki.NameConstraintsSpec;
import dev.ceremony.pki.Names;
import dev.ceremony.pki.ProfileKind;
import dev.ceremony.pki.SubjectData;
import dev.ceremony.text.KebabCase;
import dev.ceremony.token.KeyHandle;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Turns a certificate step of a script (self-sign the root, certify the audit key, sign an
 * intermediate) into an issuance request. The plan builds it around placeholder keys, the run
 * around the token's; both go through here, so what was planned is what is signed.
 */
final class CaRequests {

    /** The value of {@code permitted-dns} that means no name constraints. */
    static final String NO_CONSTRAINTS = "none";

    /**
     * The value of {@code permitted-dns} (also meant when it is not given) that keeps the name
     * constraints of the generation a new intermediate replaces; none for a first generation.
     */
    static final String KEEP_CONSTRAINTS = "keep";

    private final Map<String, CertificateProfile> profiles;
    private final DnDefaults dnDefaults;
    private final Supplier<CaCertificates> existing;

    /** @param existing the CA certificates the records hold when a request is made */
    CaRequests(Map<String, CertificateProfile> profiles, DnDefaults dnDefaults, Supplier<CaCertificates> existing) {
        this.profiles = Map.copyOf(profiles);
        this.dnDefaults = Objects.requireNonNull(dnDefaults, "dnDefaults");
        this.existing = Objects.requireNonNull(existing, "existing");
    }

    /** The profile a step names, checked to be of the kind its action issues. */
    CertificateProfile profile(ScriptStep step) {
        String name = step.arguments().get("profile");
        CertificateProfile profile = profiles.get(name);
        if (profile == null) {
            throw new StepRefused("step '" + step.id() + "': there is no profile '" + name + "' in the profiles "
                    + "folder; there are " + String.join(", ", profiles.keySet().stream().sorted().toList()));
        }
        ProfileKind wanted = switch (step.action()) {
            case SELF_SIGN_ROOT -> ProfileKind.ROOT_CA;
            case SIGN_INTERMEDIATE -> ProfileKind.INTERMEDIATE_CA;
            default -> ProfileKind.END_ENTITY;
        };
        if (profile.kind() != wanted) {
            throw new StepRefused("step '" + step.id() + "': action " + KebabCase.of(step.action()) + " needs a "
                    + KebabCase.of(wanted) + " profile; '" + name + "' is " + KebabCase.of(profile.kind()));
        }
        return profile;
    }

    /** The subject name a step gives its certificate. */
    X500Name subject(ScriptStep step) {
        try {
            return Names.subject(dnDefaults, step.arguments().get("common-name"));
        } catch (IllegalArgumentException e) {
            throw new StepRefused("step '" + step.id() + "', common-name: " + e.getMessage());
        }
    }

    /** The request for a certificate step: {@code key} is the subject's, {@code issuer} signs. */
    CertificateIssuer.Request request(ScriptStep step, KeyHandle key, CaSigner issuer) {
        CertificateProfile profile = profile(step);
        X500Name subject = subject(step);
        CaSigner signer = step.action() == StepAction.SELF_SIGN_ROOT ? CaSigner.selfSigning(key, subject) : issuer;
        Optional<Integer> days = Optional.ofNullable(step.arguments().get("validity-days")).map(Integer::valueOf);
        return new CertificateIssuer.Request(profile, new SubjectData(subject, List.of(),
                SubjectPublicKeyInfo.getInstance(key.requirePublicKey().getEncoded())), signer, days,
                nameConstraints(step, key));
    }

    /** A subject name with the configured defaults and {@code commonName}. */
    X500Name name(String commonName) {
        return Names.subject(dnDefaults, commonName);
    }

    /** A request that stands in for a CA certificate an earlier ceremony made (plans only). */
    CertificateIssuer.Request standInRequest(CertificateProfile profile, X500Name subject, KeyHandle key,
            CaSigner issuer) {
        return new CertificateIssuer.Request(profile, new SubjectData(subject, List.of(),
                SubjectPublicKeyInfo.getInstance(key.requirePublicKey().getEncoded())), issuer, Optional.empty(),
                Optional.empty());
    }

    /**
     * For a step that signs a new generation of an intermediate the records already hold: the
     * name constraints of the generation it replaces beside its own. {@code key} is the new key;
     * its label is the new generation's records name.
     */
    Optional<NameConstraintsChange> constraintsChange(ScriptStep step, KeyHandle key) {
        return replaced(step, key).map(old -> new NameConstraintsChange(old.getKey(), key.label(),
                constraintsOf(step, old.getKey(), old.getValue()), nameConstraints(step, key)));
    }

    /**
     * The name constraints a certificate step gives: those {@code permitted-dns} lists, none for
     * {@value #NO_CONSTRAINTS}, else ({@value #KEEP_CONSTRAINTS}, or not given) those of the
     * generation the new intermediate replaces, so that a rotation never drops them silently.
     */
    private Optional<NameConstraintsSpec> nameConstraints(ScriptStep step, KeyHandle key) {
        String value = step.arguments().get("permitted-dns");
        if (value == null || value.strip().equals(KEEP_CONSTRAINTS)) {
            return replaced(step, key).flatMap(old -> constraintsOf(step, old.getKey(), old.getValue()));
        }
        if (value.strip().equals(NO_CONSTRAINTS)) {
            return Optional.empty();
        }
        List<String> domains = Arrays.stream(value.split(",", -1)).map(String::strip).toList();
        try {
            return Optional.of(new NameConstraintsSpec(domains, List.of()));
        } catch (IllegalArgumentException e) {
            throw new StepRefused("step '" + step.id() + "', permitted-dns '" + value + "': " + e.getMessage()
                    + " (or '" + NO_CONSTRAINTS + "' for no constraints, '" + KEEP_CONSTRAINTS + "' to keep those of "
                    + "the generation replaced)");
        }
    }

    /** The newest generation of the step's CA in the records other than the one {@code key} makes. */
    private Optional<Map.Entry<String, X509CertificateHolder>> replaced(ScriptStep step, KeyHandle key) {
        String ca = step.arguments().get("ca");
        if (step.action() != StepAction.SIGN_INTERMEDIATE || ca == null) {
            return Optional.empty();
        }
        CaCertificates records = existing.get();
        List<String> older = CaNames.generations(records.names(), ca).stream()
                .filter(name -> !name.equals(key.label())).toList();
        if (older.isEmpty()) {
            return Optional.empty();
        }
        String name = older.get(older.size() - 1);
        return Optional.of(Map.entry(name, records.certificate(name).orElseThrow()));
    }

    private static Optional<NameConstraintsSpec> constraintsOf(ScriptStep step, String name,
            X509CertificateHolder certificate) {
        Extension extension = certificate.getExtension(Extension.nameConstraints);
        if (extension == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(NameConstraintsSpec.of(NameConstraints.getInstance(extension.getParsedValue())));
        } catch (IllegalArgumentException e) {
            throw new StepRefused("step '" + step.id() + "': the name constraints of " + name + " ("
                    + certificate.getSubject() + ") cannot be carried over: " + e.getMessage() + ". Give the new "
                    + "generation's constraints with the permitted-dns parameter (domains, or '" + NO_CONSTRAINTS
                    + "')");
        }
    }
}
