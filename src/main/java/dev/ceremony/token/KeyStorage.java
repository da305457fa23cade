package dev.ceremony.token;

/** How a token family stores keys, which decides whether Ceremony can create keys on it. */
public enum KeyStorage {
    /** Any number of keys with free labels and CKA_IDs (SoftHSM2, SmartCard-HSM, YubiHSM 2, Luna). */
    FREE_LABELS,
    /** A fixed set of slots with fixed CKA_IDs and labels (YubiKey PIV through ykcs11). */
    FIXED_SLOTS;
}
