package dev.ceremony.pkcs11;

/**
 * The PKCS#11 constants this adapter uses, with their values from the PKCS#11 v2.40 headers.
 * Kept here rather than taken from the JDK's PKCS11Constants, whose shape changes between releases.
 */
final class Ck {

    private Ck() {
    }

    // Object classes
    static final long CKO_CERTIFICATE = 0x1L;
    static final long CKO_PUBLIC_KEY = 0x2L;
    static final long CKO_PRIVATE_KEY = 0x3L;

    // Key types
    static final long CKK_RSA = 0x0L;
    static final long CKK_EC = 0x3L;

    // Attributes
    static final long CKA_CLASS = 0x0L;
    static final long CKA_TOKEN = 0x1L;
    static final long CKA_PRIVATE = 0x2L;
    static final long CKA_LABEL = 0x3L;
    static final long CKA_KEY_TYPE = 0x100L;
    static final long CKA_ID = 0x102L;
    static final long CKA_SENSITIVE = 0x103L;
    static final long CKA_ENCRYPT = 0x104L;
    static final long CKA_DECRYPT = 0x105L;
    static final long CKA_WRAP = 0x106L;
    static final long CKA_UNWRAP = 0x107L;
    static final long CKA_SIGN = 0x108L;
    static final long CKA_SIGN_RECOVER = 0x109L;
    static final long CKA_VERIFY = 0x10AL;
    static final long CKA_VERIFY_RECOVER = 0x10BL;
    static final long CKA_DERIVE = 0x10CL;
    static final long CKA_MODULUS = 0x120L;
    static final long CKA_MODULUS_BITS = 0x121L;
    static final long CKA_PUBLIC_EXPONENT = 0x122L;
    static final long CKA_EXTRACTABLE = 0x162L;
    static final long CKA_LOCAL = 0x163L;
    static final long CKA_NEVER_EXTRACTABLE = 0x164L;
    static final long CKA_ALWAYS_SENSITIVE = 0x165L;
    static final long CKA_MODIFIABLE = 0x170L;
    static final long CKA_EC_PARAMS = 0x180L;
    static final long CKA_EC_POINT = 0x181L;

    // Mechanisms
    static final long CKM_RSA_PKCS_KEY_PAIR_GEN = 0x0L;
    static final long CKM_SHA256_RSA_PKCS = 0x40L;
    static final long CKM_SHA384_RSA_PKCS = 0x41L;
    static final long CKM_SHA256_RSA_PKCS_PSS = 0x43L;
    static final long CKM_EC_KEY_PAIR_GEN = 0x1040L;
    static final long CKM_ECDSA = 0x1041L;

    // Users and session flags
    static final long CKU_SO = 0L;
    static final long CKU_USER = 1L;
    static final long CKF_RW_SESSION = 0x2L;
    static final long CKF_SERIAL_SESSION = 0x4L;
    static final long CKF_OS_LOCKING_OK = 0x2L;

    // Token flags
    static final long CKF_LOGIN_REQUIRED = 0x4L;
    static final long CKF_USER_PIN_INITIALIZED = 0x8L;
    static final long CKF_TOKEN_INITIALIZED = 0x400L;
    static final long CKF_USER_PIN_COUNT_LOW = 0x10000L;
    static final long CKF_USER_PIN_FINAL_TRY = 0x20000L;
    static final long CKF_USER_PIN_LOCKED = 0x40000L;
    static final long CKF_USER_PIN_TO_BE_CHANGED = 0x80000L;
    static final long CKF_SO_PIN_FINAL_TRY = 0x200000L;
    static final long CKF_SO_PIN_LOCKED = 0x400000L;

    // Return values
    static final long CKR_FUNCTION_NOT_SUPPORTED = 0x54L;
    static final long CKR_PIN_INCORRECT = 0xA0L;
    static final long CKR_PIN_INVALID = 0xA1L;
    static final long CKR_PIN_LEN_RANGE = 0xA2L;
    static final long CKR_PIN_EXPIRED = 0xA3L;
    static final long CKR_PIN_LOCKED = 0xA4L;
    static final long CKR_USER_ALREADY_LOGGED_IN = 0x100L;
    static final long CKR_USER_NOT_LOGGED_IN = 0x101L;

    /** Maps a token attribute name to its code. */
    static long attribute(dev.ceremony.token.KeyAttribute attribute) {
        return switch (attribute) {
            case TOKEN -> CKA_TOKEN;
            case PRIVATE -> CKA_PRIVATE;
            case MODIFIABLE -> CKA_MODIFIABLE;
            case SENSITIVE -> CKA_SENSITIVE;
            case EXTRACTABLE -> CKA_EXTRACTABLE;
            case SIGN -> CKA_SIGN;
            case SIGN_RECOVER -> CKA_SIGN_RECOVER;
            case DECRYPT -> CKA_DECRYPT;
            case UNWRAP -> CKA_UNWRAP;
            case DERIVE -> CKA_DERIVE;
            case VERIFY -> CKA_VERIFY;
            case VERIFY_RECOVER -> CKA_VERIFY_RECOVER;
            case ENCRYPT -> CKA_ENCRYPT;
            case WRAP -> CKA_WRAP;
        };
    }
}
