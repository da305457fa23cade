package dev.ceremony.pkcs11;

import dev.ceremony.token.KeyAttribute;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.KeyTemplate;
import dev.ceremony.token.KeyType;
import dev.ceremony.token.TokenFamily;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.CK_MECHANISM;

/** Builds the C_GenerateKeyPair arguments from a family's templates and a key spec. */
final class Templates {

    private Templates() {
    }

    static CK_MECHANISM mechanism(KeySpec spec) {
        return new CK_MECHANISM(spec.type() == KeyType.EC ? Ck.CKM_EC_KEY_PAIR_GEN : Ck.CKM_RSA_PKCS_KEY_PAIR_GEN);
    }

    static CK_ATTRIBUTE[] publicKey(TokenFamily family, KeySpec spec, KeyLabel label, byte[] id) {
        List<CK_ATTRIBUTE> attributes = common(Ck.CKO_PUBLIC_KEY, family.publicKeyTemplate(), label, id);
        if (spec.type() == KeyType.EC) {
            attributes.add(new CK_ATTRIBUTE(Ck.CKA_EC_PARAMS, namedCurve(spec)));
        } else {
            attributes.add(new CK_ATTRIBUTE(Ck.CKA_MODULUS_BITS, (long) spec.bits()));
            attributes.add(new CK_ATTRIBUTE(Ck.CKA_PUBLIC_EXPONENT,
                    BigInteger.valueOf(KeySpec.RSA_PUBLIC_EXPONENT).toByteArray()));
        }
        return attributes.toArray(new CK_ATTRIBUTE[0]);
    }

    static CK_ATTRIBUTE[] privateKey(TokenFamily family, KeyLabel label, byte[] id) {
        return common(Ck.CKO_PRIVATE_KEY, family.privateKeyTemplate(), label, id).toArray(new CK_ATTRIBUTE[0]);
    }

    private static List<CK_ATTRIBUTE> common(long objectClass, KeyTemplate template, KeyLabel label, byte[] id) {
        List<CK_ATTRIBUTE> attributes = new ArrayList<>();
        attributes.add(new CK_ATTRIBUTE(Ck.CKA_CLASS, objectClass));
        attributes.add(new CK_ATTRIBUTE(Ck.CKA_LABEL, label.value().toCharArray()));
        attributes.add(new CK_ATTRIBUTE(Ck.CKA_ID, id.clone()));
        for (Map.Entry<KeyAttribute, Boolean> entry : template.values().entrySet()) {
            attributes.add(new CK_ATTRIBUTE(Ck.attribute(entry.getKey()), entry.getValue().booleanValue()));
        }
        return attributes;
    }

    private static byte[] namedCurve(KeySpec spec) {
        try {
            return new ASN1ObjectIdentifier(spec.curveOid()).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the OID of " + spec, e);
        }
    }
}
