package dev.ceremony.pkcs11;

import dev.ceremony.text.Printable;
import dev.ceremony.token.PinState;
import dev.ceremony.token.TokenIdentity;
import sun.security.pkcs11.wrapper.CK_TOKEN_INFO;
import sun.security.pkcs11.wrapper.CK_VERSION;

/** Reads the domain values out of a CK_TOKEN_INFO. */
final class TokenInfos {

    /** PIN lengths above this are treated as "no limit reported" (some tokens report ~0). */
    private static final long PIN_LENGTH_CEILING = 1024;

    private TokenInfos() {
    }

    static TokenIdentity identity(CK_TOKEN_INFO info) {
        return new TokenIdentity(text(info.label), text(info.manufacturerID), text(info.model),
                text(info.serialNumber), version(info.hardwareVersion), version(info.firmwareVersion));
    }

    static PinState pinState(CK_TOKEN_INFO info) {
        long flags = info.flags;
        int min = (int) Math.max(0, Math.min(info.ulMinPinLen, PIN_LENGTH_CEILING));
        long reportedMax = info.ulMaxPinLen;
        int max = reportedMax <= 0 || reportedMax > PIN_LENGTH_CEILING ? (int) PIN_LENGTH_CEILING : (int) reportedMax;
        return new PinState(
                (flags & Ck.CKF_USER_PIN_INITIALIZED) != 0,
                (flags & Ck.CKF_USER_PIN_COUNT_LOW) != 0,
                (flags & Ck.CKF_USER_PIN_FINAL_TRY) != 0,
                (flags & Ck.CKF_USER_PIN_LOCKED) != 0,
                (flags & Ck.CKF_USER_PIN_TO_BE_CHANGED) != 0,
                min, Math.max(min, max));
    }

    /** The label as the token stores it (trimmed, not escaped), for matching against the configuration. */
    static String rawLabel(CK_TOKEN_INFO info) {
        return info.label == null ? "" : new String(info.label).strip();
    }

    /** The serial as the token stores it (trimmed, not escaped). */
    static String rawSerial(CK_TOKEN_INFO info) {
        return info.serialNumber == null ? "" : new String(info.serialNumber).strip();
    }

    static boolean initialized(CK_TOKEN_INFO info) {
        return (info.flags & Ck.CKF_TOKEN_INITIALIZED) != 0;
    }

    /** A blank-padded CK_UTF8CHAR field, trimmed, with anything unprintable escaped. */
    static String text(char[] field) {
        return field == null ? "" : Printable.escape(new String(field).strip());
    }

    private static String version(CK_VERSION version) {
        return version == null ? "" : (version.major & 0xff) + "." + (version.minor & 0xff);
    }
}
