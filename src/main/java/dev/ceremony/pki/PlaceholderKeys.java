package dev.ceremony.pki;

import dev.ceremony.token.KeyAttributes;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyId;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.KeyType;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
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

    /**
     * A handle for a CA key an earlier ceremony made, known to a plan only by its certificate: the
     * real public key and key type, so that the plan shows the real signature algorithm. A plan
     * never signs with it.
     *
     * @throws IllegalArgumentException when the key is of a type Ceremony does not use
     */
    public static KeyHandle certified(String label, SubjectPublicKeyInfo info) {
        KeyType type = TbsBuilder.keyType(info);
        Optional<KeySpec> spec;
        PublicKey key;
        try {
            if (type == KeyType.EC) {
                spec = KeySpec.of(type, 0, ASN1ObjectIdentifier.getInstance(info.getAlgorithm().getParameters())
                        .getId());
            } else if (type == KeyType.RSA) {
                spec = KeySpec.of(type, RSAPublicKey.getInstance(info.parsePublicKey()).getModulus().bitLength(), null);
            } else {
                spec = Optional.empty();
            }
            key = KeyFactory.getInstance(type == KeyType.EC ? "EC" : "RSA")
                    .generatePublic(new X509EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException | java.io.IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the key of '" + label + "' cannot be read: " + e.getMessage(), e);
        }
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("the key of '" + label + "' is of a type Ceremony does not use; "
                    + "supported: " + KeySpec.displayNames());
        }
        return new KeyHandle(label, KeyId.of(new byte[0]), type, spec, Optional.of(key), new KeyAttributes(false,
                false, false, false, false, false, false, false, false));
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
