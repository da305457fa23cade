package dev.ceremony.records;

/** The CRL reason codes of RFC 5280 section 5.3.1 that a revocation ceremony may give. */
public enum RevocationReason {
    UNSPECIFIED(0),
    KEY_COMPROMISE(1),
    CA_COMPROMISE(2),
    AFFILIATION_CHANGED(3),
    SUPERSEDED(4),
    CESSATION_OF_OPERATION(5),
    CERTIFICATE_HOLD(6),
    PRIVILEGE_WITHDRAWN(9);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    /** The CRLReason value. */
    public int code() {
        return code;
    }

    /** The reason of a CRLReason value, if it is one of these. */
    public static java.util.Optional<RevocationReason> ofCode(int code) {
        return java.util.Arrays.stream(values()).filter(reason -> reason.code == code).findFirst();
    }
}
