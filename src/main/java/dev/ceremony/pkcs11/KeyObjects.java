package dev.ceremony.pkcs11;

import dev.ceremony.token.KeyAttributes;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyId;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.KeyType;
import dev.ceremony.token.TokenException;
import dev.ceremony.token.TokenException.Reason;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * Reads key pairs off the token: the private key's security attributes as the token reports them,
 * and the public key from the public-key object with the same CKA_ID.
 */
final class KeyObjects {

    private final Cryptoki cryptoki;
    private final String tokenLabel;

    KeyObjects(Cryptoki cryptoki, String tokenLabel) {
        this.cryptoki = cryptoki;
        this.tokenLabel = tokenLabel;
    }

    /** Reads a private key's attributes and, from the public object with the same CKA_ID, its public key. */
    KeyHandle describe(long session, long privateKey) throws PKCS11Exception {
        CK_ATTRIBUTE[] read = {
            new CK_ATTRIBUTE(Ck.CKA_LABEL), new CK_ATTRIBUTE(Ck.CKA_ID), new CK_ATTRIBUTE(Ck.CKA_KEY_TYPE),
            new CK_ATTRIBUTE(Ck.CKA_SENSITIVE), new CK_ATTRIBUTE(Ck.CKA_ALWAYS_SENSITIVE),
            new CK_ATTRIBUTE(Ck.CKA_EXTRACTABLE), new CK_ATTRIBUTE(Ck.CKA_NEVER_EXTRACTABLE),
            new CK_ATTRIBUTE(Ck.CKA_LOCAL), new CK_ATTRIBUTE(Ck.CKA_SIGN), new CK_ATTRIBUTE(Ck.CKA_DECRYPT),
            new CK_ATTRIBUTE(Ck.CKA_UNWRAP), new CK_ATTRIBUTE(Ck.CKA_DERIVE)};
        cryptoki.getAttributes(session, privateKey, read);
        String label = read[0].pValue == null ? "" : new String(read[0].getCharArray());
        byte[] id = read[1].pValue == null ? new byte[0] : read[1].getByteArray();
        long keyType = read[2].getLong();
        KeyAttributes attributes = new KeyAttributes(read[3].getBoolean(), read[4].getBoolean(),
                read[5].getBoolean(), read[6].getBoolean(), read[7].getBoolean(), read[8].getBoolean(),
                read[9].getBoolean(), read[10].getBoolean(), read[11].getBoolean());
        KeyType type = keyType == Ck.CKK_EC ? KeyType.EC : keyType == Ck.CKK_RSA ? KeyType.RSA : KeyType.OTHER;
        PublicPart pub = publicPart(session, type, id);
        return new KeyHandle(label, KeyId.of(id), type, pub.spec, pub.key, attributes);
    }

    private record PublicPart(Optional<KeySpec> spec, Optional<PublicKey> key) {
    }

    private PublicPart publicPart(long session, KeyType type, byte[] id) throws PKCS11Exception {
        PublicPart none = new PublicPart(Optional.empty(), Optional.empty());
        if (type == KeyType.OTHER || id.length == 0) {
            return none;
        }
        long[] found = cryptoki.findObjects(session, new CK_ATTRIBUTE[] {
            new CK_ATTRIBUTE(Ck.CKA_CLASS, Ck.CKO_PUBLIC_KEY), new CK_ATTRIBUTE(Ck.CKA_ID, id)});
        if (found.length != 1) {
            return none;
        }
        try {
            if (type == KeyType.EC) {
                CK_ATTRIBUTE[] read = {new CK_ATTRIBUTE(Ck.CKA_EC_PARAMS), new CK_ATTRIBUTE(Ck.CKA_EC_POINT)};
                cryptoki.getAttributes(session, found[0], read);
                ASN1ObjectIdentifier curve = PublicKeys.curveOid(read[0].getByteArray());
                Optional<KeySpec> spec = KeySpec.of(KeyType.EC, 0, curve.getId());
                if (spec.isEmpty()) {
                    return none;
                }
                return new PublicPart(spec, Optional.of(
                        PublicKeys.ec(spec.get().bits(), read[0].getByteArray(), read[1].getByteArray())));
            }
            CK_ATTRIBUTE[] read = {new CK_ATTRIBUTE(Ck.CKA_MODULUS), new CK_ATTRIBUTE(Ck.CKA_PUBLIC_EXPONENT)};
            cryptoki.getAttributes(session, found[0], read);
            BigInteger modulus = read[0].getBigInteger();
            return new PublicPart(KeySpec.of(KeyType.RSA, modulus.bitLength(), null),
                    Optional.of(PublicKeys.rsa(modulus, read[1].getBigInteger())));
        } catch (GeneralSecurityException e) {
            throw new TokenException(Reason.KEY_UNUSABLE, "the public-key object with id "
                    + KeyId.of(id) + " on token '" + tokenLabel + "' cannot be read: " + e.getMessage(), e);
        }
    }
}
