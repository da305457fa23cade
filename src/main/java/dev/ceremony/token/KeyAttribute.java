package dev.ceremony.token;

import java.util.EnumSet;
import java.util.Set;

/** The boolean PKCS#11 key attributes a key-generation template may set, named as in PKCS#11. */
public enum KeyAttribute {
    TOKEN,
    PRIVATE,
    MODIFIABLE,
    SENSITIVE,
    EXTRACTABLE,
    SIGN,
    SIGN_RECOVER,
    DECRYPT,
    UNWRAP,
    DERIVE,
    VERIFY,
    VERIFY_RECOVER,
    ENCRYPT,
    WRAP;

    /** Attributes that belong on a private-key template. */
    public static final Set<KeyAttribute> OF_PRIVATE_KEY = Set.copyOf(EnumSet.of(
            TOKEN, PRIVATE, MODIFIABLE, SENSITIVE, EXTRACTABLE, SIGN, SIGN_RECOVER, DECRYPT, UNWRAP, DERIVE));

    /** Attributes that belong on a public-key template. */
    public static final Set<KeyAttribute> OF_PUBLIC_KEY = Set.copyOf(EnumSet.of(
            TOKEN, PRIVATE, MODIFIABLE, VERIFY, VERIFY_RECOVER, ENCRYPT, WRAP, DERIVE));

    /** The PKCS#11 name, e.g. {@code CKA_SENSITIVE}. */
    public String pkcs11Name() {
        return "CKA_" + name();
    }

    /** Parses a PKCS#11 name such as {@code CKA_SIGN}. */
    public static KeyAttribute parse(String pkcs11Name) {
        for (KeyAttribute attribute : values()) {
            if (attribute.pkcs11Name().equals(pkcs11Name)) {
                return attribute;
            }
        }
        throw new IllegalArgumentException("unknown attribute '" + pkcs11Name + "'");
    }
}
