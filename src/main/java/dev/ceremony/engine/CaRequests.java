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
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Turns a certificate step of a script (self-sign the root, certify the audit key, sign an
 * intermediate) into an issuance request. The plan builds it around placeholder keys, the run
 * around the token's; both go through here, so what was planned is what is signed.
 */
final class CaRequests {

    /** The value of {@code permitted-dns} that means no name constraints. */
    static final String NO_CONSTRAINTS = "none";

    private final Map<String, CertificateProfile> profiles;
    private final DnDefaults dnDefaults;

    CaRequests(Map<String, CertificateProfile> profiles, DnDefaults dnDefaults) {
        this.profiles = Map.copyOf(profiles);
        this.dnDefaults = Objects.requireNonNull(dnDefaults, "dnDefaults");
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
                nameConstraints(step));
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

    private static Optional<NameConstraintsSpec> nameConstraints(ScriptStep step) {
        String value = step.arguments().get("permitted-dns");
        if (value == null || value.strip().equals(NO_CONSTRAINTS)) {
            return Optional.empty();
        }
        List<String> domains = Arrays.stream(value.split(",", -1)).map(String::strip).toList();
        try {
            return Optional.of(new NameConstraintsSpec(domains, List.of()));
        } catch (IllegalArgumentException e) {
            throw new StepRefused("step '" + step.id() + "', permitted-dns '" + value + "': " + e.getMessage());
        }
    }
}
