package dev.ceremony.engine;

import static dev.ceremony.engine.ArgumentKind.CA;
import static dev.ceremony.engine.ArgumentKind.EXPORT_ITEMS;
import static dev.ceremony.engine.ArgumentKind.KEY;
import static dev.ceremony.engine.ArgumentKind.KEY_SPEC;
import static dev.ceremony.engine.ArgumentKind.NEW_KEY;
import static dev.ceremony.engine.ArgumentKind.PROFILE;
import static dev.ceremony.engine.ArgumentKind.REVOCATION_REASON;
import static dev.ceremony.engine.ArgumentKind.TEXT;
import static dev.ceremony.engine.ArgumentKind.WHOLE_NUMBER;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The closed set of things a ceremony step can do. A script names one per step; anything else is
 * refused when the script is read. Each action declares its arguments, which are required, and
 * whether it touches the token.
 */
public enum StepAction {
    /** Network, clock, token and media checks; records the provenance hashes. */
    PREFLIGHT(false, Map.of(), Set.of()),
    /** Shows the instruction and waits for the roles to confirm (e.g. a tamper-evident bag checked). */
    CONFIRM(false, Map.of(), Set.of()),
    GENERATE_KEY(true, Map.of("key", NEW_KEY, "spec", KEY_SPEC, "label", TEXT), Set.of()),
    SELF_SIGN_ROOT(true, Map.of("key", KEY, "profile", PROFILE, "common-name", TEXT, "validity-days", WHOLE_NUMBER),
            Set.of("validity-days")),
    CERTIFY_AUDIT_KEY(true, Map.of("key", KEY, "issuer", CA, "profile", PROFILE, "common-name", TEXT,
            "validity-days", WHOLE_NUMBER), Set.of("validity-days")),
    SIGN_INTERMEDIATE(true, Map.of("key", KEY, "issuer", CA, "profile", PROFILE, "common-name", TEXT,
            "ca", NEW_KEY, "permitted-dns", TEXT, "validity-days", WHOLE_NUMBER),
            Set.of("permitted-dns", "validity-days")),
    IMPORT_CSRS(false, Map.of(), Set.of()),
    REVIEW_CSRS(false, Map.of("profile", PROFILE), Set.of()),
    SIGN_CSRS(true, Map.of("profile", PROFILE, "issuer", CA, "validity-days", WHOLE_NUMBER), Set.of("validity-days")),
    RECORD_ROTATION_PLAN(false, Map.of("old-issuer", CA, "new-issuer", CA, "overlap-days", WHOLE_NUMBER), Set.of()),
    CHECK_ROOT_ONLY_BUNDLE(false, Map.of("issuer", CA), Set.of()),
    REVOKE(false, Map.of("issuer", CA, "serial", TEXT, "reason", REVOCATION_REASON), Set.of()),
    ISSUE_CRL(true, Map.of("issuer", CA, "next-update-days", WHOLE_NUMBER), Set.of("next-update-days")),
    SHOW_FINGERPRINTS(false, Map.of("of", TEXT), Set.of()),
    EXPORT(false, Map.of("items", EXPORT_ITEMS), Set.of());

    private final boolean touchesToken;
    private final Map<String, ArgumentKind> arguments;
    private final Set<String> optional;

    StepAction(boolean touchesToken, Map<String, ArgumentKind> arguments, Set<String> optional) {
        this.touchesToken = touchesToken;
        this.arguments = new LinkedHashMap<>(arguments);
        this.optional = Set.copyOf(optional);
    }

    /** Whether the step signs, generates or destroys on the token (the engine checks everything else first). */
    public boolean touchesToken() {
        return touchesToken;
    }

    /** The arguments the action takes, with what each names. */
    public Map<String, ArgumentKind> arguments() {
        return Map.copyOf(arguments);
    }

    public boolean required(String argument) {
        return arguments.containsKey(argument) && !optional.contains(argument);
    }
}
