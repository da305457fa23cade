package dev.ceremony.pki;

import dev.ceremony.token.KeyAttributes;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyId;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.KeyType;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Stand-ins for keys that do not exist yet, for the dry run of a ceremony: a software key pair of
 * the same type, whose private half is thrown away at once. The template built around it is
 * linted before the token is touched; nothing is ever signed with it.
 */
public final class PlaceholderKeys {

    private PlaceholderKeys() {
    }

    /** A handle that looks like a token key of {@code spec} but only ever serves a dry run. */
    public static KeyHandle handle(String label, KeySpec spec) {
        return new KeyHandle(label, KeyId.of(new byte[0]), spec.type(), Optional.of(spec),
                Optional.of(publicKey(spec)), new KeyAttributes(false, false, false, false, false, false, false,
                        false, false));
    }

    public static PublicKey publicKey(KeySpec spec) {
        try {
            if (spec.type() == KeyType.EC) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec(spec == KeySpec.EC_P256 ? "secp256r1" : "secp384r1"));
                return generator.generateKeyPair().getPublic();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(spec.bits(), BigInteger.valueOf(KeySpec.RSA_PUBLIC_EXPONENT)));
            return generator.generateKeyPair().getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make a placeholder " + spec.description() + " key", e);
        }
    }
}
