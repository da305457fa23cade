package dev.ceremony.pkcs11;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** Turns the public-key attributes of a token object into a JCA {@link PublicKey}. */
final class PublicKeys {

    private PublicKeys() {
    }

    /**
     * @param fieldBits the curve's field size, which fixes the length of an uncompressed point
     * @param ecParams CKA_EC_PARAMS: the DER of a named curve's OID
     * @param ecPoint CKA_EC_POINT: a DER OCTET STRING holding the uncompressed point (PKCS#11
     *     v2.40), or, from some older tokens, the raw point itself
     */
    static PublicKey ec(int fieldBits, byte[] ecParams, byte[] ecPoint) throws GeneralSecurityException {
        ASN1ObjectIdentifier curve = curveOid(ecParams);
        byte[] point = unwrapPoint(1 + 2 * ((fieldBits + 7) / 8), ecPoint);
        try {
            SubjectPublicKeyInfo info = new SubjectPublicKeyInfo(
                    new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), point);
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(info.getEncoded()));
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot encode the EC public key", e);
        }
    }

    static PublicKey rsa(BigInteger modulus, BigInteger exponent) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
    }

    /** The named curve of CKA_EC_PARAMS; explicit curve parameters are refused. */
    static ASN1ObjectIdentifier curveOid(byte[] ecParams) throws GeneralSecurityException {
        try {
            ASN1Primitive params = ASN1Primitive.fromByteArray(ecParams);
            if (params instanceof ASN1ObjectIdentifier oid) {
                return oid;
            }
            throw new GeneralSecurityException("CKA_EC_PARAMS does not name a curve");
        } catch (IOException e) {
            throw new GeneralSecurityException("CKA_EC_PARAMS is not DER", e);
        }
    }

    private static byte[] unwrapPoint(int rawLength, byte[] ecPoint) throws GeneralSecurityException {
        if (ecPoint == null || ecPoint.length == 0) {
            throw new GeneralSecurityException("CKA_EC_POINT is empty");
        }
        if (ecPoint.length == rawLength && ecPoint[0] == 0x04) {
            return ecPoint;
        }
        try {
            byte[] point = ASN1OctetString.getInstance(ASN1Primitive.fromByteArray(ecPoint)).getOctets();
            if (point.length != rawLength) {
                throw new GeneralSecurityException("CKA_EC_POINT holds " + point.length + " bytes; expected an "
                        + "uncompressed point of " + rawLength);
            }
            return point;
        } catch (IOException | IllegalArgumentException e) {
            throw new GeneralSecurityException("CKA_EC_POINT is neither DER nor a raw uncompressed point", e);
        }
    }
}
