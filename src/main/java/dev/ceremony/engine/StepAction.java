package dev.ceremony.engine;

import static dev.ceremony.engine.ArgumentKind.CA;
import static dev.ceremony.engine.ArgumentKind.CUSTODIANS;
import static dev.ceremony.engine.ArgumentKind.EXPORT_ITEMS;
import static dev.ceremony.engine.ArgumentKind.KEY;
import static dev.ceremony.engine.ArgumentKind.KEY_SPEC;
import static dev.ceremony.engine.ArgumentKind.NEW_KEY;
import static dev.ceremony.engine.ArgumentKind.PIN_ROLE;
import static dev.ceremony.engine.ArgumentKind.PROFILE;
import static dev.ceremony.engine.ArgumentKind.REVOCATION_REASON;
import static dev.ceremony.engine.ArgumentKind.TEXT;
import static dev.ceremony.engine.ArgumentKind.WHOLE_NUMBER;

import java.util.Collections;
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
    PREFLIGHT(false, args(), Set.of()),
    /** Shows the instruction and waits for the roles to confirm (e.g. a tamper-evident bag checked). */
    CONFIRM(false, args(), Set.of()),
    GENERATE_KEY(true, args("key", NEW_KEY, "spec", KEY_SPEC, "label", TEXT), Set.of()),
    SELF_SIGN_ROOT(true, args("key", KEY, "profile", PROFILE, "common-name", TEXT, "validity-days", WHOLE_NUMBER),
            Set.of("validity-days")),
    CERTIFY_AUDIT_KEY(true, args("key", KEY, "issuer", CA, "profile", PROFILE, "common-name", TEXT,
            "validity-days", WHOLE_NUMBER), Set.of("validity-days")),
    SIGN_INTERMEDIATE(true, args("key", KEY, "issuer", CA, "profile", PROFILE, "common-name", TEXT,
            "ca", NEW_KEY, "permitted-dns", TEXT, "validity-days", WHOLE_NUMBER),
            Set.of("permitted-dns", "validity-days")),
    IMPORT_CSRS(false, args(), Set.of()),
    REVIEW_CSRS(false, args("profile", PROFILE), Set.of()),
    SIGN_CSRS(true, args("profile", PROFILE, "issuer", CA, "validity-days", WHOLE_NUMBER), Set.of("validity-days")),
    RECORD_ROTATION_PLAN(false, args("old-issuer", CA, "new-issuer", CA, "overlap-days", WHOLE_NUMBER), Set.of()),
    CHECK_ROOT_ONLY_BUNDLE(false, args("issuer", CA), Set.of()),
    REVOKE(false, args("issuer", CA, "serial", TEXT, "reason", REVOCATION_REASON), Set.of()),
    ISSUE_CRL(true, args("issuer", CA, "next-update-days", WHOLE_NUMBER), Set.of("next-update-days")),
    SHOW_FINGERPRINTS(false, args("of", TEXT), Set.of()),
    EXPORT(false, args("items", EXPORT_ITEMS), Set.of()),
    SHARE_PIN(true, args("pin", PIN_ROLE, "custodians", CUSTODIANS, "threshold", WHOLE_NUMBER), Set.of());

    private final boolean touchesToken;
    private final Map<String, ArgumentKind> arguments;
    private final Set<String> optional;

    StepAction(boolean touchesToken, Map<String, ArgumentKind> arguments, Set<String> optional) {
        this.touchesToken = touchesToken;
        this.arguments = Collections.unmodifiableMap(arguments);
        this.optional = Set.copyOf(optional);
    }

    /** Argument names and kinds in the order given, which is the order messages and plans show. */
    private static Map<String, ArgumentKind> args(Object... namesAndKinds) {
        Map<String, ArgumentKind> arguments = new LinkedHashMap<>();
        for (int i = 0; i < namesAndKinds.length; i += 2) {
            arguments.put((String) namesAndKinds[i], (ArgumentKind) namesAndKinds[i + 1]);
        }
        return arguments;
    }

    /** Whether the step signs, generates or destroys on the token (the engine checks everything else first). */
    public boolean touchesToken() {
        return touchesToken;
    }

    /**
     * Whether the step changes what the CA is (a key, a certificate, a revocation, a CRL, a PIN, a
     * share, a rotation's plan): such a step shows what it is about to do and is confirmed before
     * any record of it is written. The others are confirmed once they have run, on what they did.
     */
    public boolean confirmedFirst() {
        return touchesToken || this == REVOKE || this == RECORD_ROTATION_PLAN;
    }

    /** The arguments the action takes, with what each names. */
    public Map<String, ArgumentKind> arguments() {
        return arguments;
    }

    public boolean required(String argument) {
        return arguments.containsKey(argument) && !optional.contains(argument);
    }
}
