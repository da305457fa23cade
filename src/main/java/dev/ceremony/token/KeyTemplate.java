package dev.ceremony.token;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The boolean attributes with which one half of a key pair is generated. Built only through
 * {@link #forPrivateKey} or {@link #forPublicKey}, which refuse any template weaker than the
 * floor of DESIGN.md section 6: an hsm-config file can add restrictions, never remove one.
 */
public final class KeyTemplate {

    /** Values every private key must be generated with. */
    public static final Map<KeyAttribute, Boolean> PRIVATE_KEY_FLOOR = floor(
            KeyAttribute.TOKEN, true, KeyAttribute.PRIVATE, true, KeyAttribute.SENSITIVE, true,
            KeyAttribute.EXTRACTABLE, false, KeyAttribute.SIGN, true, KeyAttribute.DECRYPT, false,
            KeyAttribute.UNWRAP, false, KeyAttribute.DERIVE, false);

    /** Values every public-key object must be generated with. */
    public static final Map<KeyAttribute, Boolean> PUBLIC_KEY_FLOOR = floor(
            KeyAttribute.TOKEN, true, KeyAttribute.VERIFY, true, KeyAttribute.ENCRYPT, false,
            KeyAttribute.WRAP, false);

    private final Map<KeyAttribute, Boolean> values;

    private KeyTemplate(Map<KeyAttribute, Boolean> values) {
        this.values = Collections.unmodifiableMap(new EnumMap<>(values));
    }

    public static KeyTemplate forPrivateKey(Map<KeyAttribute, Boolean> values) {
        return checked("private-key", values, KeyAttribute.OF_PRIVATE_KEY, PRIVATE_KEY_FLOOR);
    }

    public static KeyTemplate forPublicKey(Map<KeyAttribute, Boolean> values) {
        return checked("public-key", values, KeyAttribute.OF_PUBLIC_KEY, PUBLIC_KEY_FLOOR);
    }

    /** The attributes in a stable order. */
    public Map<KeyAttribute, Boolean> values() {
        return values;
    }

    private static KeyTemplate checked(String what, Map<KeyAttribute, Boolean> values,
            Set<KeyAttribute> allowed, Map<KeyAttribute, Boolean> floor) {
        for (KeyAttribute attribute : values.keySet()) {
            if (!allowed.contains(attribute)) {
                throw new IllegalArgumentException(attribute.pkcs11Name() + " does not belong in a " + what + " template");
            }
        }
        for (Map.Entry<KeyAttribute, Boolean> required : floor.entrySet()) {
            Boolean given = values.get(required.getKey());
            if (!required.getValue().equals(given)) {
                throw new IllegalArgumentException(what + " template must set " + required.getKey().pkcs11Name()
                        + ": " + required.getValue() + (given == null ? " (it is missing)" : " (it sets " + given + ")"));
            }
        }
        return new KeyTemplate(values);
    }

    private static Map<KeyAttribute, Boolean> floor(Object... pairs) {
        Map<KeyAttribute, Boolean> map = new EnumMap<>(KeyAttribute.class);
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((KeyAttribute) pairs[i], (Boolean) pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
