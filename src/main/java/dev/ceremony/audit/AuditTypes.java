package dev.ceremony.audit;

/** Record types the verifier understands; every other type is an event it only chains and seals. */
public final class AuditTypes {

    /** The first record: the audit public key, before any key or certificate exists. */
    public static final String LOG_START = "log-start";

    /**
     * A ceremony begins; carries the previous ceremony's head hash, and, when records followed the
     * last seal, {@code unsealed-before} (their count), {@code last-sealed-line}, {@code unsealed-types}
     * and {@code unsealed-ceremonies}: what its first seal vouches for.
     */
    public static final String CEREMONY_START = "ceremony-start";

    /** The audit signer's certificate, issued by the root; its key must be the log-start key. */
    public static final String AUDIT_CERTIFICATE = "audit-certificate";

    /** A signature by the audit key over the seal's own line. */
    public static final String SEAL = "seal";

    /** A torn line from a crash was cut off when the log was reopened. */
    public static final String REPAIR = "repair";

    /** A serial and TBS hash reserved before the token signs (write-ahead). */
    public static final String SERIAL_RESERVED = "serial-reserved";

    /** A certificate entered the index. */
    public static final String CERTIFICATE_ISSUED = "certificate-issued";

    /**
     * Signed certificates kept for later exports: {@code issuer}, {@code certificates} (Base64 DER)
     * and {@code sha256} (each certificate's fingerprint, in the same order).
     */
    public static final String CERTIFICATES_STORED = "certificates-stored";

    /** A certificate was revoked. */
    public static final String CERTIFICATE_REVOKED = "certificate-revoked";

    /** A CRL number was reserved before the CRL was signed. */
    public static final String CRL_NUMBER_RESERVED = "crl-number-reserved";

    /** A CA certificate was stored in the records. */
    public static final String CA_CERTIFICATE_STORED = "ca-certificate-stored";

    /** A signed CRL was stored in the records. */
    public static final String CRL_STORED = "crl-stored";

    /** Who takes part, in which role: {@code role}, {@code name}. */
    public static final String PARTICIPANT = "participant";

    /** A script step finished: {@code step}, {@code action}, {@code outcome}. */
    public static final String STEP = "step";

    /** Somebody confirmed a step: {@code step}, {@code role}, {@code name}. */
    public static final String CONFIRMATION = "confirmation";

    /** A key was made on the token: {@code label}, {@code public-key-sha256}, and its attributes. */
    public static final String KEY_GENERATED = "key-generated";

    /** Anything to compare aloud: {@code subject}, {@code sha256}. */
    public static final String FINGERPRINT = "fingerprint";

    /** An operator's note: {@code name}, {@code text}. */
    public static final String NOTE = "note";

    /** A ceremony ended: {@code outcome} completed, aborted, or refused (in its preflight, before any change). */
    public static final String CEREMONY_END = "ceremony-end";

    /**
     * An interrupted ceremony was taken up again: {@code plan-sha256}, and the unsealed records it found
     * as {@link #CEREMONY_START} names them.
     */
    public static final String CEREMONY_RESUMED = "ceremony-resumed";

    /** A script step began: {@code step}, {@code action}, {@code arguments}. */
    public static final String STEP_STARTED = "step-started";

    /** One preflight check: {@code check}, {@code outcome}, {@code detail}. */
    public static final String PREFLIGHT = "preflight";

    /** The SHA-256 of what runs: script, profiles, configuration and program. */
    public static final String PROVENANCE = "provenance";

    /** The token the ceremony uses: label, serial, manufacturer, model, production or rehearsal. */
    public static final String TOKEN = "token";

    /** Written, and made durable, just before the token generates a key: {@code label}, {@code spec}. */
    public static final String KEY_GENERATION_STARTED = "key-generation-started";

    /** A key already on the token is used again (the log's own audit key): {@code label}, {@code public-key-sha256}. */
    public static final String KEY_REUSED = "key-reused";

    /** A key was destroyed on the token: {@code label}, {@code public-key-sha256}, {@code reason}. */
    public static final String KEY_DESTROYED = "key-destroyed";

    /** One request's review: {@code source}, {@code verdict}, the subject issued, refusal rules. */
    public static final String REQUEST_REVIEWED = "request-reviewed";

    /**
     * A request the review accepted and the officer left out of the signing: {@code source},
     * {@code quarantine}, {@code by} (the administrator's name).
     */
    public static final String REQUEST_LEFT_OUT = "request-left-out";

    /** An intermediate rotation's plan: old and new CA, retirement and last expiry dates. */
    public static final String ROTATION_PLAN = "rotation-plan";

    /** One custodian received share {@code index} of a new quorum (the share itself is never logged). */
    public static final String SHARE_HANDED_OUT = "share-handed-out";

    /**
     * A new quorum for a token PIN (user or SO): id, M, N, the secret's length, the slow verifier and
     * the custodians in share order; written and synced before the token's PIN changes.
     */
    public static final String QUORUM_SET = "quorum-set";

    /** The token took the new PIN of the quorum named; from here on that quorum's shares log in. */
    public static final String PIN_CHANGED = "pin-changed";

    /** A login by custodians' shares: which quorum, which shares (their indices) came together. */
    public static final String QUORUM_LOGIN = "quorum-login";

    /** The records were repaired from the log when a ceremony opened them: {@code repair}. */
    public static final String RECORDS_REPAIRED = "records-repaired";

    /** A file copied from the import medium into quarantine: {@code name}, {@code sha256}, {@code quarantine}. */
    public static final String MEDIA_FILE_IMPORTED = "media-file-imported";

    /**
     * A folder a ceremony is about to create, written (and synced) before it exists, so that a kill
     * cannot leave a folder the log does not know: {@code kind} ({@code export} or {@code quarantine}),
     * {@code folder}.
     */
    public static final String FOLDER_STARTED = "folder-started";

    /** An export folder committed with its SHA256SUMS: {@code folder}, {@code files}, {@code sha256sums-sha256}. */
    public static final String EXPORT_WRITTEN = "export-written";

    /**
     * A folder the ceremony started and never completed, dealt with by its next run or its abort:
     * {@code kind}, {@code folder}, {@code outcome} ({@code removed} or {@code left}) and, when left,
     * {@code reason}.
     */
    public static final String INCOMPLETE_FOLDER = "incomplete-folder";

    /**
     * What the people confirming a step were shown, written before their confirmations: {@code step},
     * {@code heading}, {@code facts} (a list of {@code [label, value]} pairs, label empty for a value
     * continuing the one before). The transcript prints the same lines.
     */
    public static final String FACTS_SHOWN = "facts-shown";

    /**
     * The record types that change what the CA is. Each is written only after every confirmation its
     * step asks for (the abort's own key destructions aside).
     */
    public static final java.util.Set<String> STATE_CHANGES = java.util.Set.of(KEY_GENERATION_STARTED, KEY_GENERATED,
            KEY_DESTROYED, KEY_REUSED, SERIAL_RESERVED, CERTIFICATE_ISSUED, CERTIFICATES_STORED, CERTIFICATE_REVOKED,
            CRL_NUMBER_RESERVED, CA_CERTIFICATE_STORED, CRL_STORED, AUDIT_CERTIFICATE, ROTATION_PLAN,
            SHARE_HANDED_OUT, QUORUM_SET, PIN_CHANGED);

    /** Types that record something going other than planned; each carries a {@code reason}. */
    public static final java.util.Set<String> DEVIATIONS = java.util.Set.of("refusal", "error", "abort", "deviation");

    /**
     * A check or a person refused; the ceremony stopped and can be resumed, unless a ceremony-end
     * "refused" follows (a preflight refusal before any step completed): {@code step}, {@code reason}.
     */
    public static final String REFUSAL = "refusal";

    /** Something failed; the ceremony stopped and can be resumed: {@code step}, {@code reason}. */
    public static final String ERROR = "error";

    /**
     * The ceremony was abandoned: {@code step} (the step it ran, or for an unfinished ceremony aborted
     * later the last step it began, with {@code step-completed} and {@code by}, who aborted it), {@code reason}.
     */
    public static final String ABORT = "abort";

    /** Something went other than the script says and the ceremony went on: {@code reason}. */
    public static final String DEVIATION = "deviation";

    private AuditTypes() {
    }
}
